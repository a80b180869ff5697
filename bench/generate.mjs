// Deterministic _annotations.json generator for benchmarks: N images × 5 boxes, about 1% of boxes
// broken in each of three ways (out of range, inverted, undeclared label), as a real project would be.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['cat', 'dog', 'bird', 'horse', 'sheep', 'cow', 'person', 'car', 'bicycle', 'boat'];

function uuid(rand) {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

/** Returns the document text (pretty-printed, 2 spaces, one box per line block as JSON.stringify writes it). */
export function generateAnnotations(images, { boxesPerImage = 5, seed = 42 } = {}) {
  const rand = mulberry32(seed);
  const coord = () => Math.round(rand() * 1e9) / 1e9;
  const annotations = {};
  for (let i = 0; i < images; i++) {
    const boxes = [];
    for (let b = 0; b < boxesPerImage; b++) {
      let x = coord() * 0.5, y = coord() * 0.5;
      let x2 = x + 0.05 + coord() * 0.4, y2 = y + 0.05 + coord() * 0.4;
      let label = LABELS[Math.floor(rand() * LABELS.length)];
      const r = rand();
      if (r < 0.01) x2 = 1 + coord() * 0.2;                 // CA2001
      else if (r < 0.02) [x, x2] = [x2, x];                 // CA2002
      else if (r < 0.03) label = label + 'z';               // CA3001
      const r8 = (v) => Math.round(v * 1e6) / 1e6;
      boxes.push({ x: r8(x), y: r8(y), x2: r8(x2), y2: r8(y2), id: uuid(rand), label });
    }
    annotations[`images/img_${String(i).padStart(6, '0')}.jpg`] = boxes;
  }
  return JSON.stringify({ version: '1.0', type: 'localization', labels: LABELS, annotations }, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [images = '1000', out = 'bench/.data/_annotations.json'] = process.argv.slice(2);
  mkdirSync(dirname(out), { recursive: true });
  const text = generateAnnotations(Number(images));
  writeFileSync(out, text);
  console.log(`${out}: ${images} images, ${(text.length / 1e6).toFixed(1)} MB`);
}
