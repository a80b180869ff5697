// One command for every benchmark (not part of the test suite): `node bench/run.mjs` after `npm run build`.
// Options: --sizes 1000,10000,50000  --runs 3  --no-sync  --out bench/RESULTS.md
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateAnnotations } from './generate.mjs';

const { values: opts } = parseArgs({ options: {
  sizes: { type: 'string', default: '1000,10000,50000' }, runs: { type: 'string', default: '3' },
  'no-sync': { type: 'boolean', default: false }, out: { type: 'string', default: 'bench/RESULTS.md' },
} });
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const SERVER = process.env.CA_SERVER_DLL ?? join(ROOT, 'dist/server/cloud-annotations.dll');
const SCHEMA = join(ROOT, 'schemas/annotations.schema.json');
const RUNS = Number(opts.runs);
if (!existsSync(SERVER)) { console.error(`no server at ${SERVER}: run \`npm run build\` first`); process.exit(2); }

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
function runJson(args, what) {
  const r = spawnSync('node', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed with exit code ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
/** Median of each numeric field over several runs. */
function medianOf(samples) {
  const out = {};
  for (const k of Object.keys(samples[0])) out[k] = median(samples.map((s) => s[k]));
  return out;
}
function coldCheckMs(file) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync('dotnet', [SERVER, 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`check failed (${r.status}): ${r.stderr}`);
  }
  return median(times);
}

const dataDir = join(ROOT, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
const rows = [];
for (const size of opts.sizes.split(',').map(Number)) {
  const dir = join(dataDir, String(size));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '_annotations.json');
  writeFileSync(file, generateAnnotations(size));
  const mb = statSync(file).size / 1e6;
  console.error(`== ${size} images (${mb.toFixed(1)} MB)`);
  const ours = medianOf(Array.from({ length: RUNS }, () => runJson([join(ROOT, 'bench/lsp-bench.mjs'), SERVER, file, '100'], 'lsp-bench')));
  const peer = medianOf(Array.from({ length: RUNS }, () => runJson(['--max-old-space-size=8192', join(ROOT, 'bench/peer-json-service.mjs'), file, SCHEMA], 'peer')));
  const check = coldCheckMs(file);
  rows.push({ size, mb, ours, peer, check });
  console.error(JSON.stringify({ ours, peer, check }));
}
let sync = null;
if (!opts['no-sync']) sync = runJson([join(ROOT, 'bench/sync-bench.mjs'), SERVER, String(RUNS)], 'sync-bench');

const f = (n, d = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));
const lines = [];
lines.push('# Benchmark results', '');
lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ` +
  `${spawnSync('dotnet', ['--version'], { encoding: 'utf8' }).stdout.trim()} SDK. ${new Date().toISOString().slice(0, 10)}. Median of ${RUNS} runs.`, '');
lines.push('Generated files: N images × 5 boxes, ~1% broken boxes of each kind (bench/generate.mjs). "Ours" is the real',
  '`cloud-annotations serve` process over stdio (bench/lsp-bench.mjs, debounceMs 0, 100 single-character edits at random',
  'places: insert a digit, delete it, replace a digit); "peer" is vscode-json-languageservice validating against',
  'schemas/annotations.schema.json in node (it has no incremental mode: its keystroke cost is a full re-validation).', '');
lines.push('| images | MB | start → initialize | didOpen → diagnostics (peer) | ratio | keystroke → diagnostics p50 / p95 (peer re-validation) | completion p95 | peak working set (peer RSS) | cold `check` |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  lines.push(`| ${r.size} | ${f(r.mb, 1)} | ${f(r.ours.startMs)} ms | ${f(r.ours.openToDiagnosticsMs)} ms (${f(r.peer.totalMs)} ms) | ` +
    `${f(r.peer.totalMs / r.ours.openToDiagnosticsMs, 1)}× | ${f(r.ours.editP50Ms, 1)} / ${f(r.ours.editP95Ms, 1)} ms (${f(r.peer.revalidateMs)} ms) | ` +
    `${f(r.ours.completionP95Ms, 1)} ms | ${f(r.ours.peakWorkingSetMB)} MB (${f(r.peer.peakRssMB)} MB) | ${f(r.check)} ms |`);
}
if (sync) {
  lines.push('', 'Sync to s3rver 3.7.1 on 127.0.0.1 (data on tmpfs), 1,000 × 30 KB images; no-change sync of 1,000 and 10,000 objects.', '');
  lines.push('| tool | push 1,000 × 30 KB | no-change 1,000 | no-change 10,000 |', '|---|---:|---:|---:|');
  for (const [tool, r] of Object.entries(sync)) lines.push(`| ${tool} | ${f(r.push1kMs)} ms | ${f(r.noChange1kMs)} ms | ${f(r.noChange10kMs)} ms |`);
}
const previous = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : '';
const notesAt = previous.indexOf('\n## Notes');
writeFileSync(opts.out, lines.join('\n') + '\n' + (notesAt >= 0 ? previous.slice(notesAt) : ''));
console.log(lines.join('\n'));
