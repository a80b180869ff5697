// The image preview: a webview beside the editor with the image, its boxes and labels (from the server's
// cloudAnnotations.imagePreview). Clicking a box selects its entry in the editor; moving the cursor in the file
// highlights the box under it (or switches to the image under it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './logic/commandIds';
import { findDeclaredLabels, findImageKeys, firstPerLine } from './logic/imageKeys';
import { isFromWebview, type ToWebview } from './logic/previewMessages';
import { makeNonce, renderPreviewHtml } from './logic/previewHtml';
import { ServerCommands, type ImagePreview, type ImagePreviewArgs } from './logic/protocol';
import { isAnnotationsDocument, toUri, type ProjectFolders } from './projects';
import type { ServerController } from './server';

const SelectionDebounceMs = 120;
const EditDebounceMs = 300;

export class ImagePreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private preview: ImagePreview | undefined;
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private requestSeq = 0;
  private labelsCache: { doc: vscode.TextDocument; version: number; labels: string[] } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerController,
    private readonly projects: ProjectFolders,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || e.document !== this.document || !this.preview || e.contentChanges.length === 0) return;
        clearTimeout(this.editTimer);
        const key = this.preview.imageKey;
        this.editTimer = setTimeout(() => void this.load({ imageKey: key }, false), EditDebounceMs);
      }),
    );
  }

  /** The command: ARG names the document (or its folder), IMAGEKEY the image; otherwise the entry under the cursor, else a pick. */
  async open(arg?: unknown, imageKey?: unknown): Promise<void> {
    const doc = await this.findDocument(arg);
    if (!doc) return;
    this.document = doc;
    let args: ImagePreviewArgs | undefined = typeof imageKey === 'string' && imageKey ? { imageKey } : undefined;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (!args && editor) args = { line: editor.selection.active.line, character: editor.selection.active.character };
    let preview: ImagePreview | null = null;
    if (args) {
      const found = await this.request(doc, args);
      if (found === undefined) return; // the request failed and said so
      preview = found;
    }
    if (!preview) {
      const picked = await this.pickImage(doc);
      if (!picked) return;
      const found = await this.request(doc, { imageKey: picked });
      if (!found) {
        if (found === null) void vscode.window.showWarningMessage(`Cloud Annotations: no entry for ${picked}.`);
        return;
      }
      preview = found;
    }
    this.show(doc, preview);
  }

  private async findDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
    let uri = toUri(arg);
    if (uri && path.posix.basename(uri.path) !== '_annotations.json') uri = vscode.Uri.joinPath(uri, '_annotations.json');
    if (!uri) {
      const active = vscode.window.activeTextEditor?.document;
      if (active && isAnnotationsDocument(active)) return active;
      const folder = await this.projects.resolve(undefined, 'Open image preview');
      if (!folder) return undefined;
      uri = vscode.Uri.joinPath(folder, '_annotations.json');
    }
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch (e) {
      void vscode.window.showErrorMessage(`Cloud Annotations: cannot open ${uri.fsPath}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private async pickImage(doc: vscode.TextDocument): Promise<string | undefined> {
    const keys = findImageKeys(doc.getText(), 50_000);
    if (!keys.length) {
      void vscode.window.showInformationMessage('Cloud Annotations: this file has no image entries to preview.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(keys.map((k) => ({ label: k.key })), { title: 'Open image preview', placeHolder: 'Which image?', matchOnDescription: true });
    return pick?.label;
  }

  /** The server's preview; null when it names no entry; undefined when the request failed (already reported). */
  private async request(doc: vscode.TextDocument, args: ImagePreviewArgs, quiet = false): Promise<ImagePreview | null | undefined> {
    try {
      return (await this.server.executeCommand<ImagePreview | null>(ServerCommands.imagePreview, [this.server.toServerUri(doc.uri), args])) ?? null;
    } catch (e) {
      if (!quiet) void vscode.window.showErrorMessage(`Cloud Annotations: image preview failed: ${(e as Error).message}`);
      else this.server.output.warn(`Image preview: ${(e as Error).message}`);
      return undefined;
    }
  }

  private show(doc: vscode.TextDocument, preview: ImagePreview): void {
    const folder = vscode.Uri.joinPath(doc.uri, '..');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('cloudAnnotations.imagePreview', 'Image preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [folder, vscode.Uri.joinPath(this.extensionUri, 'dist')],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'client', 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.preview = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromWebview(m)) return;
        if (m.type === 'ready') this.post();
        else void this.reveal(m.index);
      });
      this.panel.webview.html = renderPreviewHtml({
        cspSource: this.panel.webview.cspSource,
        nonce: makeNonce(),
        scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'preview.js')).toString(),
      });
    } else {
      this.panel.webview.options = { ...this.panel.webview.options, localResourceRoots: [folder, vscode.Uri.joinPath(this.extensionUri, 'dist')] };
      if (!this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    this.document = doc;
    this.preview = preview;
    this.panel.title = `Preview: ${path.posix.basename(preview.imageKey)}`;
    this.post();
  }

  private post(): void {
    if (!this.panel || !this.preview || !this.document) return;
    const p = this.preview;
    let imageUri: string | null = null;
    if (p.imagePath) {
      const abs = path.isAbsolute(p.imagePath) ? p.imagePath : path.join(path.dirname(this.document.uri.fsPath), p.imagePath);
      if (fs.existsSync(abs)) imageUri = this.panel.webview.asWebviewUri(vscode.Uri.file(abs)).toString();
    }
    const msg: ToWebview = { type: 'show', preview: p, imageUri, documentName: vscode.workspace.asRelativePath(this.document.uri), labels: this.declaredLabels() };
    void this.panel.webview.postMessage(msg);
  }

  /** The file's `labels`, which pick the box colours; re-read only when the document changed. */
  private declaredLabels(): string[] {
    const doc = this.document;
    if (!doc) return [];
    if (this.labelsCache?.doc !== doc || this.labelsCache.version !== doc.version) {
      this.labelsCache = { doc, version: doc.version, labels: findDeclaredLabels(doc.getText()) ?? [] };
    }
    return this.labelsCache.labels;
  }

  private async reveal(index: number): Promise<void> {
    const doc = this.document;
    const box = this.preview?.boxes.find((b) => b.index === index);
    if (!doc || !box) return;
    const range = this.server.asRange(box.range);
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.panel?.visible || !isAnnotationsDocument(e.textEditor.document)) return;
    clearTimeout(this.selectionTimer);
    const doc = e.textEditor.document;
    const pos = e.selections[0].active;
    this.selectionTimer = setTimeout(() => void this.follow(doc, pos), SelectionDebounceMs);
  }

  private async follow(doc: vscode.TextDocument, pos: vscode.Position): Promise<void> {
    const seq = ++this.requestSeq;
    const preview = await this.request(doc, { line: pos.line, character: pos.character }, true);
    if (seq !== this.requestSeq || !this.panel || preview === undefined) return; // stale or failed
    if (!preview) {
      void this.panel.webview.postMessage({ type: 'highlight', index: null } satisfies ToWebview);
    } else if (this.preview && doc === this.document && preview.imageKey === this.preview.imageKey && preview.boxes.length === this.preview.boxes.length) {
      this.preview = preview;
      void this.panel.webview.postMessage({ type: 'highlight', index: preview.activeIndex ?? null } satisfies ToWebview);
    } else {
      this.show(doc, preview);
    }
  }

  private async load(args: ImagePreviewArgs, quiet: boolean): Promise<void> {
    if (!this.document) return;
    const seq = ++this.requestSeq;
    const preview = await this.request(this.document, args, quiet);
    if (seq !== this.requestSeq || !this.panel || preview === undefined) return;
    if (preview) this.show(this.document, { ...preview, activeIndex: preview.activeIndex ?? this.preview?.activeIndex ?? null });
    else void this.panel.webview.postMessage({ type: 'empty', message: 'This image has no entry in the file any more.' } satisfies ToWebview);
  }

  dispose(): void {
    clearTimeout(this.selectionTimer);
    clearTimeout(this.editTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** "Preview" above each image key, for files small enough to scan on every change (the server offers no lens). */
export class ImageKeyCodeLens implements vscode.CodeLensProvider {
  static readonly MaxChars = 2_000_000;
  static readonly MaxLenses = 5000;

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // offsetAt(end) is the length without building the text of a huge file.
    if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > ImageKeyCodeLens.MaxChars) return [];
    const keys = firstPerLine(findImageKeys(doc.getText(), ImageKeyCodeLens.MaxLenses), (o) => doc.positionAt(o).line);
    return keys.map((k) => new vscode.CodeLens(new vscode.Range(doc.positionAt(k.start), doc.positionAt(k.end)), {
      title: '$(open-preview) Preview',
      tooltip: `Show ${k.key} with its boxes`,
      command: Commands.openImagePreview,
      arguments: [doc.uri.toString(), k.key],
    }));
  }
}
