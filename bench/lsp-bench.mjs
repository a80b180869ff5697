// Drives the real `cloud-annotations serve` process over stdio, where a user would feel it.
// Prints one JSON line: startMs, openToDiagnosticsMs, edit p50/p95, completion p95, peak working set, diagnostics.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { mulberry32 } from './generate.mjs';

const [serverDll, file, editsArg = '100'] = process.argv.slice(2);
const EDITS = Number(editsArg);
const text = readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
function withTimeout(promise, ms, what) {
  // unref: a pending timer must not keep the process alive once the measurement is done.
  return Promise.race([promise, new Promise((_, rej) => setTimeout(() => rej(new Error(`timeout: ${what}`)), ms).unref())]);
}
function peakWorkingSetMB(pid) {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
/** Offset -> LSP position (UTF-16, which is what JS strings index). */
function positionAt(lineStarts, offset) {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return { line: lo, character: offset - lineStarts[lo] };
}
function lineStartsOf(t) {
  const starts = [0];
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const t0 = performance.now();
const child = spawn('dotnet', [serverDll, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiters = [];
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  for (const w of [...waiters]) if (w.match(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
});
connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs: 0 })));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onNotification('window/logMessage', () => {});
connection.listen();
const diagnosticsFor = (version) => new Promise((resolve) => waiters.push({ match: (p) => p.uri === uri && (version === undefined || p.version === version), resolve }));

await withTimeout(connection.sendRequest('initialize', {
  processId: process.pid, rootUri: pathToFileURL(dirname(file)).href,
  capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  initializationOptions: { debounceMs: 0 },
}), 30000, 'initialize');
const startMs = performance.now() - t0;
connection.sendNotification('initialized', {});

const tOpen = performance.now();
let pending = diagnosticsFor(1);
connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
const firstDiagnostics = await withTimeout(pending, 120000, 'first diagnostics');
const openToDiagnosticsMs = performance.now() - tOpen;

// Single-character edits at random places, as typing does: insert a digit into a random coordinate, then delete
// it again (so the text and its line starts return to the original after each pair), plus same-length digit
// replacements. Each edit waits for the diagnostics of its version.
const rand = mulberry32(7);
const current = text;
const lineStarts = lineStartsOf(current);
const editTimes = [];
const insertTimes = [];
const coordinateDigit = () => {
  let offset;
  do { offset = current.indexOf('": 0.', Math.floor(rand() * current.length)); } while (offset < 0);
  return offset + 5; // first digit after "0."
};
async function edit(version, range, newText) {
  const pending = diagnosticsFor(version);
  const t = performance.now();
  connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
  await withTimeout(pending, 30000, `diagnostics v${version}`);
  return performance.now() - t;
}
for (let version = 2; version < 2 + EDITS; version += 3) {
  const at = positionAt(lineStarts, coordinateDigit());
  const digit = String(Math.floor(rand() * 10));
  const inserted = await edit(version, { start: at, end: at }, digit);                                   // insert
  const removed = await edit(version + 1, { start: at, end: { line: at.line, character: at.character + 1 } }, ''); // delete it
  const original = current[lineStarts[at.line] + at.character];
  const replaced = await edit(version + 2, { start: at, end: { line: at.line, character: at.character + 1 } }, original); // same-length
  editTimes.push(inserted, removed, replaced);
  insertTimes.push(inserted, removed);
}

// Completion inside a "label" value.
const completionTimes = [];
for (let i = 0; i < 50; i++) {
  const at = current.indexOf('"label": "', Math.floor(rand() * current.length));
  if (at < 0) { i--; continue; }
  const position = positionAt(lineStarts, at + 11);
  const t = performance.now();
  const result = await withTimeout(connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }), 30000, 'completion');
  completionTimes.push(performance.now() - t);
  if (!result || (Array.isArray(result) ? result : result.items).length === 0) throw new Error('completion returned nothing');
}

const peakMB = peakWorkingSetMB(child.pid);
await withTimeout(connection.sendRequest('shutdown'), 10000, 'shutdown');
connection.sendNotification('exit');
await new Promise((r) => child.on('exit', r));
console.log(JSON.stringify({
  startMs, openToDiagnosticsMs, diagnostics: firstDiagnostics.diagnostics.length,
  editP50Ms: percentile(editTimes, 50), editP95Ms: percentile(editTimes, 95),
  insertDeleteP95Ms: percentile(insertTimes, 95),
  completionP95Ms: percentile(completionTimes, 95), peakWorkingSetMB: peakMB,
}));
