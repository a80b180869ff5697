// Protocol abuse against the published server, with raw bytes on its stdin: bad headers, bodies that are not JSON or
// not messages, unknown methods, wrong params, a storm of requests with cancellations, and the input ending
// mid-message. The server must answer every well-formed request, never crash, and exit with the code the spec says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireServer, startServer, withTimeout } from './helpers/server.mjs';
import { frame, RawReader } from './helpers/raw-lsp.mjs';

const doc = [
  '{',
  '  "version": "1.0",',
  '  "type": "localization",',
  '  "labels": ["cat", "dog"],',
  '  "annotations": {',
  '    "a.jpg": [{"x": 0.6, "y": 0.1, "x2": 0.2, "y2": 0.5, "label": "cat"}],',
  '    "b.jpg": [{"x": 0.1, "y": 0.1, "x2": 0.2, "y2": 0.5, "label": "dog"}]',
  '  }',
  '}',
].join('\n');

function session(t) {
  requireServer(assert);
  const server = startServer(t);
  const reader = new RawReader(server.child.stdout);
  const send = (body) => server.child.stdin.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : frame(body));
  const request = (id, method, params) => send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
  const notify = (method, params) => send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  return { ...server, reader, send, request, notify };
}

function noCrash(server) {
  const stderr = server.stderr();
  assert.ok(!/Unhandled exception|Stack overflow|Fatal error/i.test(stderr), stderr);
}

test('malformed framing and bodies are answered and the connection survives', { timeout: 120000 }, async (t) => {
  const s = session(t);
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-abuse-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const uri = pathToFileURL(path.join(dir, '_annotations.json')).href;

  // Before initialize: -32002.
  s.request(1, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal((await s.reader.response(1)).error.code, -32002);

  s.request(2, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.ok((await s.reader.response(2)).result.capabilities);
  s.notify('initialized', {});
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: doc } });

  // A body that is not JSON (framing intact): -32700 with id null, then the next request is served.
  s.send(frame('{"jsonrpc": "2.0", "id": 3, "method": '));
  const parseError = await s.reader.waitFor((m) => m.error?.code === -32700, 'a parse error');
  assert.equal(parseError.id, null);
  s.request(4, 'textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray((await s.reader.response(4)).result));

  // JSON that is not a JSON-RPC message: -32600, with its id.
  s.send(frame({ jsonrpc: '2.0', id: 5 }));
  assert.equal((await s.reader.response(5)).error.code, -32600);

  // Bad Content-Length values: the block is skipped up to the next header and that message is served.
  s.send(Buffer.from('Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":6,"method":"shutdown"}'));
  s.request(7, 'textDocument/foldingRange', { textDocument: { uri } });
  assert.ok(Array.isArray((await s.reader.response(7)).result));
  s.send(Buffer.from('Content-Length: -5\r\n\r\n'));
  s.send(Buffer.from('X-Nonsense\r\n\r\n'));
  s.request(8, 'textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 14 } });
  assert.ok((await s.reader.response(8)).result?.contents, 'hover on a label answers');
  assert.equal(s.reader.responses().some((m) => m.id === 6), false, 'the message behind a bad header is not executed');

  // Unknown methods: -32601 for requests; unknown $/ notifications are ignored.
  s.request(9, 'textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.equal((await s.reader.response(9)).error.code, -32601);
  s.notify('$/unknownNotification', { anything: true });

  // Wrong params: -32602.
  s.request(10, 'textDocument/completion', { textDocument: { uri }, position: { line: 'x', character: 0 } });
  assert.equal((await s.reader.response(10)).error.code, -32602);
  s.request(11, 'textDocument/rename', { textDocument: { uri }, position: { line: 3, character: 14 } });
  assert.equal((await s.reader.response(11)).error.code, -32602);
  s.request(12, 'textDocument/hover', 'not an object');
  assert.ok([-32602, -32600].includes((await s.reader.response(12)).error.code));

  // Changes with impossible ranges are clamped, never fatal.
  s.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 999, character: 5 }, end: { line: -1, character: -7 } }, text: '' }],
  });
  s.request(13, 'textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok('result' in (await s.reader.response(13)));

  s.request(14, 'shutdown');
  assert.equal((await s.reader.response(14)).result, null);
  s.request(15, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal((await s.reader.response(15)).error.code, -32600, 'after shutdown only exit is served');
  s.notify('exit');
  const { code } = await withTimeout(s.exited, 15000, 'exit');
  assert.equal(code, 0);
  noCrash(s);
});

test('a storm of 500 requests with cancellations: every request is answered', { timeout: 120000 }, async (t) => {
  const s = session(t);
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-storm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const uri = pathToFileURL(path.join(dir, '_annotations.json')).href;
  s.request(0, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  await s.reader.response(0);
  s.notify('initialized', {});
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: doc } });

  const methods = [
    ['textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 14 } }],
    ['textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 64 } }],
    ['textDocument/documentSymbol', { textDocument: { uri } }],
    ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 80 } }, context: { diagnostics: [] } }],
    ['textDocument/references', { textDocument: { uri }, position: { line: 3, character: 14 }, context: { includeDeclaration: true } }],
  ];
  const ids = [];
  const chunks = [];
  for (let i = 0; i < 500; i++) {
    const id = 1000 + i;
    ids.push(id);
    const [method, params] = methods[i % methods.length];
    chunks.push(frame({ jsonrpc: '2.0', id, method, params }));
    if (i % 2 === 0) chunks.push(frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
    if (i % 50 === 0) chunks.push(frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 999999 } })); // unknown id: ignored
  }
  s.send(Buffer.concat(chunks));

  const answers = await Promise.all(ids.map((id) => s.reader.response(id, 60000)));
  for (const a of answers) {
    assert.ok('result' in a || [-32800, -32801].includes(a.error?.code), JSON.stringify(a));
  }
  assert.ok(answers.filter((a) => 'result' in a).length >= 250, 'the requests nobody cancelled all succeed');

  s.request(2, 'shutdown');
  await s.reader.response(2);
  s.notify('exit');
  assert.equal((await withTimeout(s.exited, 15000, 'exit')).code, 0);
  noCrash(s);
});

test('the input ending in the middle of a message ends the server cleanly with code 1', { timeout: 60000 }, async (t) => {
  const s = session(t);
  s.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  await s.reader.response(1);
  s.send(Buffer.from('Content-Length: 400\r\n\r\n{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hov'));
  s.child.stdin.end();
  const { code, signal } = await withTimeout(s.exited, 15000, 'exit after EOF');
  assert.equal(signal, null);
  assert.equal(code, 1);
  noCrash(s);
});

test('exit without shutdown ends with code 1; EOF right after shutdown with code 0', { timeout: 60000 }, async (t) => {
  const a = session(t);
  a.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  await a.reader.response(1);
  a.notify('exit');
  assert.equal((await withTimeout(a.exited, 15000, 'exit')).code, 1);

  const b = session(t);
  b.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  await b.reader.response(1);
  b.request(2, 'shutdown');
  await b.reader.response(2);
  b.child.stdin.end();
  assert.equal((await withTimeout(b.exited, 15000, 'exit after EOF')).code, 0);
  noCrash(a);
  noCrash(b);
});
