// The image preview page: the image, its boxes and labels over it, and a table of the boxes. Clicking a box or a
// row asks the extension to reveal the entry in the editor; the extension tells it which box the cursor is on.
import { drawOrder, fitSize, hitTest, labelColor, labelPlacement, shapeOf, toPercentRect, toPixelRect, type BoxShape } from '../logic/geometry';
import type { FromWebview, ToWebview } from '../logic/previewMessages';
import type { ImagePreview } from '../logic/protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };
const vscode = acquireVsCodeApi();

const root = document.getElementById('root')!;
let current: { preview: ImagePreview; shapes: BoxShape[]; imageUri: string | null; documentName: string; labels: string[] } | undefined;
let activeIndex: number | null = null;
let natural = { width: 0, height: 0 };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const IssueText: Record<string, string> = { inverted: 'inverted', outOfRange: 'outside the image', degenerate: 'zero width or height' };

function render(): void {
  root.replaceChildren();
  if (!current) return;
  const { preview, shapes } = current;
  natural = { width: preview.width ?? 0, height: preview.height ?? 0 };

  const header = el('header');
  header.append(el('h1', undefined, preview.imageKey));
  const drawn = shapes.filter((s) => !s.labelOnly);
  const meta = [natural.width && natural.height ? `${natural.width} × ${natural.height} px` : 'size unknown',
    `${drawn.length} ${drawn.length === 1 ? 'box' : 'boxes'}`, current.documentName];
  header.append(el('span', 'meta', meta.join(' · ')));
  const labelOnly = shapes.filter((s) => s.labelOnly);
  if (labelOnly.length) {
    const chips = el('span', 'chips');
    for (const s of labelOnly) {
      const chip = el('span', 'chip', s.label || '(no label)');
      chip.style.background = colorOf(s.label);
      chip.title = 'Label of the whole image';
      chip.addEventListener('click', () => vscode.postMessage({ type: 'reveal', index: s.index }));
      chips.append(chip);
    }
    header.append(chips);
  }
  root.append(header);

  const main = el('main');
  const stage = el('div', 'stage');
  const overlay = el('div');
  overlay.style.position = 'absolute';
  overlay.style.inset = '0';

  // Room beside the 300px table (stacked under it below 700px, see the styles), minus the page padding.
  const stacked = window.innerWidth <= 700;
  const maxW = Math.max(160, window.innerWidth - 24 - (stacked ? 0 : 312));
  const maxH = Math.max(160, window.innerHeight - 70);
  const sizeStage = (w: number, h: number) => {
    const fit = fitSize(w, h, maxW, maxH);
    stage.style.width = `${fit.width}px`;
    stage.style.height = `${fit.height}px`;
  };

  if (current.imageUri) {
    const img = el('img');
    img.alt = preview.imageKey;
    img.draggable = false;
    img.addEventListener('load', () => {
      natural = { width: img.naturalWidth, height: img.naturalHeight };
      sizeStage(natural.width, natural.height);
      img.style.width = '100%';
      img.style.height = '100%';
      updateTable(table, shapes);
    });
    img.addEventListener('error', () => showPlaceholder(stage, `Could not load ${preview.imageKey}.`, sizeStage));
    img.src = current.imageUri;
    stage.append(img);
    if (natural.width && natural.height) sizeStage(natural.width, natural.height);
  } else {
    showPlaceholder(stage, `${preview.imageKey} is not in the project folder (pull to download it). Boxes are drawn on a blank image.`, sizeStage);
  }

  for (const s of drawOrder(shapes)) {
    const r = toPercentRect(s);
    const box = el('div', `box${s.issues.length ? ' issue' : ''}`);
    box.dataset.index = String(s.index);
    box.style.setProperty('--c', s.issues.length ? 'var(--vscode-editorError-foreground, #f14c4c)' : colorOf(s.label));
    box.style.left = `${r.x}%`;
    box.style.top = `${r.y}%`;
    box.style.width = `${r.width}%`;
    box.style.height = `${r.height}%`;
    box.title = `#${s.index} ${s.label}${s.issues.length ? ` — ${s.issues.map((i) => IssueText[i]).join(', ')}` : ''}`;
    const tag = el('span', `tag ${labelPlacement(s, 0.06)}`, s.label || '(no label)');
    box.append(tag);
    overlay.append(box);
  }
  stage.append(overlay);
  stage.addEventListener('click', (ev) => {
    const rect = stage.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    const px = (ev.clientX - rect.left) / rect.width, py = (ev.clientY - rect.top) / rect.height;
    const index = hitTest(shapes, px, py, 3 / rect.width);
    if (index !== undefined) {
      setActive(index);
      vscode.postMessage({ type: 'reveal', index });
    }
  });

  const aside = el('aside');
  const table = el('table');
  updateTable(table, shapes);
  aside.append(table);
  main.append(stage, aside);
  root.append(main);
  setActive(activeIndex);
}

