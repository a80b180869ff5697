// Messages between the extension and the image preview webview.
import type { ImagePreview } from './protocol';

export type ToWebview =
  | { type: 'show'; preview: ImagePreview; imageUri: string | null; documentName: string; labels: string[] }
  | { type: 'highlight'; index: number | null }
  | { type: 'empty'; message: string };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; index: number };

export function isFromWebview(m: unknown): m is FromWebview {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return t === 'ready' || (t === 'reveal' && Number.isInteger((m as { index?: unknown }).index));
}
