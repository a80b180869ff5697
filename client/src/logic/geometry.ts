// Geometry of the image preview: normalised boxes (0..1, x/x2 horizontal, y/y2 vertical) to pixels and percentages,
// hit testing, and stable label colours. Used by the webview script and by node's tests.

export interface BoxLike {
  index: number;
  label?: string | null;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

export type BoxIssue = 'inverted' | 'outOfRange' | 'degenerate';

/** A box ready to draw: corners sorted and clamped to the image; what was wrong with the raw numbers is kept. */
export interface BoxShape {
  index: number;
  label: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  issues: BoxIssue[];
  /** An entry with only a label (classification, or a "Negative" image): it labels the whole image. */
  labelOnly: boolean;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const finite = (v: number) => (Number.isFinite(v) ? v : 0);

export function shapeOf(box: BoxLike): BoxShape {
  const x = finite(box.x), y = finite(box.y), x2 = finite(box.x2), y2 = finite(box.y2);
  const labelOnly = x === 0 && y === 0 && x2 === 0 && y2 === 0;
  const issues: BoxIssue[] = [];
  if (!labelOnly) {
    if (x > x2 || y > y2) issues.push('inverted');
    if ([x, y, x2, y2].some((v) => v < 0 || v > 1)) issues.push('outOfRange');
    if (x === x2 || y === y2) issues.push('degenerate');
  }
  return {
    index: box.index,
    label: box.label ?? '',
    left: clamp01(Math.min(x, x2)),
    top: clamp01(Math.min(y, y2)),
    right: clamp01(Math.max(x, x2)),
    bottom: clamp01(Math.max(y, y2)),
    issues,
    labelOnly,
  };
}

export interface Rect { x: number; y: number; width: number; height: number }

/** The box in pixels of a WIDTH × HEIGHT image (rounded outward so a 1-pixel box stays visible). */
export function toPixelRect(shape: BoxShape, width: number, height: number): Rect {
  const x = Math.floor(shape.left * width), y = Math.floor(shape.top * height);
  const r = Math.ceil(shape.right * width), b = Math.ceil(shape.bottom * height);
  return { x, y, width: Math.max(0, r - x), height: Math.max(0, b - y) };
}

/** The box as CSS percentages of the image (for an overlay that scales with it). */
export function toPercentRect(shape: BoxShape): Rect {
  const pct = (v: number) => Math.round(v * 1e6) / 1e4;
  return { x: pct(shape.left), y: pct(shape.top), width: pct(shape.right - shape.left), height: pct(shape.bottom - shape.top) };
}

export function area(shape: BoxShape): number {
  return (shape.right - shape.left) * (shape.bottom - shape.top);
}

/**
 * The box under a point (normalised coordinates): of the boxes containing it, the smallest, so a box nested in
 * a bigger one can still be picked; on equal areas the later one (drawn on top). Label-only entries have no area.
 * TOLERANCE widens thin boxes so a click near a 1-pixel box still hits it.
 */
export function hitTest(shapes: readonly BoxShape[], px: number, py: number, tolerance = 0): number | undefined {
  let best: BoxShape | undefined;
  for (const s of shapes) {
    if (s.labelOnly) continue;
    if (px < s.left - tolerance || px > s.right + tolerance || py < s.top - tolerance || py > s.bottom + tolerance) continue;
    if (!best || area(s) <= area(best)) best = s;
  }
  return best?.index;
}

/** Drawing order: biggest first, so smaller boxes lie on top and stay clickable. */
export function drawOrder(shapes: readonly BoxShape[]): BoxShape[] {
  return shapes.filter((s) => !s.labelOnly).sort((a, b) => area(b) - area(a) || a.index - b.index);
}

/** Where a box's label tag goes: above the box when there is room, else inside its top edge. */
export function labelPlacement(shape: BoxShape, tagHeight: number): 'above' | 'inside' {
  return shape.top >= tagHeight ? 'above' : 'inside';
}

/** Bright colours that stay apart from each other and carry black text on light and dark themes. */
export const LabelPalette: readonly string[] = [
  '#ff6b6b', '#ffa94d', '#ffd43b', '#a9e34b', '#51cf66', '#38d9a9',
  '#3bc9db', '#4dabf7', '#9775fa', '#e599f7', '#f783ac', '#c0eb75',
];

/** FNV-1a hash of a label: the same label gets the same colour in every image and every session. */
export function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The colour of LABEL: by its position in the file's `labels` (its class id), so a project's labels get distinct
 * colours that stay the same in every image; labels not declared there fall back to a hash of the name.
 */
export function labelColor(label: string, declared: readonly string[] = []): string {
  const id = declared.indexOf(label);
  if (id < 0) return LabelPalette[labelHash(label) % LabelPalette.length];
  if (id < LabelPalette.length) return LabelPalette[id];
  return `hsl(${Math.round((id * 137.508) % 360)}, 80%, 65%)`; // golden angle: later ids stay apart too
}

/** How big to show a W × H image inside a MAXW × MAXH area, never enlarging it more than MAXSCALE times. */
export function fitSize(width: number, height: number, maxWidth: number, maxHeight: number, maxScale = 4): { width: number; height: number; scale: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0, scale: 0 };
  const scale = Math.min(maxWidth / width, maxHeight / height, maxScale);
  return { width: Math.round(width * scale), height: Math.round(height * scale), scale };
}
