// End to end: the published `cloud-annotations serve` process driven over stdio by an independent client
// (vscode-jsonrpc + vscode-languageserver-protocol): initialize -> didOpen -> diagnostics -> completion -> codeAction
// -> apply the edit with didChange -> diagnostics cleared -> rename -> shutdown -> exit code 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect, editorCapabilities } from './helpers/lsp-client.mjs';
import { requireServer, withTimeout } from './helpers/server.mjs';
import { applyEdits, cursor, slice, writePng } from './helpers/documents.mjs';

// An example-like project: an inverted box, a misspelt label, an unused label, an entry whose image is missing.
const project = [
  '{',
  '  "version": "1.0",',
  '  "type": "localization",',
  '  "labels": ["cat", "dog", "fish"],',
  '  "annotations": {',
  '    "cat1.jpg": [',
  '      {"x": 0.72, "y": 0.15, "x2": 0.21, "y2": 0.8, "label": "cat"}',
  '    ],',
  '    "dog1.jpg": [',
  '      {"x": 0.05, "y": 0.1, "x2": 0.6, "y2": 0.64, "label": "dog"},',
  '      {"x": 0.5, "y": 0.52, "x2": 0.9, "y2": 0.97, "label": "dgo"},',
  '      {"x": 0.2, "y": 0.2, "x2": 0.4, "y2": 0.4, "label": "d|"}',
  '    ],',
  '    "hamster.jpg": [',
  '      {"x": 0.4, "y": 0.4, "x2": 0.6, "y2": 0.6, "label": "cat"}',
  '    ]',
  '  }',
  '}',
  '',
].join('\n');

test('a user session: diagnostics, completion, quick fix, rename, clean exit', { timeout: 120000 }, async (t) => {
  requireServer(assert);
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writePng(path.join(dir, 'cat1.jpg'));
  writePng(path.join(dir, 'dog1.jpg'));
  const { text, position } = cursor(project);
  const file = path.join(dir, '_annotations.json');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');

  const server = connect(t);
  const init = await server.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: editorCapabilities,
    clientInfo: { name: 'e2e' },
  });
  const caps = init.capabilities;
  assert.equal(caps.textDocumentSync.change, 2);
  assert.equal(caps.positionEncoding, 'utf-16');
  assert.ok(caps.completionProvider && caps.hoverProvider && caps.renameProvider.prepareProvider);
  server.notify('initialized', {});

  // didOpen -> diagnostics (after the default 150 ms debounce), each at its place.
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  const first = await server.diagnostics(uri, 1);
  const byCode = (code) => first.filter((d) => d.code === code);
  assert.ok(first.every((d) => d.source === 'cloud-annotations' && d.codeDescription.href.endsWith(`#${d.code.toLowerCase()}`)));
  const [inverted] = byCode('CA2002');
  assert.ok(inverted, JSON.stringify(first));
  assert.equal(inverted.range.start.line, 6);
  assert.equal(inverted.severity, 1);
  assert.ok(byCode('CA3001').some((d) => slice(text, d.range) === '"dgo"'), 'the misspelt label is flagged on its token');
  assert.deepEqual(byCode('CA3003').map((d) => [d.tags, d.severity]), [[[1], 4]], 'the unused label "fish" is a faded hint');
  assert.ok(byCode('CA4001').some((d) => d.range.start.line === 13), 'hamster.jpg is not in the folder');

  // Completion inside "d|": the declared labels, each replacing the whole token.
  const completion = await server.request('textDocument/completion', { textDocument: { uri }, position });
  const items = Array.isArray(completion) ? completion : completion.items;
  const dog = items.find((i) => i.label === 'dog');
  assert.ok(dog && items.some((i) => i.label === 'cat'), JSON.stringify(items));
  assert.equal(dog.textEdit.newText, '"dog"');
  assert.equal(slice(text, dog.textEdit.range), '"d"');

  // The quick fix of the inverted box, applied as an editor does (the edit, then didChange): its diagnostic goes.
  const actions = await server.request('textDocument/codeAction', {
    textDocument: { uri },
    range: inverted.range,
    context: { diagnostics: [inverted], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'CA2002');
  assert.ok(fix?.isPreferred, JSON.stringify(actions));
  const change = fix.edit.documentChanges[0];
  assert.equal(change.textDocument.version, 1);
  const fixed = applyEdits(text, change.edits);
  assert.match(fixed.split('\n')[6], /"x": 0\.21, .*"x2": 0\.72/);
  server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const second = await server.diagnostics(uri, 2);
  assert.ok(!second.some((d) => d.code === 'CA2002'), JSON.stringify(second));
  assert.ok(second.some((d) => d.code === 'CA3001'), 'the other problems stay');

  // Rename "cat" everywhere (an incremental change sends it back).
  const catAt = { line: 3, character: lines[3].indexOf('"cat"') + 2 };
  const prepare = await server.request('textDocument/prepareRename', { textDocument: { uri }, position: catAt });
  assert.equal(slice(fixed, prepare.range), 'cat');
  const rename = await server.request('textDocument/rename', { textDocument: { uri }, position: catAt, newName: 'kitten' });
  const renameEdits = rename.documentChanges[0];
  assert.equal(renameEdits.textDocument.version, 2);
  const renamed = applyEdits(fixed, renameEdits.edits);
  assert.equal((renamed.match(/"kitten"/g) ?? []).length, 3);
  assert.ok(!renamed.includes('"cat"'));
  server.notify('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [...renameEdits.edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
      .map((e) => ({ range: e.range, text: e.newText })),
  });
  const third = await server.diagnostics(uri, 3);
  assert.ok(!third.some((d) => d.code === 'CA3001' && slice(renamed, d.range) === '"kitten"'), 'the renamed label is declared');

  // Shutdown, exit: the process ends by itself with code 0.
  assert.equal(await server.request('shutdown'), null);
  server.notify('exit');
  const { code } = await withTimeout(server.exited, 15000, 'server exit');
  assert.equal(code, 0, server.stderr());
  assert.ok(!/Unhandled exception/i.test(server.stderr()), server.stderr());
});

test('stdin closing without shutdown ends the server with code 1, never a hang', { timeout: 60000 }, async (t) => {
  requireServer(assert);
  const server = connect(t, { args: ['serve', '--stdio', '--clientProcessId=1'] }); // clients add arguments of their own
  await server.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  server.child.stdin.end();
  const { code } = await withTimeout(server.exited, 15000, 'server exit after EOF');
  assert.equal(code, 1);
});
