// Shared helpers for end-to-end tests: where the published server is, starting it, bounding every wait.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The published server: $CA_SERVER_DLL, else dist/server from `npm run build:server`. */
export function serverDll() {
  return process.env.CA_SERVER_DLL ?? path.join(repoRoot, 'dist/server/cloud-annotations.dll');
}

/** Fails with a message saying how to build the server when it is missing. */
export function requireServer(assert) {
  const dll = serverDll();
  assert.ok(existsSync(dll), `the server is not built at ${dll}: run \`npm run build:server\` or set CA_SERVER_DLL`);
  return dll;
}

/** Rejects with "timeout: WHAT" when PROMISE does not settle within MS. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts `cloud-annotations serve --stdio`. Returns the child, its collected stderr, and `exited`: a promise of
 * { code, signal }. The process is killed when the test ends, whatever happened.
 */
export function startServer(t, { args = ['serve', '--stdio'], env = {} } = {}) {
  const child = spawn('dotnet', [serverDll(), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stdin.on('error', () => { /* the server may close first; the test checks what matters */ });
  t?.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return { child, exited, stderr: () => stderr };
}
