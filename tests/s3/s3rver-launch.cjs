#!/usr/bin/env node
// Starts s3rver 3.7.1 (from the repo's node_modules) on loopback for tests and benchmarks.
// Usage: node --openssl-legacy-provider tests/s3/s3rver-launch.cjs --dir <data dir> [--port 0] [--bucket NAME]... [--remove-on-exit]
// Prints one JSON line {"endpoint":"http://127.0.0.1:PORT","port":PORT} once listening, then serves until
// stdin closes or SIGTERM/SIGINT arrives, so a crashed test host never leaves a server behind.
// Credentials: S3RVER / S3RVER (s3rver checks the key id, not the signature, and accepts anonymous requests).
// --remove-on-exit deletes the data directory on shutdown (test data on tmpfs is memory).
'use strict';

const path = require('path');
const fs = require('fs');

function parseArgs(argv) {
  const options = { dir: null, port: 0, address: '127.0.0.1', buckets: [], removeOnExit: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--dir' || arg === '-d') options.dir = value();
    else if (arg === '--port' || arg === '-p') options.port = Number(value());
    else if (arg === '--address' || arg === '-a') options.address = value();
    else if (arg === '--bucket') options.buckets.push(value());
    else if (arg === '--remove-on-exit') options.removeOnExit = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!options.dir) throw new Error('--dir is required');
  return options;
}

async function main() {
  // Paginated listings fail with 500 on Node 17+ unless OpenSSL's legacy provider is on (s3rver's
  // continuation tokens use an old cipher); fail loudly instead of letting a test see a 500.
  if (!process.execArgv.includes('--openssl-legacy-provider') &&
      !(process.env.NODE_OPTIONS || '').includes('--openssl-legacy-provider')) {
    throw new Error('run node with --openssl-legacy-provider');
  }
  const options = parseArgs(process.argv.slice(2));
  const repoRoot = path.resolve(__dirname, '..', '..');
  const S3rver = require(path.join(repoRoot, 'node_modules', 's3rver'));
  fs.mkdirSync(options.dir, { recursive: true });
  const server = new S3rver({
    directory: options.dir,
    address: options.address,
    port: options.port,
    silent: true,
    configureBuckets: options.buckets.map(name => ({ name })),
  });
  const { address, port } = await server.run();
  process.stdout.write(JSON.stringify({ endpoint: `http://${address}:${port}`, port }) + '\n');

  let closing = false;
  const exit = () => {
    if (options.removeOnExit) {
      try { fs.rmSync(options.dir, { recursive: true, force: true }); } catch { /* best effort */ }
    }
    process.exit(0);
  };
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().finally(exit);
    setTimeout(exit, 2000).unref();
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch(err => {
  process.stderr.write(`s3rver-launch: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
