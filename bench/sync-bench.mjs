// Sync benchmark: push 1,000 × ~30 KB images to s3rver on loopback (data on tmpfs) with cloud-annotations,
// `aws s3 sync` and `rclone sync --transfers 16` (when installed), then a no-change sync with each; then a
// no-change sync over 10,000 objects. Prints one JSON line of median timings in ms.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { mulberry32 } from './generate.mjs';

const [serverDll, runsArg = '3'] = process.argv.slice(2);
const RUNS = Number(runsArg);
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const WORK = '/dev/shm/ca-sync-bench';
const S3_ENV = { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const freePort = () => new Promise((r) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

function makeImages(dir, count, size, seed) {
  mkdirSync(dir, { recursive: true });
  const rand = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const bytes = Buffer.alloc(size);
    for (let j = 0; j < size; j += 4) bytes.writeUInt32LE(Math.floor(rand() * 0xffffffff), j);
    bytes[0] = 0xff; bytes[1] = 0xd8; // JPEG magic, for realism only
    writeFileSync(join(dir, `img_${String(i).padStart(5, '0')}.jpg`), bytes);
  }
}

function timed(cmd, args, env = S3_ENV) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return ms;
}

async function startS3rver() {
  const port = await freePort();
  const data = join(WORK, 's3data');
  rmSync(data, { recursive: true, force: true }); mkdirSync(data, { recursive: true });
  const child = spawn('node', ['--openssl-legacy-provider', join(ROOT, 'node_modules/s3rver/bin/s3rver.js'), '-d', data, '-a', '127.0.0.1', '-p', String(port), '--silent'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((r) => { const s = new Socket(); s.once('connect', () => { s.destroy(); r(true); }).once('error', () => r(false)).connect(port, '127.0.0.1'); });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

const ca = (...args) => ['dotnet', [serverDll, ...args]];
let bucketSeq = 0;
function createBucket(endpoint) {
  const name = `bench-${process.pid}-${bucketSeq++}`;
  // s3rver creates a bucket on an unsigned PUT /bucket.
  const r = spawnSync('node', ['-e', `fetch('${endpoint}/${name}', {method:'PUT'}).then(r=>process.exit(r.ok?0:1))`]);
  if (r.status !== 0) throw new Error('cannot create bucket ' + name);
  return name;
}

const results = {};
rmSync(WORK, { recursive: true, force: true });
const src1k = join(WORK, 'src-1k');
makeImages(src1k, 1000, 30 * 1024, 1);
const s3 = await startS3rver();
try {
  const tools = {
    'cloud-annotations': {
      push(src, bucket) {
        const dir = join(WORK, `ours-${bucket}`);
        cpSync(src, dir, { recursive: true });
        const [cmd, link] = ca('link', dir, '--remote', `s3://${bucket}`, '--endpoint', s3.endpoint);
        timed(cmd, link);
        const [c2, push] = ca('push', dir);
        return { ms: timed(c2, push), again: () => timed(...ca('sync', dir)) };
      },
    },
  };
  if (has('aws')) tools['aws s3 sync'] = {
    push(src, bucket) {
      const args = ['s3', 'sync', src, `s3://${bucket}`, '--endpoint-url', s3.endpoint, '--only-show-errors'];
      return { ms: timed('aws', args), again: () => timed('aws', args) };
    },
  };
  if (has('rclone')) tools['rclone sync --transfers 16'] = {
    push(src, bucket) {
      const env = { ...S3_ENV }; delete env.AWS_CA_BUNDLE;
      const args = ['sync', src, `:s3:${bucket}`, '--s3-provider', 'Other', '--s3-endpoint', s3.endpoint, '--s3-access-key-id', 'S3RVER',
        '--s3-secret-access-key', 'S3RVER', '--s3-region', 'us-east-1', '--transfers', '16', '--checkers', '16', '-q'];
      return { ms: timed('rclone', args, env), again: () => timed('rclone', args, env) };
    },
  };
  for (const [name, tool] of Object.entries(tools)) {
    const push = [], noChange = [];
    for (let i = 0; i < RUNS; i++) {
      const bucket = createBucket(s3.endpoint);
      const r = tool.push(src1k, bucket);
      push.push(r.ms);
      noChange.push(r.again());
    }
    results[name] = { push1kMs: median(push), noChange1kMs: median(noChange) };
    console.error(`${name}: push ${median(push).toFixed(0)} ms, no-change ${median(noChange).toFixed(0)} ms`);
  }
  // 10,000 objects: one push, then the median of no-change syncs.
  const src10k = join(WORK, 'src-10k');
  makeImages(src10k, 10000, 1024, 2);
  for (const [name, tool] of Object.entries(tools)) {
    const bucket = createBucket(s3.endpoint);
    const r = tool.push(src10k, bucket);
    const noChange = Array.from({ length: RUNS }, () => r.again());
    results[name].noChange10kMs = median(noChange);
    console.error(`${name}: no-change 10k ${median(noChange).toFixed(0)} ms`);
  }
} finally {
  s3.stop();
  rmSync(WORK, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
