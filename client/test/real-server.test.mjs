// The bundled extension with the real language server, launched the way the .vsix launches it
// (`dotnet <extension>/dist/server/cloud-annotations.dll serve --stdio`, no server.path), on a copy of
// examples/pets linked to a local-folder bucket: link wizard, push, status bar, pull of a remote change, and the
// image preview against the server's cloudAnnotations.imagePreview. VS Code itself is the in-memory stand-in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { activateExtension, buildExtension, waitFor } from './harness.mjs';
import { repoRoot } from './load-logic.mjs';

const serverDll = process.env.CA_SERVER_DLL ?? path.join(repoRoot, 'dist', 'server', 'cloud-annotations.dll');
let tmp, extDir, workspace, project, bucket, session;

before(async () => {
  assert.ok(fs.existsSync(serverDll), `the server is not built at ${serverDll}: run \`npm run build:server\` or set CA_SERVER_DLL`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-client-real-'));
  extDir = path.join(tmp, 'ext');
  await buildExtension(extDir);
  // The extension's own dist/server, as inside the .vsix.
  fs.symlinkSync(path.dirname(serverDll), path.join(extDir, 'dist', 'server'), 'dir');
  workspace = path.join(tmp, 'ws');
  project = path.join(workspace, 'pets');
  fs.cpSync(path.join(repoRoot, 'examples', 'pets'), project, { recursive: true });
  bucket = path.join(tmp, 'bucket');
  fs.mkdirSync(bucket);
  session = await activateExtension({ extDir, workspace, projectFiles: [path.join(project, '_annotations.json')] });
});

after(async () => {
  await session?.deactivate();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const visibleBar = () => session.stub.statusBarItems.find((i) => i.visible);
const lastMessage = () => session.stub.calls.messages.at(-1);

test('the bundled server starts with dotnet and registers its commands beside ours', async () => {
  const { stub } = session;
  await waitFor('the server\'s commands', () => stub.calls.commands.has('cloudAnnotations.sync'));
  assert.equal(stub.calls.messages.filter((m) => m.level === 'error').length, 0, JSON.stringify(stub.calls.messages));
  assert.ok(stub.outputLines.some((l) => /Starting the language server: .*dotnet .*dist\/server\/cloud-annotations\.dll serve --stdio/.test(l)));
  const bar = await waitFor('status bar', () => visibleBar()?.text === '$(cloud) Link bucket…' && visibleBar());
  assert.match(bar.tooltip, /not linked/);
});

test('Link bucket… with a local folder, then Push copies the project into the bucket', async () => {
  const { stub, run } = session;
  stub.ui.quickPick.push((items) => items.find((i) => /Local folder/.test(i.label)));
  stub.ui.openDialog.push(() => [stub.Uri.file(bucket)]);
  stub.ui.message.push(undefined);
  await run('cloudAnnotations.linkBucket', stub.Uri.file(project));
  assert.match(lastMessage().message, /pets is linked to file:\/\/\//);

  // The example has error-level problems: the server pushes the images and refuses the file; "Push anyway" forces it.
  stub.ui.message.push('Push anyway', 'Push anyway', undefined);
  await run('cloudAnnotations.pushFolder', stub.Uri.file(project));
  const [refused, confirm, done] = stub.calls.messages.slice(-3);
  assert.equal(refused.level, 'warning');
  assert.match(refused.message, /refused: _annotations\.json \(not pushed: has \d+ errors/);
  assert.ok(refused.items.includes('Push anyway'));
  assert.equal(confirm.modal, true);
  assert.equal(done.level, 'info', done.message);
  assert.match(done.message, /^Cloud Annotations — Push: /);
  const pushes = stub.calls.progress.filter((p) => p.title === 'Pushing pets');
  assert.equal(pushes.length, 2);
  for (const f of ['_annotations.json', 'cat1.jpg', 'dog2.png']) {
    assert.deepEqual(fs.readFileSync(path.join(bucket, f)), fs.readFileSync(path.join(project, f)), f);
  }
  assert.ok(pushes.every((p) => p.cancellable));
  assert.ok(pushes.some((p) => p.reports.some((r) => r.message)), 'the server\'s $/progress reaches the notification');
  await waitFor('in sync', () => / ✓$/.test(visibleBar()?.text ?? ''));
  assert.match(visibleBar().text, /^\$\(cloud\) bucket \(local\) ✓$/);
});

test('a new image in the bucket shows as ↓1; Show sync status → Sync now downloads it', async () => {
  const { stub, run } = session;
  fs.copyFileSync(path.join(project, 'cat1.jpg'), path.join(bucket, 'cat3.jpg'));
  stub.ui.message.push((message, items) => (items.includes('Sync now') ? 'Sync now' : undefined), undefined);
  await run('cloudAnnotations.showSyncStatus', stub.Uri.file(project));
  const plan = stub.calls.messages.find((m) => m.items.includes('Sync now'));
  assert.ok(plan, JSON.stringify(stub.calls.messages.slice(-3)));
  assert.ok(stub.outputLines.some((l) => /download\s+cat3\.jpg/.test(l)), 'the plan is in the output channel');
  assert.deepEqual(fs.readFileSync(path.join(project, 'cat3.jpg')), fs.readFileSync(path.join(bucket, 'cat3.jpg')));
  await waitFor('in sync again', () => / ✓$/.test(visibleBar()?.text ?? ''));
});

test('the image preview shows the server\'s boxes, and clicking one selects its entry in the editor', async () => {
  const { stub, run } = session;
  const file = path.join(project, '_annotations.json');
  await run('cloudAnnotations.openImagePreview', stub.Uri.file(file).toString(), 'cat1.jpg');
  const panel = await waitFor('the preview panel', () => stub.webviews[0]);
  assert.match(panel.webview.html, /Content-Security-Policy/);
  assert.equal(panel.title, 'Preview: cat1.jpg');
  const show = panel.webview.posted.find((m) => m.type === 'show');
  assert.equal(show.preview.imageKey, 'cat1.jpg');
  assert.deepEqual(show.preview.boxes.map((b) => [b.label, b.x, b.y, b.x2, b.y2]), [['cat', 0.12, 0.2, 0.58, 0.91]]);
  // (width/height may still be null right after the file opens, before the server has scanned the folder: the page
  // then takes the size from the image itself.)
  assert.equal(show.imageUri, stub.Uri.file(path.join(project, 'cat1.jpg')).toString(), 'the local image, through asWebviewUri');
  assert.deepEqual(show.labels, ['cat', 'dog', 'fish']);

  panel.receive({ type: 'reveal', index: 0 });
  const shown = await waitFor('the editor selection', () => stub.shown.at(-1));
  const text = fs.readFileSync(file, 'utf8');
  const boxLine = text.slice(0, text.indexOf('{', text.indexOf('"cat1.jpg"'))).split('\n').length - 1;
  assert.equal(shown.uri, file);
  assert.equal(shown.selection.start.line, boxLine, 'the selection starts at the box object');
});

test('Open image preview from the explorer, with no editor and no key, asks which image', async () => {
  const { stub, run } = session;
  const file = path.join(project, '_annotations.json');
  let offered;
  stub.ui.quickPick.push((items) => { offered = items.map((i) => i.label); return items.find((i) => i.label === 'dog1.jpg'); });
  await run('cloudAnnotations.openImagePreview', stub.Uri.file(file));
  assert.ok(offered.includes('cat1.jpg') && offered.includes('dog1.jpg'), JSON.stringify(offered));
  const show = stub.webviews[0].webview.posted.filter((m) => m.type === 'show').at(-1);
  assert.equal(show.preview.imageKey, 'dog1.jpg');
  assert.equal(stub.webviews.length, 1, 'the one preview panel is reused');
  assert.ok(show.preview.boxes.length >= 2);
});

test('moving the cursor in the file highlights the box under it, and follows it to another image', async () => {
  const { stub } = session;
  const panel = stub.webviews[0];
  const doc = stub.documents.find((d) => d.uri.fsPath.endsWith('_annotations.json'));
  const text = doc.getText();
  const dogEntry = text.indexOf('"dog1.jpg"');
  const secondDogBox = text.indexOf('{', text.indexOf('}', text.indexOf('{', dogEntry)) + 1);
  const before = panel.webview.posted.length;
  stub.moveCursor(doc, secondDogBox + 3);
  const highlight = await waitFor('a highlight', () => panel.webview.posted.slice(before).find((m) => m.type === 'highlight'));
  assert.equal(highlight.index, 1, 'the second box of dog1.jpg');

  const catBox = text.indexOf('{', text.indexOf('"cat2.jpg"'));
  const mark = panel.webview.posted.length;
  stub.moveCursor(doc, catBox + 3);
  const followed = await waitFor('the other image', () => panel.webview.posted.slice(mark).find((m) => m.type === 'show'));
  assert.equal(followed.preview.imageKey, 'cat2.jpg');
  assert.equal(followed.preview.activeIndex, 0);
  assert.equal(panel.title, 'Preview: cat2.jpg');
});
