// A small in-memory stand-in for the `vscode` module: enough of the API for the bundled extension and
// vscode-languageclient to activate, start a server and run commands under node's test runner. UI calls are
// answered from a script (`ui`) and recorded (`calls`). Members it does not model are no-op functions, so a
// missing one never crashes activation; `unmodelled` lists them.
import fs from 'node:fs';
import path from 'node:path';

export function createVscode({ workspaceDir, settings = {}, projectFiles = [] }) {
  const calls = { messages: [], commands: new Map(), executed: [], context: new Map(), progress: [], diffs: [], opened: [], codeLens: 0 };
  const ui = { quickPick: [], inputBox: [], message: [], openDialog: [] };
  const unmodelled = new Set();
  const secretsStore = new Map();

  class Disposable {
    constructor(fn) { this.fn = fn; }
    dispose() { this.fn?.(); this.fn = undefined; }
    static from(...ds) { return new Disposable(() => ds.forEach((d) => d?.dispose?.())); }
  }
  class EventEmitter {
    listeners = new Set();
    event = (l, thisArg) => { const f = thisArg ? l.bind(thisArg) : l; this.listeners.add(f); return new Disposable(() => this.listeners.delete(f)); };
    fire(e) { for (const l of [...this.listeners]) l(e); }
    dispose() { this.listeners.clear(); }
  }
  class Uri {
    constructor(scheme, p) { this.scheme = scheme; this.path = p; this.authority = ''; this.query = ''; this.fragment = ''; }
    get fsPath() { return this.path; }
    static file(p) { return new Uri('file', path.posix.normalize(p)); }
    static parse(s) { const m = /^([a-z][\w+.-]*):\/\/[^/]*(.*)$/i.exec(s); return m ? new Uri(m[1], decodeURIComponent(m[2])) : new Uri('file', s); }
    static joinPath(u, ...parts) { return new Uri(u.scheme, path.posix.normalize(path.posix.join(u.path, ...parts))); }
    with(change) { return new Uri(change.scheme ?? this.scheme, change.path ?? this.path); }
    toString() { return `${this.scheme}://${this.path.split('/').map(encodeURIComponent).join('/')}`; }
    toJSON() { return this.toString(); }
  }
  class Position { constructor(line, character) { this.line = line; this.character = character; } }
  class Range { constructor(a, b, c, d) { if (a instanceof Position) { this.start = a; this.end = b; } else { this.start = new Position(a, b); this.end = new Position(c, d); } } }
  class Selection extends Range {}
  class ThemeColor { constructor(id) { this.id = id; } }
  class CodeLens { constructor(range, command) { this.range = range; this.command = command; } }
  class CodeActionKind {
    constructor(value) { this.value = value; }
    append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
    contains(other) { return this.value === other.value || other.value.startsWith(`${this.value}.`); }
    intersects(other) { return this.contains(other) || other.contains(this); }
  }
  for (const [k, v] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', Source: 'source', SourceOrganizeImports: 'source.organizeImports', SourceFixAll: 'source.fixAll', Notebook: 'notebook' })) {
    CodeActionKind[k] = new CodeActionKind(v);
  }
  class CancellationTokenSource {
    emitter = new EventEmitter();
    token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
    cancel() { this.token.isCancellationRequested = true; this.emitter.fire(); }
    dispose() {}
  }
  const enumLike = (...names) => Object.fromEntries(names.map((n, i) => [n, i + 1]));

  const event = () => new EventEmitter().event;
  const fallback = (ns) => (target, prop) => {
    if (prop in target) return target[prop];
    if (typeof prop === 'symbol' || prop === 'then') return undefined;
    unmodelled.add(`${ns}.${String(prop)}`);
    return String(prop).startsWith('on') ? event() : () => new Disposable();
  };
  const ns = (name, members) => new Proxy(members, { get: fallback(name) });

  const configChanged = new EventEmitter();
  const documents = [];
  const docOpened = new EventEmitter();
  /** A read-only text document over TEXT (what the client and vscode-languageclient read of one). */
  function textDocument(uri, text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const positionAt = (o) => { let l = starts.length - 1; while (starts[l] > o) l--; return new Position(l, o - starts[l]); };
    const offsetAt = (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
    return {
      uri, fileName: uri.fsPath, languageId: path.posix.basename(uri.path) === '_annotations.json' ? 'cloud-annotations' : 'plaintext',
      version: 1, isDirty: false, isClosed: false, isUntitled: false, eol: 1, lineCount: starts.length,
      getText: (range) => (range ? text.slice(offsetAt(range.start), offsetAt(range.end)) : text),
      lineAt: (l) => { const line = typeof l === 'number' ? l : l.line; const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
        return { lineNumber: line, text: text.slice(starts[line], end), range: new Range(line, 0, line, end - starts[line]) }; },
      positionAt, offsetAt, save: async () => true,
    };
  }
  const selectionChanged = new EventEmitter();
  /** Moves the cursor of an editor on DOC to OFFSET, as a click in the editor would. */
  const moveCursor = (doc, offset) => {
    const p = doc.positionAt(offset);
    const selection = new Selection(p, p);
    selection.active = p;
    selectionChanged.fire({ textEditor: { document: doc, selection, viewColumn: 1 }, selections: [selection], kind: 2 });
  };
  const webviews = [];
  function createWebviewPanel(viewType, title, showOptions, options) {
    const received = new EventEmitter(), disposed = new EventEmitter();
    const panel = {
      viewType, title, visible: true, options,
      webview: { options, html: '', cspSource: 'vscode-webview://stub', posted: [], asWebviewUri: (u) => u,
        postMessage: async (m) => { panel.webview.posted.push(m); return true; }, onDidReceiveMessage: received.event },
      /** What the page script would send. */
      receive: (m) => received.fire(m),
      reveal() { panel.visible = true; }, onDidDispose: disposed.event, dispose() { disposed.fire(); },
    };
    webviews.push(panel);
    return panel;
  }
  const shown = [];
  async function showTextDocument(doc, opts = {}) {
    const editor = { document: doc, selection: opts.selection, viewColumn: opts.viewColumn ?? 1, revealRange() {} };
    shown.push({ uri: doc.uri.fsPath, selection: opts.selection });
    return editor;
  }
  const matchSelector = (selector, doc) => [].concat(selector).some((s) =>
    typeof s === 'string' ? s === doc.languageId
      : (s.language === undefined || s.language === doc.languageId) && (s.pattern === undefined || String(s.pattern).endsWith(path.posix.basename(doc.uri.path))) && (s.language !== undefined || s.pattern !== undefined));
  const getConfiguration = (section) => ({
    get: (key, def) => {
      const full = section ? `${section}.${key}` : key;
      return full in settings ? settings[full] : def;
    },
    has: (key) => `${section}.${key}` in settings,
    inspect: () => undefined,
    update: async () => undefined,
  });

  const messageResponder = (level) => async (message, ...items) => {
    const opts = items[0] && typeof items[0] === 'object' && !('title' in items[0]) ? items.shift() : undefined;
    calls.messages.push({ level, message, items: items.map((i) => (typeof i === 'string' ? i : i.title)), modal: !!opts?.modal });
    const answer = ui.message.shift();
    return typeof answer === 'function' ? answer(message, items) : answer;
  };

  const outputLines = [];
  const output = {
    name: 'Cloud Annotations', logLevel: 2, onDidChangeLogLevel: event(),
    info: (m) => outputLines.push(`info ${m}`), warn: (m) => outputLines.push(`warn ${m}`), error: (m) => outputLines.push(`error ${m}`),
    trace: () => undefined, debug: () => undefined, append: (m) => outputLines.push(m), appendLine: (m) => outputLines.push(m),
    replace: () => undefined, clear: () => undefined, show: () => calls.executed.push(['output.show']), hide: () => undefined, dispose: () => undefined,
  };

  const statusBarItems = [];
  const workspaceFolders = [{ uri: Uri.file(workspaceDir), name: path.basename(workspaceDir), index: 0 }];

  const vscode = {
    version: '1.91.0',
    Disposable, EventEmitter, Uri, Position, Range, Selection, ThemeColor, CodeLens, CancellationTokenSource, CodeActionKind,
    StatusBarAlignment: enumLike('Left', 'Right'),
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    TextEditorRevealType: enumLike('Default', 'InCenter', 'InCenterIfOutsideViewport', 'AtTop'),
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    env: ns('env', { appName: 'stub', language: 'en', machineId: 'stub', uiKind: 1, openExternal: async (u) => { calls.executed.push(['openExternal', u.toString()]); return true; } }),
    window: ns('window', {
      createOutputChannel: () => output,
      createStatusBarItem: () => { const item = { text: '', tooltip: '', show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} }; statusBarItems.push(item); return item; },
      showInformationMessage: messageResponder('info'),
      showWarningMessage: messageResponder('warning'),
      showErrorMessage: messageResponder('error'),
      showQuickPick: async (items, options) => { const items2 = await items; const f = ui.quickPick.shift(); return f ? f(items2, options) : undefined; },
      showInputBox: async (options) => {
        const f = ui.inputBox.shift();
        const v = f ? f(options) : undefined;
        if (v !== undefined && options?.validateInput) { const err = await options.validateInput(v); if (err) throw new Error(`input rejected: ${err}`); }
        return v;
      },
      showOpenDialog: async (options) => { const f = ui.openDialog.shift(); return f ? f(options) : undefined; },
      createWebviewPanel,
      showTextDocument,
      withProgress: async (options, task) => {
        const record = { title: options.title, location: options.location, cancellable: options.cancellable, reports: [] };
        calls.progress.push(record);
        const cts = new CancellationTokenSource();
        return task({ report: (r) => record.reports.push(r) }, cts.token);
      },
      activeTextEditor: undefined,
      visibleTextEditors: [],
      tabGroups: ns('tabGroups', { all: [], onDidChangeTabs: event(), onDidChangeTabGroups: event() }),
      onDidChangeActiveTextEditor: event(),
      onDidChangeTextEditorSelection: selectionChanged.event,
      onDidChangeVisibleTextEditors: event(),
    }),
    workspace: ns('workspace', {
      workspaceFolders,
      textDocuments: documents,
      notebookDocuments: [],
      getConfiguration,
      onDidChangeConfiguration: configChanged.event,
      getWorkspaceFolder: () => workspaceFolders[0],
      asRelativePath: (u) => path.posix.relative(workspaceDir, typeof u === 'string' ? u : u.fsPath),
      findFiles: async () => projectFiles.map((f) => Uri.file(f)),
      createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
      openTextDocument: async (u) => {
        calls.opened.push(u.fsPath);
        const open = documents.find((d) => d.uri.fsPath === u.fsPath);
        if (open) return open;
        const doc = textDocument(u, fs.existsSync(u.fsPath) ? fs.readFileSync(u.fsPath, 'utf8') : '{}');
        documents.push(doc);
        docOpened.fire(doc);
        return doc;
      },
      onDidOpenTextDocument: docOpened.event,
    }),
    languages: ns('languages', {
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {}, forEach() {}, get() { return []; }, has() { return false; } }),
      registerCodeLensProvider: () => { calls.codeLens++; return new Disposable(); },
      match: (selector, doc) => (matchSelector(selector, doc) ? 10 : 0),
    }),
    commands: ns('commands', {
      registerCommand: (id, fn) => {
        if (calls.commands.has(id)) throw new Error(`command '${id}' already exists`);
        calls.commands.set(id, fn);
        return new Disposable(() => calls.commands.delete(id));
      },
      executeCommand: async (id, ...args) => {
        calls.executed.push([id, ...args]);
        if (id === 'setContext') calls.context.set(args[0], args[1]);
        else if (id === 'vscode.diff') calls.diffs.push(args.map((a) => (a instanceof Uri ? a.fsPath : a)));
        else if (calls.commands.has(id)) return calls.commands.get(id)(...args);
        return undefined;
      },
      getCommands: async () => [...calls.commands.keys()],
    }),
    extensions: ns('extensions', { getExtension: () => undefined, all: [] }),
  };
  const module = new Proxy(vscode, { get: (t, p) => (p in t ? t[p] : (typeof p === 'string' && /^[A-Z]/.test(p) ? (unmodelled.add(p), class {}) : fallback('vscode')(t, p))) });

  const secretsChanged = new EventEmitter();
  const secrets = {
    get: async (k) => secretsStore.get(k),
    store: async (k, v) => { secretsStore.set(k, v); secretsChanged.fire({ key: k }); },
    delete: async (k) => { secretsStore.delete(k); secretsChanged.fire({ key: k }); },
    onDidChange: secretsChanged.event,
  };
  const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()] }; };

  function extensionContext(extensionPath) {
    return {
      subscriptions: [],
      extensionPath,
      extensionUri: Uri.file(extensionPath),
      secrets,
      globalState: memento(),
      workspaceState: memento(),
      extension: { id: 'cloud-annotations.cloud-annotations' },
      extensionMode: 3,
      asAbsolutePath: (p) => path.join(extensionPath, p),
      logUri: Uri.file('/tmp'), storageUri: undefined, globalStorageUri: Uri.file('/tmp'),
    };
  }

  return { module, calls, ui, webviews, shown, documents, moveCursor, unmodelled, outputLines, statusBarItems, secretsStore, extensionContext, settings, configChanged, Uri };
}
