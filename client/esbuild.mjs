// Bundles the extension (dist/extension.js, CommonJS for VS Code's Node host, `vscode` external) and the image
// preview page script (dist/preview.js, for the webview). `--dev` keeps names and adds source maps.
// Tests import buildClient() to bundle into a temporary folder with the same options.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildClient({ outdir = path.join(root, 'dist'), dev = false } = {}) {
  const common = { bundle: true, minify: !dev, sourcemap: dev ? 'linked' : false, legalComments: 'none', logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: path.join(outdir, 'extension.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // vscode-languageclient's "exports" only name the `node` condition for ./node.
      conditions: ['node'],
      mainFields: ['module', 'main'],
    }),
    esbuild.build({
      ...common,
      entryPoints: ['client/src/webview/main.ts'],
      outfile: path.join(outdir, 'preview.js'),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    }),
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildClient({ dev: process.argv.includes('--dev') });
}
