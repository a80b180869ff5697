// The image preview webview's HTML shell. The page script (webview/main.ts, bundled to dist/preview.js) draws
// everything from messages; the shell only sets a strict Content-Security-Policy and the layout.

export interface PreviewHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh random value per render: only scripts and styles carrying it run. */
  nonce: string;
  /** webview.asWebviewUri of dist/preview.js */
  scriptUri: string;
}

/** For a double-quoted attribute: single quotes (CSP keywords) stay readable. */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function makeNonce(random: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(random() * chars.length)];
  return s;
}

export const PreviewStyles = `
  :root { color-scheme: light dark; }
  body { margin: 0; padding: 8px 12px; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
         color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  header { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; margin-bottom: 8px; }
  header h1 { font-size: 1.1em; margin: 0; font-weight: 600; word-break: break-all; }
  header .meta { opacity: .75; }
  .chips { display: flex; gap: 4px; flex-wrap: wrap; }
  .chip { border-radius: 9px; padding: 0 7px; font-size: .85em; color: #000; }
  main { display: flex; gap: 12px; align-items: flex-start; }
  main > .stage { flex: none; }
  .stage { position: relative; display: inline-block; line-height: 0; user-select: none; cursor: crosshair;
           background: repeating-conic-gradient(#8882 0 25%, transparent 0 50%) 0 0 / 16px 16px; }
  .stage img { display: block; max-width: 100%; }
  .stage .placeholder { display: flex; align-items: center; justify-content: center; line-height: 1.4; padding: 12px;
                        text-align: center; box-sizing: border-box; opacity: .8; }
  .box { position: absolute; box-sizing: border-box; border: 2px solid var(--c); background: transparent; }
  .box.issue { border-style: dashed; }
  .box.active { border-width: 3px; background: color-mix(in srgb, var(--c) 22%, transparent);
                outline: 2px solid var(--vscode-focusBorder); outline-offset: 1px; }
  .tag { position: absolute; left: -2px; white-space: nowrap; line-height: 1.3; font-size: 12px; padding: 0 4px;
         background: var(--c); color: #000; pointer-events: none; }
  .tag.above { bottom: 100%; } .tag.inside { top: 0; }
  aside { flex: 0 0 300px; max-height: calc(100vh - 70px); overflow: auto; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  td, th { padding: 2px 6px; text-align: left; white-space: nowrap; }
  tr.row { cursor: pointer; } tr.row:hover { background: var(--vscode-list-hoverBackground); }
  tr.row.active { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; background: var(--c); }
  .warn { color: var(--vscode-editorWarning-foreground); }
  .empty { opacity: .7; padding: 24px 0; }
  @media (max-width: 700px) { main { flex-direction: column; } aside { flex: none; width: 100%; max-height: none; } }
`;

export function renderPreviewHtml(o: PreviewHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Image preview</title>
<style nonce="${o.nonce}">${PreviewStyles}</style>
</head>
<body>
<div id="root"><p class="empty">Loading…</p></div>
<script nonce="${o.nonce}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>`;
}
