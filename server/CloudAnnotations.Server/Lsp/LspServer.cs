using CloudAnnotations.Server.Lsp.Protocol;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// The language server on one pair of streams: StreamJsonRpc with LSP framing and System.Text.Json, every method from
/// <see cref="LspMethods"/> registered before listening, and the LSP lifecycle enforced at one gate
/// (<see cref="DispatchAsync"/>): requests before <c>initialize</c> get -32002, after <c>shutdown</c> only <c>exit</c>
/// is served, and nothing a handler throws escapes as anything but a JSON-RPC error.
/// </summary>
internal sealed class LspServer : System.IAsyncDisposable
{
    private enum Phase { Created, Running, ShutDown }

    private readonly JsonRpc _rpc;
    private readonly LspSession _session;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Phase _phase = Phase.Created;

    public LspServer(Stream input, Stream output, LspServerOptions? options = null)
    {
        options ??= new LspServerOptions();
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        var client = default(LspClient);
        var handler = new LspMessageHandler(output, input, formatter, message => client?.Log(MessageType.Warning, message));
        _rpc = new JsonRpc(handler)
        {
            // Handlers are entered one at a time, in arrival order, up to their first await: the request queue relies on it.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            ExceptionStrategy = ExceptionProcessing.CommonErrorData,
        };
        client = new LspClient(_rpc, options.Log);
        _session = new LspSession(client, options);

        var handlers = new Handlers.LspHandlers(_session, this);
        foreach (var method in LspMethods.Create(handlers))
        {
            var (target, entryPoint) = method.EntryPoint(this);
            _rpc.AddLocalRpcMethod(entryPoint, target, new JsonRpcMethodAttribute(method.Name) { UseSingleObjectParameterDeserialization = true });
        }
    }

    internal LspSession Session => _session;

    /// <summary>Serves until <c>exit</c> or the end of input. Returns the process exit code: 0 after shutdown, else 1.</summary>
    public async Task<int> RunAsync()
    {
        _rpc.StartListening();
        var finished = await Task.WhenAny(_exit.Task, _rpc.Completion).ConfigureAwait(false);
        int code;
        if (finished == _exit.Task) code = _exit.Task.Result;
        else
        {
            try { await _rpc.Completion.ConfigureAwait(false); }
            catch (Exception ex) { _session.Client.Log(MessageType.Log, "Connection ended: " + ex.Message); }
            code = _phase == Phase.ShutDown ? 0 : 1;
            _session.Client.Log(MessageType.Info, $"The input closed; exiting with code {code}.");
        }
        _session.Dispose();
        return code;
    }

    // ---- lifecycle, driven by the lifecycle handlers ----

    public void MarkInitialized() => _phase = Phase.Running;

    public void MarkShutDown()
    {
        _phase = Phase.ShutDown;
        _session.BeginShutdown();
    }

    public void RequestExit() => _exit.TrySetResult(_phase == Phase.ShutDown ? 0 : 1);

    /// <summary>The single gate every incoming message passes.</summary>
    internal Task<object?> DispatchAsync(LspMethod method, Func<CancellationToken, Task<object?>> handler, CancellationToken cancellationToken)
    {
        switch (_phase)
        {
            case Phase.Created when method.Name is not (LspMethods.Initialize or LspMethods.Exit):
                // Notifications before initialize are dropped; requests are refused.
                return method.IsNotification ? Task.FromResult<object?>(null) : Task.FromException<object?>(LspErrors.ServerNotInitialized());
            case Phase.Running or Phase.ShutDown when method.Name == LspMethods.Initialize:
                return Task.FromException<object?>(LspErrors.AlreadyInitialized());
            case Phase.ShutDown when method.Name != LspMethods.Exit:
                return method.IsNotification ? Task.FromResult<object?>(null) : Task.FromException<object?>(LspErrors.ShutDown());
        }

        Task<object?> task;
        try
        {
            task = handler(cancellationToken);
        }
        catch (Exception ex)
        {
            task = Task.FromException<object?>(ex);
        }
        return task.IsCompletedSuccessfully ? task : GuardAsync(method, task, cancellationToken);
    }

    /// <summary>The handler boundary: expected errors pass through, anything else is logged and answered -32603.</summary>
    private async Task<object?> GuardAsync(LspMethod method, Task<object?> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (LocalRpcException ex)
        {
            if (method.IsNotification) _session.Client.Log(MessageType.Warning, $"{method.Name}: {ex.Message}");
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // StreamJsonRpc answers RequestCancelled (-32800)
        }
        catch (OperationCanceledException)
        {
            if (method.IsNotification) return null;
            throw LspErrors.RequestFailed($"{method.Name} was cancelled by the server.");
        }
        catch (Exception ex)
        {
            _session.Client.Log(MessageType.Error, $"{method.Name} failed: {ex}");
            if (method.IsNotification) return null;
            throw LspErrors.Internal($"{method.Name} failed: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        _rpc.Dispose();
        // After `exit` every answer has been written; a read still pending on the process's stdin cannot be cancelled,
        // so the connection is not waited for. Otherwise give it a moment to wind down.
        if (_exit.Task.IsCompleted) return;
        try { await _rpc.Completion.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false); } catch (Exception) { /* disposed or still reading */ }
    }
}
