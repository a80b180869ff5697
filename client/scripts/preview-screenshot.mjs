// Renders the image preview webview (the real page script and HTML shell) in headless Chromium and saves a
// screenshot to client/media/preview.png for the README. The image is painted on a canvas in the page, and the
// boxes are shaped like the server's cloudAnnotations.imagePreview result.
// Usage: node client/scripts/preview-screenshot.mjs [chromium-binary]   (Debian: apt-get install chromium)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClient } from '../esbuild.mjs';
import { loadLogic, repoRoot } from '../test/load-logic.mjs';

const chromium = process.argv[2] ?? '/usr/bin/chromium';
const L = await loadLogic();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-preview-shot-'));
await buildClient({ outdir: tmp });

const range = (line) => ({ start: { line, character: 6 }, end: { line: line + 7, character: 7 } });
const preview = {
  imageKey: 'backyard/IMG_0042.jpg',
  imagePath: '/home/me/pets/backyard/IMG_0042.jpg',
  width: 960,
  height: 640,
  activeIndex: 1,
  boxes: [
    { index: 0, label: 'dog', x: 0.08, y: 0.38, x2: 0.47, y2: 0.93, range: range(12) },
    { index: 1, label: 'cat', x: 0.58, y: 0.46, x2: 0.83, y2: 0.9, range: range(20) },
    { index: 2, label: 'ball', x: 0.5, y: 0.78, x2: 0.58, y2: 0.9, range: range(28) },
    { index: 3, label: 'bird', x: 0.74, y: 0.16, x2: 0.62, y2: 0.27, range: range(36) },
  ],
};

// A painted stand-in for a photo: sky, lawn, a dog, a cat, a ball, a bird.
const paint = `
  const c = document.createElement('canvas'); c.width = 960; c.height = 640; const g = c.getContext('2d');
  const sky = g.createLinearGradient(0, 0, 0, 400); sky.addColorStop(0, '#7fb8e8'); sky.addColorStop(1, '#d7ecf7');
  g.fillStyle = sky; g.fillRect(0, 0, 960, 640);
  g.fillStyle = '#5d9b4a'; g.fillRect(0, 400, 960, 240);
  g.fillStyle = '#4c8a3c'; for (let i = 0; i < 400; i++) g.fillRect((i * 97) % 960, 400 + (i * 53) % 240, 3, 9);
  g.fillStyle = '#f4d35e'; g.beginPath(); g.arc(120, 90, 46, 0, 7); g.fill();
  const ell = (x, y, rx, ry, col, rot = 0) => { g.fillStyle = col; g.beginPath(); g.ellipse(x, y, rx, ry, rot, 0, 7); g.fill(); };
  ell(250, 470, 150, 85, '#a8743f'); ell(130, 350, 62, 56, '#a8743f'); ell(95, 320, 18, 40, '#7a5127', -0.4);
  ell(170, 318, 18, 40, '#7a5127', 0.4); ell(150, 372, 14, 10, '#2b1b0e'); ell(115, 345, 7, 7, '#1b1b1b'); ell(160, 345, 7, 7, '#1b1b1b');
  for (const x of [150, 210, 300, 360]) { g.fillStyle = '#8b5e34'; g.fillRect(x, 520, 26, 68); }
  ell(390, 430, 48, 14, '#a8743f', -0.6);
  ell(700, 500, 90, 70, '#9aa0a6'); ell(640, 345, 52, 48, '#9aa0a6');
  g.fillStyle = '#9aa0a6'; g.beginPath(); g.moveTo(600, 320); g.lineTo(606, 268); g.lineTo(632, 305); g.fill();
  g.beginPath(); g.moveTo(680, 320); g.lineTo(674, 268); g.lineTo(648, 305); g.fill();
  ell(625, 340, 7, 9, '#3d7a3d'); ell(655, 340, 7, 9, '#3d7a3d'); ell(790, 520, 60, 12, '#9aa0a6', -1.0);
  ell(518, 540, 34, 34, '#d64541'); g.strokeStyle = '#fff'; g.lineWidth = 4; g.beginPath(); g.arc(518, 540, 24, 0.3, 2.2); g.stroke();
  ell(655, 135, 34, 16, '#3a4d66'); ell(690, 125, 14, 12, '#3a4d66'); g.fillStyle = '#e3a72f'; g.beginPath(); g.moveTo(702, 124); g.lineTo(716, 128); g.lineTo(702, 132); g.fill();
  ell(648, 118, 30, 9, '#2c3b50', -0.5);
  return c.toDataURL('image/png');`;

const nonce = L.makeNonce();
let html = L.renderPreviewHtml({ cspSource: 'file:', nonce, scriptUri: 'preview.js' });
const theme = `:root { --vscode-font-family: system-ui, "DejaVu Sans", sans-serif; --vscode-font-size: 13px; --vscode-foreground: #cccccc;
  --vscode-editor-background: #1e1e1e; --vscode-list-hoverBackground: #2a2d2e; --vscode-list-activeSelectionBackground: #04395e;
  --vscode-list-activeSelectionForeground: #ffffff; --vscode-focusBorder: #007fd4; --vscode-editorWarning-foreground: #cca700;
  --vscode-editorError-foreground: #f14c4c; }`;
const stub = `<style nonce="${nonce}">${theme}</style>
<script nonce="${nonce}">
  window.acquireVsCodeApi = () => ({ postMessage(m) {
    if (m.type !== 'ready') return;
    const image = (() => {${paint}})();
    window.postMessage({ type: 'show', preview: ${JSON.stringify(preview)}, imageUri: image, documentName: 'pets/_annotations.json', labels: ['dog', 'cat', 'ball', 'bird'] }, '*');
  } });
</script>
`;
html = html.replace(`<script nonce="${nonce}" src=`, `${stub}<script nonce="${nonce}" src=`);
fs.writeFileSync(path.join(tmp, 'index.html'), html);

const out = path.join(repoRoot, 'client', 'media', 'preview.png');
execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
  '--window-size=1180,600', '--virtual-time-budget=3000', `--screenshot=${out}`, `file://${path.join(tmp, 'index.html')}`], { stdio: 'ignore' });
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${path.relative(repoRoot, out)} (${fs.statSync(out).size} bytes)`);