function colorOf(label: string): string {
  return labelColor(label, current?.labels);
}

function showPlaceholder(stage: HTMLElement, message: string, sizeStage: (w: number, h: number) => void): void {
  stage.querySelector('img')?.remove();
  const w = natural.width || 640, h = natural.height || 480;
  sizeStage(w, h);
  const p = el('div', 'placeholder', message);
  p.style.position = 'absolute';
  p.style.inset = '0';
  stage.prepend(p);
}

function updateTable(table: HTMLTableElement, shapes: BoxShape[]): void {
  table.replaceChildren();
  const head = el('tr');
  for (const h of ['#', 'label', natural.width ? 'x, y (px)' : 'x, y', natural.width ? 'w × h (px)' : 'w × h']) head.append(el('th', undefined, h));
  table.append(head);
  if (!shapes.length) {
    const tr = el('tr');
    const td = el('td', 'empty', 'No entries for this image.');
    td.colSpan = 4;
    tr.append(td);
    table.append(tr);
  }
  for (const s of shapes) {
    const tr = el('tr', 'row');
    tr.dataset.index = String(s.index);
    tr.append(el('td', undefined, String(s.index)));
    const label = el('td');
    const sw = el('span', 'swatch');
    sw.style.setProperty('--c', colorOf(s.label));
    label.append(sw, document.createTextNode(s.label || '(no label)'));
    if (s.issues.length) label.append(el('span', 'warn', ` ⚠ ${s.issues.map((i) => IssueText[i]).join(', ')}`));
    tr.append(label);
    if (s.labelOnly) {
      const td = el('td', undefined, 'whole image');
      td.colSpan = 2;
      tr.append(td);
    } else if (natural.width && natural.height) {
      const px = toPixelRect(s, natural.width, natural.height);
      tr.append(el('td', undefined, `${px.x}, ${px.y}`), el('td', undefined, `${px.width} × ${px.height}`));
    } else {
      const f = (v: number) => v.toFixed(3);
      tr.append(el('td', undefined, `${f(s.left)}, ${f(s.top)}`), el('td', undefined, `${f(s.right - s.left)} × ${f(s.bottom - s.top)}`));
    }
    tr.addEventListener('click', () => {
      setActive(s.index);
      vscode.postMessage({ type: 'reveal', index: s.index });
    });
    table.append(tr);
  }
  setActive(activeIndex);
}

function setActive(index: number | null): void {
  activeIndex = index;
  for (const e of Array.from(root.querySelectorAll<HTMLElement>('[data-index]'))) {
    const on = index !== null && e.dataset.index === String(index);
    e.classList.toggle('active', on);
    if (on && e.tagName === 'TR') e.scrollIntoView({ block: 'nearest' });
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'show':
      current = { preview: m.preview, shapes: m.preview.boxes.map(shapeOf), imageUri: m.imageUri, documentName: m.documentName, labels: m.labels };
      activeIndex = m.preview.activeIndex ?? null;
      render();
      break;
    case 'highlight':
      setActive(m.index);
      break;
    case 'empty':
      current = undefined;
      root.replaceChildren(el('p', 'empty', m.message));
      break;
  }
});

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => current && render(), 100);
});

vscode.postMessage({ type: 'ready' });
