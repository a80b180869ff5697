import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLogic } from './load-logic.mjs';

const L = await loadLogic();
const box = (index, x, y, x2, y2, label = 'cat') => ({ index, label, x, y, x2, y2 });

test('a normal box keeps its corners and has no issues', () => {
  const s = L.shapeOf(box(0, 0.1, 0.2, 0.5, 0.6));
  assert.deepEqual([s.left, s.top, s.right, s.bottom, s.issues, s.labelOnly], [0.1, 0.2, 0.5, 0.6, [], false]);
});

test('inverted and out-of-range boxes are drawn sorted and clamped, and flagged', () => {
  const inv = L.shapeOf(box(1, 0.8, 0.9, 0.2, 0.1));
  assert.deepEqual([inv.left, inv.top, inv.right, inv.bottom], [0.2, 0.1, 0.8, 0.9]);
  assert.deepEqual(inv.issues, ['inverted']);
  const out = L.shapeOf(box(2, -0.2, 0.5, 1.3, 0.7));
  assert.deepEqual([out.left, out.right], [0, 1]);
  assert.deepEqual(out.issues, ['outOfRange']);
  assert.deepEqual(L.shapeOf(box(3, 0.4, 0.1, 0.4, 0.3)).issues, ['degenerate']);
  assert.deepEqual(L.shapeOf(box(4, NaN, 0, 0.3, 0.3)).left, 0, 'non-numbers draw at 0');
});

test('a label-only entry (classification, "Negative") labels the whole image and cannot be hit', () => {
  const s = L.shapeOf({ index: 0, label: 'Negative', x: 0, y: 0, x2: 0, y2: 0 });
  assert.equal(s.labelOnly, true);
  assert.deepEqual(s.issues, []);
  assert.equal(L.hitTest([s], 0, 0), undefined);
});

test('normalised box → pixel rectangle of the image (rounded outward)', () => {
  const s = L.shapeOf(box(0, 0.1, 0.25, 0.5, 0.75));
  assert.deepEqual(L.toPixelRect(s, 640, 480), { x: 64, y: 120, width: 256, height: 240 });
  const tiny = L.shapeOf(box(1, 0.5001, 0.5001, 0.5002, 0.5002));
  const r = L.toPixelRect(tiny, 100, 100);
  assert.ok(r.width >= 1 && r.height >= 1, 'a sub-pixel box stays visible');
  assert.deepEqual(L.toPercentRect(s), { x: 10, y: 25, width: 40, height: 50 });
});

test('hit testing picks the smallest box under the point, so nested boxes stay reachable', () => {
  const shapes = [box(0, 0, 0, 1, 1, 'scene'), box(1, 0.2, 0.2, 0.6, 0.6, 'dog'), box(2, 0.3, 0.3, 0.4, 0.4, 'collar')].map(L.shapeOf);
  assert.equal(L.hitTest(shapes, 0.35, 0.35), 2);
  assert.equal(L.hitTest(shapes, 0.5, 0.5), 1);
  assert.equal(L.hitTest(shapes, 0.9, 0.1), 0);
  assert.equal(L.hitTest(shapes.slice(1), 0.9, 0.9), undefined);
  assert.equal(L.hitTest([L.shapeOf(box(5, 0.5, 0.1, 0.5, 0.9))], 0.503, 0.5, 0.005), 5, 'a zero-width box is hit within the tolerance');
  assert.equal(L.hitTest([L.shapeOf(box(5, 0.5, 0.1, 0.5, 0.9))], 0.503, 0.5), undefined);
});

test('drawing order puts small boxes on top and leaves label-only entries out', () => {
  const shapes = [box(0, 0.3, 0.3, 0.4, 0.4), box(1, 0, 0, 1, 1), { index: 2, label: 'x', x: 0, y: 0, x2: 0, y2: 0 }].map(L.shapeOf);
  assert.deepEqual(L.drawOrder(shapes).map((s) => s.index), [1, 0]);
});

test('label tags go above a box unless it touches the top edge', () => {
  assert.equal(L.labelPlacement(L.shapeOf(box(0, 0.1, 0.3, 0.2, 0.4)), 0.06), 'above');
  assert.equal(L.labelPlacement(L.shapeOf(box(0, 0.1, 0.01, 0.2, 0.4)), 0.06), 'inside');
});

test('label colours follow the declared labels, so a project\'s labels differ and keep their colour in every image', () => {
  const declared = ['cat', 'dog', 'bird', 'person', 'car', 'ball', 'tree', 'horse', 'cup', 'phone', 'book', 'chair'];
  assert.equal(new Set(declared.map((l) => L.labelColor(l, declared))).size, declared.length);
  assert.equal(L.labelColor('dog', declared), L.LabelPalette[1]);
  const many = Array.from({ length: 40 }, (_, i) => `label${i}`);
  assert.equal(new Set(many.map((l) => L.labelColor(l, many))).size, 40, 'beyond the palette, golden-angle hues');
  assert.equal(L.labelColor('undeclared'), L.labelColor('undeclared', declared), 'an undeclared label still has a stable colour');
  assert.ok(L.LabelPalette.includes(L.labelColor('undeclared')));
});

