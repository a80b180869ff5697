// A second, independent LSP client: Neovim's built-in one (Debian's 0.7.x), headless, against the published
// `cloud-annotations serve`. The Lua side (neovim/lsp.lua) writes what it saw to a JSON file asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverDll = process.env.CA_SERVER_DLL ?? path.join(repo, 'dist/server/cloud-annotations.dll');
const driver = path.join(repo, 'tests/e2e/neovim/lsp.lua');

// Line numbers below are 0-based, as LSP and vim.diagnostic count them.
const lines = [
  '{',
  '  "version": "1.0",',
  '  "type": "localization",',
  '  "labels": ["cat", "dog"],',
  '  "annotations": {',
  '    "a.jpg": [',
  '      {"x": 0.6, "y": 0.1, "x2": 0.2, "y2": 0.5, "label": "cat"},', // 6: inverted box (x > x2)
  '      {"x": 0.1, "y": 0.1, "x2": 0.4, "y2": 0.4, "label": "cat"},',
  '      {"x": 0.1, "y": 0.2, "x2": 0.3, "y2": 0.3, "label": "bird"},', // 8: label not declared
  '      {"x": 0.2, "y": 0.2, "x2": 0.3, "y2": 0.3, "label": "d"}', // 9: completion inside "d"
  '    ]',
  '  }',
  '}',
  '',
];
const completionLine = 9;
const labelStart = lines[completionLine].indexOf('"d"');

function nvimVersion() {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10000 });
  if (probe.error || probe.status !== 0) return null;
  return probe.stdout.split('\n')[0];
}

test('Neovim shows the server\'s diagnostics, completes a label and sees the diagnostic go', { timeout: 120000 }, (t) => {
  const version = nvimVersion();
  assert.ok(version, 'Neovim (nvim) is not installed: run `apt-get install neovim` (.ci/run installs it)');
  assert.ok(existsSync(serverDll), `the server is not built at ${serverDll}: run \`npm run build:server\` or set CA_SERVER_DLL`);

  const dir = mkdtempSync(path.join(tmpdir(), 'ca-nvim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, '_annotations.json');
  writeFileSync(file, lines.join('\n'));
  const resultFile = path.join(dir, 'result.json');

  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${driver}`, file], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 110000, // the Lua driver's own guard ends it at 90 s; this is the last resort
    killSignal: 'SIGKILL',
    env: {
      ...process.env,
      CA_SERVER_DLL: serverDll,
      CA_NVIM_RESULT: resultFile,
      CA_NVIM_LINE: String(completionLine),
      CA_NVIM_CHARACTER: String(labelStart + 2), // between d and the closing quote
    },
  });
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : null;
  const context = `${version}; status ${run.status} signal ${run.signal}; steps ${JSON.stringify(result?.steps)}; ` +
    `error ${result?.error}\nstderr: ${run.stderr?.slice(-2000)}`;
  assert.equal(run.error, undefined, `nvim did not finish: ${run.error?.message}; ${context}`);
  assert.ok(result, `nvim wrote no result: ${context}`);
  assert.equal(result.error, undefined, context);
  assert.equal(result.ok, true, context);
  assert.equal(run.status, 0, context);

  // Diagnostics: the catalogue's problems at the right lines, marked as ours.
  const diagnostics = result.diagnostics;
  assert.ok(diagnostics.every((d) => d.source === 'cloud-annotations' && /^CA\d{4}$/.test(d.code)), JSON.stringify(diagnostics));
  const inverted = diagnostics.find((d) => d.code === 'CA2002');
  assert.ok(inverted, `no inverted-box diagnostic in ${JSON.stringify(diagnostics)}`);
  assert.equal(inverted.lnum, 6);
  assert.equal(inverted.severity, 1); // error
  const undeclared = diagnostics.filter((d) => d.code === 'CA3001').map((d) => [d.lnum, d.col, d.end_col]);
  const bird = lines[8].indexOf('"bird"');
  assert.deepEqual(undeclared.find(([lnum]) => lnum === 8), [8, bird, bird + '"bird"'.length]);

  // Completion inside "d": declared labels, the most used first, each replacing the whole token.
  const completion = result.completion;
  const byRank = [...completion].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(byRank.map((i) => i.label), ['cat', 'dog']);
  assert.equal(byRank[0].detail, '2 boxes');
  const dog = completion.find((i) => i.label === 'dog');
  assert.equal(dog.textEdit.newText, '"dog"');
  assert.deepEqual(dog.textEdit.range, {
    start: { line: completionLine, character: labelStart },
    end: { line: completionLine, character: labelStart + 3 },
  });

  // Neovim applied the first item's edit and sent it back: the line now reads "cat" and its diagnostic is gone.
  assert.equal(result.edited_line, lines[completionLine].replace('"d"', '"cat"'));
  assert.equal(result.cleared_after_edit, true, `the undeclared-label diagnostic stayed after the edit: ${context}`);
  assert.equal(result.diagnostics_after_edit, diagnostics.length - 1);

  // The server exits by itself with code 0 after Neovim's shutdown + exit.
  assert.equal(result.exit_code, 0, context);
});
