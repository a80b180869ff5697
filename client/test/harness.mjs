// Shared by the activation tests: bundles the extension into a temporary extension folder, with a `vscode`
// module that hands out the in-memory stand-in of vscode-stub.mjs, and activates fresh copies of it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildClient } from '../esbuild.mjs';
import { createVscode } from './vscode-stub.mjs';

const require = createRequire(import.meta.url);

/** Bundles client/src into EXTDIR/dist (as `npm run build:client` does) and installs the `vscode` shim beside it. */
export async function buildExtension(extDir) {
  await buildClient({ outdir: path.join(extDir, 'dist'), dev: true });
  fs.mkdirSync(path.join(extDir, 'node_modules', 'vscode'), { recursive: true });
  fs.writeFileSync(path.join(extDir, 'node_modules', 'vscode', 'index.js'), 'module.exports = globalThis.__caVscode;\n');
}

/** A fresh copy of the extension in EXTDIR, activated in WORKSPACE with SETTINGS and stored SECRETS. */
export async function activateExtension({ extDir, workspace, settings = {}, secrets = {}, projectFiles = [] }) {
  const stub = createVscode({ workspaceDir: workspace, settings, projectFiles });
  for (const [k, v] of Object.entries(secrets)) stub.secretsStore.set(k, v);
  globalThis.__caVscode = stub.module;
  for (const k of Object.keys(require.cache)) if (k.startsWith(extDir + path.sep)) delete require.cache[k];
  const ext = require(path.join(extDir, 'dist', 'extension.js'));
  const context = stub.extensionContext(extDir);
  await ext.activate(context);
  const run = (id, ...args) => {
    const handler = stub.calls.commands.get(id);
    if (!handler) throw new Error(`command ${id} is not registered`);
    return handler(...args);
  };
  const deactivate = async () => {
    await ext.deactivate();
    for (const d of context.subscriptions) d.dispose?.();
  };
  return { stub, ext, context, run, deactivate };
}

export async function waitFor(what, predicate, timeoutMs = 15000) {
  const t0 = Date.now();
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
