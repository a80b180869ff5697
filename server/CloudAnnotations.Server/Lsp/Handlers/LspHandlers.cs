namespace CloudAnnotations.Server.Lsp.Handlers;

/// <summary>One instance of every handler group, for <see cref="LspMethods"/> to wire.</summary>
internal sealed class LspHandlers(LspSession session, LspServer server)
{
    public LifecycleHandlers Lifecycle { get; } = new(session, server);
    public DocumentHandlers Documents { get; } = new(session);
    public DiagnosticHandlers Diagnostics { get; } = new(session);
    public CompletionHandlers Completion { get; } = new(session);
    public HoverHandlers Hover { get; } = new(session);
    public CodeActionHandlers CodeActions { get; } = new(session);
    public LabelHandlers Labels { get; } = new(session);
    public StructureHandlers Structure { get; } = new(session);
    public FormattingHandlers Formatting { get; } = new(session);
    public WorkspaceHandlers Workspace { get; } = new(session);
    public CommandHandlers Commands { get; } = new(session);

    /// <summary>The completed result of a notification or a null answer.</summary>
    public static readonly Task<object?> Done = Task.FromResult<object?>(null);
}
