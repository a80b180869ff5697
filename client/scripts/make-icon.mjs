// Draws client/media/icon.png (128×128): a bounding box with a label tag on IBM blue, anti-aliased by 4×4 supersampling.
// Run with `node client/scripts/make-icon.mjs`; the PNG is committed, so builds do not need this.
import fs from 'node:fs';
import zlib from 'node:zlib';

const size = 128, ss = 4;
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const frame = (x, y, x0, y0, x1, y1, w) => inRoundRect(x, y, x0, y0, x1, y1, 4) && !inRoundRect(x, y, x0 + w, y0 + w, x1 - w, y1 - w, 1);
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

// Layers, last wins: [test, rgba]
const layers = [
  [(x, y) => inRoundRect(x, y, 4, 4, 124, 124, 22), [15, 98, 254, 255]],
  [(x, y) => frame(x, y, 26, 44, 102, 104, 7), [255, 255, 255, 255]],
  [(x, y) => inRoundRect(x, y, 26, 22, 80, 46, 5), [255, 255, 255, 255]],
  [(x, y) => inCircle(x, y, 38, 34, 5), [15, 98, 254, 255]],
  [(x, y) => inRoundRect(x, y, 48, 31, 72, 37, 2), [15, 98, 254, 255]],
  [(x, y) => inCircle(x, y, 102, 104, 9), [36, 161, 72, 255]],
  [(x, y) => inCircle(x, y, 26, 104, 6), [255, 255, 255, 255]],
  [(x, y) => inCircle(x, y, 102, 44, 6), [255, 255, 255, 255]],
];

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) {
      const px = x + (sx + 0.5) / ss, py = y + (sy + 0.5) / ss;
      let c = [0, 0, 0, 0];
      for (const [test, rgba] of layers) if (test(px, py)) c = rgba;
      for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
      acc[3] += c[3];
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    const a = acc[3] / (ss * ss);
    for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
    raw[o + 3] = Math.round(a);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
fs.writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`client/media/icon.png: ${png.length} bytes`);
