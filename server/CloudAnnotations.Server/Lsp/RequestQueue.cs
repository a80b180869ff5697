namespace CloudAnnotations.Server.Lsp;

/// <summary>
/// The small queue in front of the handlers. StreamJsonRpc invokes handlers one at a time in arrival order (the server
/// gives it a non-concurrent synchronisation context) up to their first await; every handler reaches the queue
/// synchronously, so the queue sees messages in the order the client sent them:
/// <list type="bullet">
/// <item><b>Mutations</b> (document changes, configuration, project facts) run alone and in order, each producing a new
/// immutable <typeparamref name="TState"/>. They are quick (incremental re-analysis), so they run right away.</item>
/// <item><b>Reads</b> take the state as it stands after every earlier message, then run concurrently on the thread pool,
/// never blocking later messages.</item>
/// </list>
/// Internal producers (a folder scan finishing, configuration arriving) mutate through the same lock.
/// </summary>
internal sealed class RequestQueue<TState> where TState : class
{
    private readonly object _gate = new();
    private TState _state;

    public RequestQueue(TState initial) => _state = initial;

    /// <summary>The latest state (an immutable snapshot).</summary>
    public TState Current => Volatile.Read(ref _state);

    /// <summary>Applies a change alone; returns the state it produced.</summary>
    public TState Mutate(Func<TState, TState> change)
    {
        lock (_gate)
        {
            var next = change(_state);
            Volatile.Write(ref _state, next);
            return next;
        }
    }

    /// <summary>Runs a read on the thread pool against the state as of now (i.e. after every message received before it).</summary>
    public Task<T> Read<T>(Func<TState, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var snapshot = Current;
        return Task.Run(() => read(snapshot, cancellationToken), cancellationToken);
    }
}
