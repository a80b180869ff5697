import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadLogic } from './load-logic.mjs';

const L = await loadLogic();

const report = (verb, actions, extra = {}) => ({ verb, dryRun: verb === 'status', actions, summary: '', exitCode: 0, ...extra });
const a = (kind, p, more = {}) => ({ kind, path: p, ...more });

test('counts per kind, bytes of transfers only', () => {
  const c = L.countActions(report('sync', [a('upload', 'a.jpg', { bytes: 1000 }), a('upload', 'b.jpg', { bytes: 24 }), a('download', 'c.jpg', { bytes: 2048 }),
    a('merge', '_annotations.json', { bytes: 99 }), a('conflict', 'd.jpg'), a('skip', 'e.txt'), a('deleteRemote', 'f.jpg')]));
  assert.deepEqual([c.uploads, c.downloads, c.merges, c.conflicts, c.skipped, c.deleteRemote, c.bytes], [2, 1, 1, 1, 1, 1, 3072]);
});

test('summary text: the server\'s line wins, counts fill in, nothing to do is said plainly', () => {
  assert.equal(L.describeReport(report('push', [], { summary: '12 uploaded (3.1 MB) in 0.4 s' })).message, 'Push: 12 uploaded (3.1 MB) in 0.4 s');
  assert.equal(L.describeReport(report('pull', [a('download', 'x.jpg'), a('download', 'y.jpg')])).message, 'Pull: 2 downloads');
  assert.equal(L.describeReport(report('sync', [])).message, 'Sync: already in sync');
  assert.equal(L.describeReport(report('status', [a('upload', 'x.jpg')])).message, 'Sync status: to do: 1 upload');
  assert.equal(L.describeReport(report('status', [])).message, 'Sync status: in sync, nothing to do');
});

test('severity follows the exit code, conflicts and refusals', () => {
  assert.equal(L.describeReport(report('pull', [a('download', 'x.jpg')])).severity, 'info');
  const conflict = L.describeReport(report('pull', [a('conflict', '_annotations.json', { reason: 'cats/1.jpg changed on both sides' })], { exitCode: 1 }));
  assert.equal(conflict.severity, 'warning');
  assert.match(conflict.message, /1 conflict to settle: _annotations\.json/);
  const failed = L.describeReport(report('push', [], { exitCode: 2, error: 'no credentials: set AWS_ACCESS_KEY_ID' }));
  assert.equal(failed.severity, 'error');
  assert.equal(failed.message, 'Push failed: no credentials: set AWS_ACCESS_KEY_ID');
});

test('many conflicts are listed briefly', () => {
  const m = L.describeReport(report('pull', ['a', 'b', 'c', 'd', 'e'].map((n) => a('conflict', `${n}.jpg`)), { exitCode: 1 })).message;
  assert.match(m, /5 conflicts to settle: a\.jpg, b\.jpg, c\.jpg, and 2 more/);
});

test('conflicts offer Keep mine / Take theirs (re-running the verb with a choice) and Open both when a copy exists', () => {
  const r = report('pull', [a('conflict', 'cat.jpg', { theirsPath: '.cloud-annotations/theirs/cat.jpg' })], { exitCode: 1 });
  const f = L.followUps(r, { delete: true, dryRun: false });
  assert.deepEqual(f.map((x) => x.title), ['Keep mine', 'Take theirs', 'Open both', 'Show details']);
  assert.deepEqual(f[0], { id: 'keepMine', title: 'Keep mine', verb: 'pull', options: { delete: true, choice: 'ours' } });
  assert.deepEqual(f[1].options, { delete: true, choice: 'theirs' });
  const noCopy = L.followUps(report('sync', [a('conflict', 'cat.jpg')], { exitCode: 1 }));
  assert.equal(noCopy.some((x) => x.id === 'openBoth'), false);
});

test('conflicts found by status are settled by a sync', () => {
  const f = L.followUps(report('status', [a('conflict', 'cat.jpg')], { exitCode: 1 }));
  assert.equal(f[0].verb, 'sync');
  assert.equal(L.settlingVerb('push'), 'push');
});

test('a push refused for errors offers "Push anyway" (force); a hostile key does not', () => {
  const errors = L.followUps(report('push', [a('refused', '_annotations.json', { reason: 'has 3 error-level problems (use --force)' })], { exitCode: 1 }));
  const force = errors.find((x) => x.id === 'forcePush');
  assert.deepEqual(force, { id: 'forcePush', title: 'Push anyway', verb: 'push', options: { force: true } });
  const hostile = L.followUps(report('pull', [a('refused', '../etc/passwd', { reason: 'key escapes the folder' })], { exitCode: 1 }));
  assert.equal(hostile.some((x) => x.id === 'forcePush'), false);
});

test('not linked → Link bucket…; missing credentials → Set credentials…', () => {
  const unlinked = report('status', [], { exitCode: 2, error: 'examples/pets is not linked: run `cloud-annotations link`' });
  assert.equal(L.isNotLinked(unlinked), true);
  assert.equal(L.followUps(unlinked)[0].id, 'linkBucket');
  const creds = report('pull', [], { exitCode: 2, error: 'no credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or run cloud-annotations link --auth iam' });
  assert.equal(L.followUps(creds)[0].id, 'setCredentials');
  assert.equal(L.isNotLinked(creds), false);
  assert.equal(L.followUps(report('pull', [], { exitCode: 2, error: 'Access Denied (403)' }))[0].id, 'setCredentials');
});

