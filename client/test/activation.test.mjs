// Activates the bundled extension (built from client/src with the same esbuild options) against an in-memory
// `vscode` (vscode-stub.mjs) and a scripted language server (fixtures/fake-server.cjs), through the real
// vscode-languageclient: commands, settings, secrets, sync follow-ups, restarts.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { activateExtension, buildExtension, waitFor } from './harness.mjs';
import { repoRoot } from './load-logic.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const contributed = manifest.contributes.commands.map((c) => c.command).sort();
const fakeServer = path.join(repoRoot, 'client', 'test', 'fixtures', 'fake-server.cjs');
const sha = (v) => crypto.createHash('sha256').update(v).digest('hex');

let tmp, extDir, workspace, project, logFile;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-client-activation-'));
  extDir = path.join(tmp, 'ext');
  await buildExtension(extDir);
  workspace = path.join(tmp, 'ws');
  project = path.join(workspace, 'pets');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, '_annotations.json'), '{"version":"1.0","type":"localization","labels":[],"annotations":{}}');
  logFile = path.join(tmp, 'server.jsonl');
  process.env.FAKE_SERVER_LOG = logFile;
});

after(() => {
  delete process.env.FAKE_SERVER_LOG;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

/** A fresh copy of the extension, activated with SETTINGS and stored SECRETS. */
async function activate(settings, secrets = {}) {
  fs.rmSync(logFile, { force: true });
  return activateExtension({ extDir, workspace, settings, secrets, projectFiles: [path.join(project, '_annotations.json')] });
}

const serverSettings = (more = {}) => ({ 'cloudAnnotations.server.path': fakeServer, ...more });

describe('without a usable server', () => {
  test('every contributed command is registered, and the error names the missing server and offers the setting', async () => {
    const { stub, run, deactivate } = await activate({ 'cloudAnnotations.server.path': path.join(tmp, 'missing', 'cloud-annotations') });
    try {
      assert.deepEqual([...stub.calls.commands.keys()].sort(), contributed);
      const err = stub.calls.messages.find((m) => m.level === 'error');
      assert.match(err.message, /cloudAnnotations\.server\.path does not exist: .*missing\/cloud-annotations/);
      assert.ok(err.items.includes('Open settings'));
      assert.deepEqual(stub.calls.context.get('cloudAnnotations.projectFolders'), [project]);
      const bar = stub.statusBarItems.find((i) => i.visible);
      assert.equal(bar.text, '$(error) Cloud Annotations');
      await run('cloudAnnotations.showServerLog');
      assert.ok(stub.calls.executed.some(([id]) => id === 'output.show'));
      // A sync command without a server says why instead of failing silently.
      stub.ui.message.push(undefined);
      await run('cloudAnnotations.pullFolder', stub.Uri.file(project));
      const failed = stub.calls.messages.at(-1);
      assert.equal(failed.level, 'error');
      assert.match(failed.message, /Pull failed: .*does not exist/);
    } finally {
      await deactivate();
    }
  });
});

describe('with the server', () => {
  test('starts it with `serve --stdio`, passes stored secrets only in its environment, answers configuration with checked settings', async () => {
    const secrets = { 'cloudAnnotations.awsAccessKeyId': 'AKID-TEST-1', 'cloudAnnotations.awsSecretAccessKey': 'SECRET-TEST-1' };
    const { stub, deactivate } = await activate(serverSettings({ 'cloudAnnotations.rules': { ca3003: 'warning', CA2002: 'loud' }, 'cloudAnnotations.jobs': 8 }), secrets);
    try {
      const start = readLog().find((e) => e.event === 'start');
      assert.deepEqual(start.argv, ['serve', '--stdio']);
      assert.equal(start.env.AWS_ACCESS_KEY_ID, sha('AKID-TEST-1'));
      assert.equal(start.env.AWS_SECRET_ACCESS_KEY, sha('SECRET-TEST-1'));
      const cfg = await waitFor('configuration', () => readLog().find((e) => e.event === 'configuration'));
      assert.deepEqual(cfg.config, [{ rules: { CA3003: 'warning' }, maxSymbols: 5000, debounceMs: 150, jobs: 8, 'format.style': 'pretty' }, 8]);
      assert.ok(stub.outputLines.some((l) => /CA2002 has severity "loud"/.test(l)), 'the dropped override is explained in the log');
      const everything = stub.outputLines.join('\n') + fs.readFileSync(logFile, 'utf8') + JSON.stringify(stub.calls.messages);
      assert.doesNotMatch(everything, /AKID-TEST-1|SECRET-TEST-1/, 'secrets never reach logs or messages');
      // The server's own commands are registered by the language client next to ours, without a clash.
      assert.ok(stub.calls.commands.has('cloudAnnotations.sync') && stub.calls.commands.has('cloudAnnotations.syncFolder'));
      // The status bar checks the folder at start: remote from the report, pending work as arrows.
      await waitFor('status bar', () => stub.statusBarItems.find((i) => i.visible && /↑/.test(i.text)));
      assert.equal(stub.statusBarItems.find((i) => i.visible).text, '$(cloud) pets/v2 ↑1 ↓1');
    } finally {
      await deactivate();
    }
  });

  test('Sync with a conflict: progress from the server, then Keep mine re-runs sync with choice "ours" after a confirmation', async () => {
    const { stub, run, deactivate } = await activate(serverSettings());
    try {
      stub.ui.message.push('Keep mine', 'Keep mine', undefined);
      await run('cloudAnnotations.syncFolder', stub.Uri.file(project));
      const syncs = readLog().filter((e) => e.event === 'executeCommand' && e.command === 'cloudAnnotations.sync');
      assert.equal(syncs.length, 2);
      assert.deepEqual(syncs[0].args, [stub.Uri.file(project).toString(), {}]);
      assert.ok(syncs[0].workDoneToken, 'a work-done token is sent so progress shows in the notification');
      assert.deepEqual(syncs[1].args[1], { choice: 'ours' });
      const [conflict, confirm, done] = stub.calls.messages.slice(-3);
      assert.equal(conflict.level, 'warning');
      assert.match(conflict.message, /1 conflict to settle: _annotations\.json/);
      assert.deepEqual(conflict.items, ['Keep mine', 'Take theirs', 'Open both', 'Show details']);
      assert.equal(confirm.modal, true);
      assert.match(done.message, /Sync: kept ours/);
      const progress = stub.calls.progress.find((p) => p.title === 'Syncing pets');
      assert.equal(progress.cancellable, true);
      assert.ok(progress.reports.some((r) => r.message === '1/2 files' && r.increment === 50));
    } finally {
      await deactivate();
    }
  });

  test('Open both opens a diff of the remote copy and the local file, then offers the choice again', async () => {
    const { stub, run, deactivate } = await activate(serverSettings());
    try {
      stub.ui.message.push('Open both', undefined);
      await run('cloudAnnotations.syncFolder', stub.Uri.file(project));
      assert.equal(stub.calls.diffs.length, 1);
      const [theirs, mine, title] = stub.calls.diffs[0];
      assert.equal(theirs, path.join(project, '.cloud-annotations', 'conflicts', '_annotations.json'));
      assert.equal(mine, path.join(project, '_annotations.json'));
      assert.equal(title, '_annotations.json: theirs ↔ mine');
      assert.equal(stub.calls.messages.filter((m) => /conflict to settle/.test(m.message)).length, 2);
    } finally {
      await deactivate();
    }
  });

  test('Pull on an unlinked folder offers to link it with cloudAnnotations.remote from settings', async () => {
    const secrets = { 'cloudAnnotations.awsAccessKeyId': 'A', 'cloudAnnotations.awsSecretAccessKey': 'B' };
    const { stub, run, deactivate } = await activate(serverSettings({ 'cloudAnnotations.remote': 's3://pets/v2', 'cloudAnnotations.region': 'eu-de' }), secrets);
    try {
      stub.ui.message.push('Link and continue', undefined, undefined);
      await run('cloudAnnotations.pullFolder', stub.Uri.file(project));
      const cmds = readLog().filter((e) => e.event === 'executeCommand' && e.command !== 'cloudAnnotations.status');
      assert.deepEqual(cmds.map((c) => c.command), ['cloudAnnotations.pull', 'cloudAnnotations.link', 'cloudAnnotations.pull']);
      assert.deepEqual(cmds[1].args[1], { remote: 's3://pets/v2', region: 'eu-de' });
    } finally {
      await deactivate();
    }
  });

  test('Link bucket… wizard: IBM COS region, bucket, prefix, API key auth', async () => {
    const { stub, run, deactivate } = await activate(serverSettings(), { 'cloudAnnotations.ibmApiKey': 'K' });
    try {
      const pickBy = (pred) => (items) => items.find(pred);
      stub.ui.quickPick.push(pickBy((i) => /IBM Cloud Object Storage/.test(i.label)), pickBy((i) => i.label === 'eu-gb'), pickBy((i) => i.description === 'iam'));
      stub.ui.inputBox.push(() => 'pets-bucket', () => '/projects/pets/');
      stub.ui.message.push(undefined);
      await run('cloudAnnotations.linkBucket', stub.Uri.file(project));
      const link = readLog().find((e) => e.event === 'executeCommand' && e.command === 'cloudAnnotations.link');
      assert.deepEqual(link.args[1], { remote: 's3://pets-bucket/projects/pets', endpoint: 'https://s3.eu-gb.cloud-object-storage.appdomain.cloud', region: 'eu-gb', auth: 'iam' });
      assert.match(stub.calls.messages.at(-1).message, /pets is linked to s3:\/\/pets-bucket\/projects\/pets/);
    } finally {
      await deactivate();
    }
  });

  test('Set credentials… stores the keys in secret storage and restarts the server with them', async () => {
    const { stub, run, deactivate } = await activate(serverSettings());
    try {
      assert.equal(readLog().filter((e) => e.event === 'start').length, 1);
      stub.ui.quickPick.push((items) => items.find((i) => i.id === 'hmac'));
      stub.ui.inputBox.push(() => 'AKID-NEW-2', () => 'SECRET-NEW-2');
      await run('cloudAnnotations.setCredentials');
      assert.equal(stub.secretsStore.get('cloudAnnotations.awsAccessKeyId'), 'AKID-NEW-2');
      const restarted = await waitFor('restart', () => readLog().filter((e) => e.event === 'start')[1]);
      assert.equal(restarted.env.AWS_ACCESS_KEY_ID, sha('AKID-NEW-2'));
      assert.equal(restarted.env.AWS_SECRET_ACCESS_KEY, sha('SECRET-NEW-2'));
      assert.ok(readLog().some((e) => e.event === 'shutdown'), 'the old server was shut down cleanly');
      assert.doesNotMatch(stub.outputLines.join('\n'), /AKID-NEW-2|SECRET-NEW-2/);
    } finally {
      await deactivate();
    }
  });

  test('Fix all problems reports how many fixes the server applied', async () => {
    const { stub, run, deactivate } = await activate(serverSettings());
    try {
      await run('cloudAnnotations.fixAllProblems', stub.Uri.file(path.join(project, '_annotations.json')));
      const fix = readLog().find((e) => e.event === 'executeCommand' && e.command === 'cloudAnnotations.fixAll');
      assert.deepEqual(fix.args, [stub.Uri.file(path.join(project, '_annotations.json')).toString()]);
      assert.equal(stub.calls.messages.at(-1).message, 'Cloud Annotations: applied 3 fixes.');
    } finally {
      await deactivate();
    }
  });

  test('a crashing server is restarted 4 times within 3 minutes, then left stopped with a message', async () => {
    const { stub, run, deactivate } = await activate(serverSettings());
    try {
      let answered;
      const answer = new Promise((resolve) => { answered = resolve; });
      for (let i = 1; i <= 5; i++) {
        const starts = readLog().filter((e) => e.event === 'start').length;
        await waitFor(`server ${i} running`, () => stub.calls.commands.has('test.crash'));
        if (i === 5) stub.ui.message.push(() => answer); // the user reads the message, then clicks Restart server
        run('test.crash').catch(() => undefined);
        if (i < 5) await waitFor(`restart ${i}`, () => readLog().filter((e) => e.event === 'initialize').length > starts);
      }
      const err = await waitFor('crash message', () => stub.calls.messages.find((m) => /crashed 5 times in 3 minutes/.test(m.message)));
      assert.deepEqual(err.items, ['Restart server', 'Show server log']);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(readLog().filter((e) => e.event === 'start').length, 5, 'no sixth start on its own');
      answered('Restart server');
      await waitFor('restart on request', () => readLog().filter((e) => e.event === 'initialize').length === 6);
      await run('cloudAnnotations.fixAllProblems', stub.Uri.file(path.join(project, '_annotations.json')));
      assert.equal(stub.calls.messages.at(-1).message, 'Cloud Annotations: applied 3 fixes.', 'the restarted server answers');
    } finally {
      await deactivate();
    }
  });

  test('deactivation shuts the server down', async () => {
    const { deactivate } = await activate(serverSettings());
    await waitFor('initialized', () => readLog().find((e) => e.event === 'configuration'));
    await deactivate();
    assert.ok(readLog().some((e) => e.event === 'shutdown'));
  });
});
