// Compiles client/src/logic/*.ts (the modules that do not import `vscode`) with esbuild into a temporary ES
// module and imports it, so node's test runner tests the TypeScript sources themselves.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const logicDir = path.join(repoRoot, 'client', 'src', 'logic');

let loaded;

export function loadLogic() {
  loaded ??= (async () => {
    const modules = fs.readdirSync(logicDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-client-logic-'));
    const outfile = path.join(dir, 'logic.mjs');
    await esbuild.build({
      stdin: { contents: modules.map((m) => `export * from './${m}';`).join('\n'), resolveDir: logicDir, loader: 'ts', sourcefile: 'logic-index.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    try {
      return await import(pathToFileURL(outfile).href);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}