test('the plan is printed one aligned action per line', () => {
  const lines = L.formatPlan(report('status', [a('upload', 'cats/1.jpg', { bytes: 30720 }), a('conflict', '_annotations.json', { reason: 'cats/2.jpg changed on both sides' })]), '/p');
  assert.equal(lines[0], 'Sync status (plan only) of /p: to do: 1 upload, 1 conflict');
  assert.equal(lines[1], '  upload    cats/1.jpg  30 KB');
  assert.equal(lines[2], '  CONFLICT  _annotations.json  (cats/2.jpg changed on both sides)');
});

test('formatBytes', () => {
  assert.deepEqual([0, 1023, 1024, 1536, 10 * 1024 * 1024, 5.5 * 1024 ** 3].map(L.formatBytes), ['0 B', '1023 B', '1.0 KB', '1.5 KB', '10 MB', '5.5 GB']);
});

test('Open both compares the local file with the copy of the remote version', () => {
  const d = L.conflictDiff('/work/pets', a('conflict', 'cats/1.jpg', { theirsPath: '.cloud-annotations/conflicts/cats/1.jpg' }), path.posix);
  assert.deepEqual(d, { mine: '/work/pets/cats/1.jpg', theirs: '/work/pets/.cloud-annotations/conflicts/cats/1.jpg', title: 'cats/1.jpg: theirs ↔ mine', onDisk: false });
  // A pull that landed under unsaved edits: the remote version is the file on disk, "mine" is the editor's text.
  const unsaved = L.conflictDiff('/work/pets', a('conflict', '_annotations.json', { theirsPath: '/work/pets/_annotations.json' }), path.posix);
  assert.equal(unsaved.onDisk, true);
  assert.equal(unsaved.title, '_annotations.json: pulled (on disk) ↔ unsaved');
  assert.equal(L.conflictDiff('/w', a('conflict', 'x.jpg', { theirsPath: '/tmp/x.jpg' }), path.posix).theirs, '/tmp/x.jpg');
  assert.equal(L.conflictDiff('/w', a('conflict', 'x.jpg'), path.posix), undefined);
});

test('status bar: ↑ uploads ↓ downloads ⚠ conflicts, ✓ when in sync, click syncs', () => {
  const at = new Date(2026, 0, 1, 12, 0, 0);
  const r = report('status', [a('upload', '1.jpg'), a('upload', '2.jpg'), a('upload', '3.jpg'), a('download', '4.jpg'), a('conflict', '_annotations.json')], { exitCode: 1 });
  const v = L.statusBarView({ kind: 'report', report: r, remote: 's3://pets-bucket/v2', checkedAt: at }, 'pets');
  assert.equal(v.text, '$(cloud) pets-bucket/v2 ↑3 ↓1 ⚠1');
  assert.equal(v.command, 'cloudAnnotations.syncFolder');
  assert.equal(v.warning, true);
  assert.match(v.tooltip, /3 to upload, 1 to download, 1 in conflict/);
  const clean = L.statusBarView({ kind: 'report', report: report('status', [a('skip', 'notes.txt')]), remote: 'file:///srv/buckets/pets', checkedAt: at }, 'pets');
  assert.equal(clean.text, '$(cloud) pets (local) ✓');
  assert.equal(clean.warning, false);
});

test('status bar: not linked offers linking; errors, running and a stopped server show as such', () => {
  const at = new Date();
  const unlinked = L.statusBarView({ kind: 'report', report: report('status', [], { exitCode: 2, error: 'not linked' }), checkedAt: at }, 'pets');
  assert.deepEqual([unlinked.text, unlinked.command], ['$(cloud) Link bucket…', 'cloudAnnotations.linkBucket']);
  const err = L.statusBarView({ kind: 'report', report: report('status', [], { exitCode: 2, error: 'connection refused' }), remote: 's3://b1b', checkedAt: at }, 'pets');
  assert.equal(err.text, '$(cloud-offline) b1b');
  assert.match(err.tooltip, /connection refused/);
  assert.equal(L.statusBarView({ kind: 'running', verb: 'pull' }, 'pets').text, '$(sync~spin) Pulling…');
  const down = L.statusBarView({ kind: 'serverDown', message: 'no dotnet' }, 'pets');
  assert.deepEqual([down.command, down.tooltip], ['cloudAnnotations.showServerLog', 'no dotnet']);
});

test('remote names are shortened for the status bar', () => {
  assert.equal(L.remoteLabel('s3://a-very-long-bucket-name-for-a-project/with/a/deep/prefix', 20), 'a-very-long-bucket-…');
  assert.equal(L.pendingText(report('status', [a('deleteLocal', 'x.jpg'), a('merge', '_annotations.json'), a('deleteRemote', 'y.jpg')])), '↑1 ↓2');
});
