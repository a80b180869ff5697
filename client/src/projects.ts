// Project folders: folders of the workspace that hold an `_annotations.json`. Keeps the explorer's context key
// up to date and works out which folder a command is about.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationsFileName, LanguageId, ProjectFoldersContextKey } from './logic/commandIds';

// Hidden folders hold sync state (a base copy of the file); node_modules and .git are never projects.
const Exclude = '{**/node_modules/**,**/.*/**}';
const MaxProjects = 2000;

export class ProjectFolders implements vscode.Disposable {
  private readonly folders = new Map<string, vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private lastUsed: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${AnnotationsFileName}`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.add(u)),
      watcher.onDidDelete((u) => this.remove(u)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.scan()),
    );
  }

  async scan(): Promise<void> {
    const files = await vscode.workspace.findFiles(`**/${AnnotationsFileName}`, Exclude, MaxProjects);
    this.folders.clear();
    for (const f of files) {
      const dir = vscode.Uri.joinPath(f, '..');
      this.folders.set(dir.fsPath, dir);
    }
    await this.publish();
  }

  private add(file: vscode.Uri): void {
    if (file.path.split('/').some((s) => s.startsWith('.') || s === 'node_modules')) return;
    const dir = vscode.Uri.joinPath(file, '..');
    if (!this.folders.has(dir.fsPath)) {
      this.folders.set(dir.fsPath, dir);
      void this.publish();
    }
  }

  private remove(file: vscode.Uri): void {
    if (this.folders.delete(vscode.Uri.joinPath(file, '..').fsPath)) void this.publish();
  }

  private async publish(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ProjectFoldersContextKey, [...this.folders.keys()]);
    this.changed.fire();
  }

  get all(): vscode.Uri[] {
    return [...this.folders.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  /** The folder the user is looking at: the active _annotations.json's, else the last one used, else the only one. */
  current(): vscode.Uri | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isAnnotationsDocument(doc)) return vscode.Uri.joinPath(doc.uri, '..');
    if (this.lastUsed) return this.lastUsed;
    const all = this.all;
    return all.length === 1 ? all[0] : undefined;
  }

  /**
   * The folder a command acts on. ARG is what VS Code passes from a menu (a folder, or the _annotations.json),
   * or a URI string from a link; without it, the current folder, else a pick.
   */
  async resolve(arg: unknown, action: string): Promise<vscode.Uri | undefined> {
    const uri = toUri(arg);
    let folder: vscode.Uri | undefined;
    if (uri) {
      folder = path.posix.basename(uri.path) === AnnotationsFileName ? vscode.Uri.joinPath(uri, '..') : uri;
    } else {
      folder = this.current();
      if (!folder) {
        const all = this.all;
        if (all.length === 0) {
          void vscode.window.showWarningMessage(`Cloud Annotations: no ${AnnotationsFileName} in this workspace. Open a project folder, or pull one into an empty folder with the CLI.`);
          return undefined;
        }
        const pick = await vscode.window.showQuickPick(
          all.map((f) => ({ label: vscode.workspace.asRelativePath(f, true) || f.fsPath, description: f.fsPath, folder: f })),
          { title: `Cloud Annotations: ${action}`, placeHolder: 'Which project folder?' },
        );
        folder = pick?.folder;
      }
    }
    if (folder) this.lastUsed = folder;
    return folder;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

export function isAnnotationsDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LanguageId || path.posix.basename(doc.uri.path) === AnnotationsFileName;
}

/** A URI from a command argument: a Uri, a URI string, or an object with a `uri` (an explorer item, a tab). */
export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg, true) : vscode.Uri.file(arg);
    } catch {
      return undefined;
    }
  }
  if (arg && typeof arg === 'object' && 'uri' in arg) return toUri((arg as { uri: unknown }).uri);
  return undefined;
}