test('the declared labels are found without parsing the file', () => {
  assert.deepEqual(L.findDeclaredLabels('{"version":"1.0","labels":["cat","d\\"og",  "a]b"],"annotations":{"x.jpg":[{"label":"cat"}]}}'), ['cat', 'd"og', 'a]b']);
  assert.deepEqual(L.findDeclaredLabels('{\n  "labels": [\n    "cat"\n  ]\n}'), ['cat']);
  assert.equal(L.findDeclaredLabels('{"annotations":{"x.jpg":[{"label":"cat"}]}}'), undefined);
  assert.equal(L.findDeclaredLabels('{"labels":[1,2]}'), undefined);
});

test('images are fitted into the panel without being blown up more than 4×', () => {
  assert.deepEqual(L.fitSize(4000, 3000, 800, 800), { width: 800, height: 600, scale: 0.2 });
  assert.deepEqual(L.fitSize(50, 50, 800, 800), { width: 200, height: 200, scale: 4 });
  assert.deepEqual(L.fitSize(0, 10, 800, 800), { width: 0, height: 0, scale: 0 });
});

test('image keys are found in pretty and minified files; other strings are not', () => {
  const pretty = '{\n  "labels": ["cat.jpg"],\n  "annotations": {\n    "cats/1.jpg": [\n      {"label": "cat"}\n    ],\n    "dogs/2.PNG" : [],\n    "notes.txt": []\n  }\n}';
  const keys = L.findImageKeys(pretty);
  assert.deepEqual(keys.map((k) => k.key), ['cats/1.jpg', 'dogs/2.PNG']);
  assert.equal(pretty.slice(keys[0].start, keys[0].end), '"cats/1.jpg"');
  const minified = '{"version":"1.0","annotations":{"a.jpg":[{"x":0.1}],"b\\u002fc.jpeg":[],"c.png":[]}}';
  assert.deepEqual(L.findImageKeys(minified).map((k) => k.key), ['a.jpg', 'b/c.jpeg', 'c.png']);
  assert.equal(L.findImageKeys(minified, 2).length, 2);
  const lineOf = (o) => minified.slice(0, o).split('\n').length - 1;
  assert.equal(L.firstPerLine(L.findImageKeys(minified), lineOf).length, 1, 'one lens per line');
  assert.equal(L.findImageKeys('{"annotations":{"bad\\q.jpg":[]}}').length, 0, 'a broken escape is skipped');
});

test('the image key under the cursor is found on a line, even a minified one', () => {
  const line = '    "cats/1.jpg": [';
  assert.equal(L.imageKeyAt(line, 8).key, 'cats/1.jpg');
  assert.equal(L.imageKeyAt(line, 4).key, 'cats/1.jpg', 'on the opening quote');
  assert.equal(L.imageKeyAt(line, 17), undefined, 'after the key');
  assert.equal(L.imageKeyAt('      "label": "cat"', 16), undefined, 'a label value is no image key');
  const minified = '{"annotations":{' + Array.from({ length: 2000 }, (_, i) => `"img${i}.jpg":[{"label":"a"}]`).join(',') + '}}';
  const at = minified.indexOf('"img1500.jpg"') + 3;
  assert.deepEqual(L.imageKeyAt(minified, at), { key: 'img1500.jpg', start: at - 3, end: at - 3 + '"img1500.jpg"'.length });
});

test('hover links carry their arguments encoded', () => {
  const link = L.commandLink('cloudAnnotations.openImagePreview', ['file:///p/_annotations.json', 'a b&c.jpg']);
  assert.equal(link, 'command:cloudAnnotations.openImagePreview?' + encodeURIComponent('["file:///p/_annotations.json","a b&c.jpg"]'));
  assert.doesNotMatch(link.slice(8), /[ &"]/);
});

test('the webview shell has a strict CSP: only the nonce\'d script and style run, images from the webview only', () => {
  const html = L.renderPreviewHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'N0NCE', scriptUri: 'https://x/preview.js?a=1&b="2"' });
  const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0NCE'/);
  assert.match(csp, /img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net data:/);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  assert.match(html, /<script nonce="N0NCE" src="https:\/\/x\/preview\.js\?a=1&amp;b=&quot;2&quot;">/);
  let i = 0;
  const nonce = L.makeNonce(() => (i++ % 62) / 62);
  assert.equal(nonce.length, 32);
  assert.match(nonce, /^[A-Za-z0-9]+$/);
});

test('only well-formed messages from the webview are accepted', () => {
  assert.equal(L.isFromWebview({ type: 'reveal', index: 3 }), true);
  assert.equal(L.isFromWebview({ type: 'reveal', index: '3' }), false);
  assert.equal(L.isFromWebview({ type: 'ready' }), true);
  assert.equal(L.isFromWebview({ type: 'eval', code: '1' }), false);
  assert.equal(L.isFromWebview(null), false);
});
