// The status-bar item: the current project folder's bucket and pending work (↑ uploads ↓ downloads ⚠ conflicts).
// Click = Sync. Refreshed after every sync command, on save of the file and when the current folder changes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { statusBarView, type SyncState } from './logic/statusBar';
import type { LinkInfo, SyncReport } from './logic/protocol';
import type { ProjectFolders } from './projects';
import { isAnnotationsDocument } from './projects';
import type { ServerController } from './server';

/** Links made from this window, per folder: the status report may not name the remote. */
export class LinkStore {
  private static readonly Key = 'cloudAnnotations.links';
  constructor(private readonly memento: vscode.Memento) {}
  get(folder: vscode.Uri): LinkInfo | undefined {
    return this.memento.get<Record<string, LinkInfo>>(LinkStore.Key, {})[folder.fsPath];
  }
  async set(folder: vscode.Uri, link: LinkInfo): Promise<void> {
    const all = { ...this.memento.get<Record<string, LinkInfo>>(LinkStore.Key, {}), [folder.fsPath]: link };
    await this.memento.update(LinkStore.Key, all);
  }
}

export class SyncStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudAnnotations.sync', vscode.StatusBarAlignment.Left, 10);
  private readonly states = new Map<string, SyncState>();
  private readonly disposables: vscode.Disposable[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private checking = new Set<string>();

  constructor(
    private readonly projects: ProjectFolders,
    private readonly server: ServerController,
    private readonly links: LinkStore,
    private readonly check: (folder: vscode.Uri) => Promise<SyncReport>,
  ) {
    this.item.name = 'Cloud Annotations sync';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      projects.onDidChange(() => this.update()),
      server.onDidChangeState((s) => {
        if (s.running) {
          this.update();
        } else {
          for (const [k, st] of this.states) if (st.kind === 'checking' || st.kind === 'running') this.states.delete(k);
          this.render();
        }
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!isAnnotationsDocument(doc)) return;
        clearTimeout(this.saveTimer);
        const folder = vscode.Uri.joinPath(doc.uri, '..');
        this.saveTimer = setTimeout(() => void this.refresh(folder), 1500);
      }),
    );
  }

  /** Shows the current folder's state, checking it first if it never was. */
  update(): void {
    const folder = this.projects.current();
    if (folder && !this.states.has(folder.fsPath) && this.server.state.running) void this.refresh(folder);
    this.render();
  }

  setRunning(folder: vscode.Uri, verb: string): void {
    this.states.set(folder.fsPath, { kind: 'running', verb, remote: this.links.get(folder)?.remote });
    this.render();
  }

  setReport(folder: vscode.Uri, report: SyncReport): void {
    if (report.link) void this.links.set(folder, report.link);
    this.states.set(folder.fsPath, { kind: 'report', report, remote: report.link?.remote ?? this.links.get(folder)?.remote, checkedAt: new Date() });
    this.render();
  }

  /** A command finished: until the next check, show that one is under way. */
  finished(folder: vscode.Uri): void {
    if (this.states.get(folder.fsPath)?.kind === 'running') {
      this.states.set(folder.fsPath, { kind: 'checking', remote: this.links.get(folder)?.remote });
      this.render();
    }
  }

  forget(folder: vscode.Uri): void {
    this.states.delete(folder.fsPath);
    this.render();
  }

  /** Asks the server for the plan (no changes) and shows it. */
  async refresh(folder: vscode.Uri): Promise<void> {
    const key = folder.fsPath;
    if (this.checking.has(key) || this.states.get(key)?.kind === 'running') return;
    this.checking.add(key);
    if (!this.states.has(key)) this.states.set(key, { kind: 'checking', remote: this.links.get(folder)?.remote });
    this.render();
    try {
      const report = await this.check(folder);
      if (this.states.get(key)?.kind !== 'running') this.setReport(folder, report);
    } catch (e) {
      this.setReport(folder, { verb: 'status', dryRun: true, actions: [], summary: '', exitCode: 2, error: (e as Error).message });
    } finally {
      this.checking.delete(key);
    }
  }

  private render(): void {
    const folder = this.projects.current();
    if (!folder) {
      this.item.hide();
      return;
    }
    const server = this.server.state;
    const state: SyncState = server.running ? this.states.get(folder.fsPath) ?? { kind: 'unknown' } : { kind: 'serverDown', message: server.message };
    const view = statusBarView(state, path.basename(folder.fsPath) || folder.fsPath);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = { title: 'Cloud Annotations', command: view.command, arguments: [folder] };
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
    for (const d of this.disposables) d.dispose();
  }
}
