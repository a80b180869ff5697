// An independent LSP client for end-to-end tests: vscode-jsonrpc + vscode-languageserver-protocol over the
// server's stdio. Every request is bounded by a timeout; server->client requests are answered as an editor would.
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { startServer, withTimeout } from './server.mjs';

export const REQUEST_TIMEOUT_MS = 30000;

/** What a full-featured editor announces (push diagnostics, versioned edits, configuration pull). */
export const editorCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

/**
 * Starts the server and connects to it. `settings` is what workspace/configuration answers for the
 * cloudAnnotations section. Returns { connection, request, notify, diagnostics, ... }.
 */
export function connect(t, { settings = null, env, args } = {}) {
  const server = startServer(t, { env, args });
  const connection = createProtocolConnection(new StreamMessageReader(server.child.stdout), new StreamMessageWriter(server.child.stdin));
  const published = [];
  const waiters = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    published.push(p);
    for (const w of [...waiters]) if (w.match(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
  });
  connection.onNotification('window/logMessage', (p) => logs.push(p.message));
  connection.onNotification('$/progress', () => {});
  connection.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'cloudAnnotations' ? settings : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: false, failureReason: 'this test applies edits itself' }));
  connection.onError(() => {});
  connection.listen();
  t?.after(() => connection.dispose());

  return {
    ...server,
    connection,
    published,
    logs,
    request: (method, params, ms = REQUEST_TIMEOUT_MS) => withTimeout(connection.sendRequest(method, params), ms, method),
    notify: (method, params) => connection.sendNotification(method, params),
    /** The diagnostics of URI at VERSION (also when they arrived earlier). */
    diagnostics(uri, version, ms = REQUEST_TIMEOUT_MS) {
      const match = (p) => p.uri === uri && p.version === version;
      const seen = published.find(match);
      if (seen) return Promise.resolve(seen.diagnostics);
      return withTimeout(new Promise((resolve) => waiters.push({ match, resolve })), ms, `diagnostics of ${uri} v${version}`)
        .then((p) => p.diagnostics);
    },
  };
}
