// Link bucket…, Pull, Push, Sync and Show sync status: each asks the server (workspace/executeCommand), shows
// progress with Cancel, writes the plan to the output channel and offers what to do next (conflicts: Keep mine,
// Take theirs, Open both).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Credentials } from './credentials';
import { Commands } from './logic/commandIds';
import { hasCredentialsFor } from './logic/credentials';
import { ServerCommands, type LinkInfo, type LinkOptions, type SyncOptions, type SyncReport, type SyncVerb } from './logic/protocol';
import { IbmCosRegions, fileRemote, ibmCosEndpoint, parseRemote, s3Remote, validateBucketName, validateEndpoint, validatePrefix } from './logic/remotes';
import { SettingsSection, linkOptionsFromSettings, type SettingKey } from './logic/settings';
import { conflictDiff, describeReport, followUps, formatPlan, isNotLinked, verbTitle, type FollowUp } from './logic/syncReport';
import type { ProjectFolders } from './projects';
import type { ServerController } from './server';
import type { LinkStore, SyncStatusBar } from './statusBar';

/** Read-only view of a file as it is on disk (the open document may hold unsaved edits). */
export const DiskSnapshotScheme = 'cloud-annotations-disk';

export class DiskSnapshotProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return fs.promises.readFile(uri.fsPath, 'utf8');
  }
}

const Running: Record<SyncVerb, string> = { pull: 'Pulling', push: 'Pushing', sync: 'Syncing', status: 'Checking' };

export class SyncCommands {
  private readonly busy = new Set<string>();

  constructor(
    private readonly server: ServerController,
    private readonly projects: ProjectFolders,
    private readonly statusBar: SyncStatusBar,
    private readonly links: LinkStore,
    private readonly credentials: Credentials,
  ) {}

  /** The plan only, with no notification (status bar). */
  check(folder: vscode.Uri): Promise<SyncReport> {
    return this.server.executeCommand<SyncReport>(ServerCommands.status, [this.server.toServerUri(folder), {}]);
  }

  /** Pull, Push, Sync or Show sync status on the folder named by ARG (or the current one). */
  async run(verb: SyncVerb, arg?: unknown, options: SyncOptions = {}): Promise<void> {
    const folder = await this.projects.resolve(arg, verbTitle(verb));
    if (folder) await this.runOn(verb, folder, options);
  }

  private async runOn(verb: SyncVerb, folder: vscode.Uri, options: SyncOptions): Promise<void> {
    const key = folder.fsPath;
    if (this.busy.has(key)) {
      void vscode.window.showInformationMessage(`Cloud Annotations: ${path.basename(key)} is already syncing; wait for it to finish.`);
      return;
    }
    // Unsaved edits would not be pushed, and a pull would count them as a conflict: save first.
    if (verb !== 'status') await this.saveProjectFile(folder);
    this.busy.add(key);
    let report: SyncReport | undefined;
    try {
      report = await this.execute(verb, folder, options);
    } finally {
      this.busy.delete(key);
      this.statusBar.finished(folder);
    }
    if (!report) {
      await this.statusBar.refresh(folder);
      return;
    }
    // The status bar shows what is left to do: a status report is that plan; after a run, ask again.
    if (verb === 'status') this.statusBar.setReport(folder, report);
    else void this.statusBar.refresh(folder);
    await this.handleReport(verb, folder, report, options);
  }

  private async execute(verb: SyncVerb, folder: vscode.Uri, options: SyncOptions): Promise<SyncReport | undefined> {
    const name = path.basename(folder.fsPath);
    this.statusBar.setRunning(folder, verb);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${Running[verb]} ${name}`, cancellable: true },
      async (progress, token) => {
        // A client-created work-done token: the server's $/progress for this request shows here, with Cancel.
        const workDoneToken = randomUUID();
        let last = 0;
        const sub = this.server.onProgress(workDoneToken, (value) => {
          if (value.kind === 'end') return;
          const pct = typeof value.percentage === 'number' ? value.percentage : undefined;
          progress.report({ message: value.message, increment: pct !== undefined ? Math.max(0, pct - last) : undefined });
          if (pct !== undefined) last = Math.max(last, pct);
        });
        try {
          return await this.server.executeCommand<SyncReport>(ServerCommands[verb], [this.server.toServerUri(folder), options], token, workDoneToken);
        } catch (e) {
          if (token.isCancellationRequested) {
            this.server.output.info(`${verbTitle(verb)} of ${folder.fsPath} cancelled.`);
            void vscode.window.showInformationMessage(`Cloud Annotations: ${verbTitle(verb).toLowerCase()} of ${name} cancelled. Files already transferred are complete; run it again to finish.`);
            return undefined;
          }
          const message = (e as Error).message;
          return { verb, dryRun: verb === 'status', actions: [], summary: '', exitCode: 2, error: message } satisfies SyncReport;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private async handleReport(verb: SyncVerb, folder: vscode.Uri, report: SyncReport, options: SyncOptions): Promise<void> {
    const out = this.server.output;
    for (const line of formatPlan(report, folder.fsPath)) out.info(line);

    if (isNotLinked(report)) {
      const fromSettings = linkOptionsFromSettings(this.settingsGetter(folder));
      if (fromSettings) {
        const pick = await vscode.window.showInformationMessage(
          `${path.basename(folder.fsPath)} is not linked yet. Link it to ${fromSettings.remote} (from settings) and ${verbTitle(verb).toLowerCase()}?`,
          'Link and continue', 'Link bucket…');
        if (pick === 'Link and continue') {
          if (await this.linkWith(folder, fromSettings)) await this.runOn(verb, folder, options);
        } else if (pick === 'Link bucket…') {
          await this.link(folder);
        }
        return;
      }
    }

    const message = describeReport(report);
    const buttons = followUps(report, options);
    const titles = buttons.map((b) => b.title);
    const extra = verb === 'status' && !report.error && !message.conflicts.length && report.actions.some((a) => a.kind !== 'skip') ? ['Sync now'] : [];
    const show = message.severity === 'error' ? vscode.window.showErrorMessage
      : message.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const pick = await show(`Cloud Annotations — ${message.message}`, ...extra, ...titles);
    if (!pick) return;
    if (pick === 'Sync now') return this.runOn('sync', folder, {});
    const chosen = buttons.find((b) => b.title === pick);
    if (chosen) await this.followUp(chosen, verb, folder, report, options);
  }

  private async followUp(f: FollowUp, verb: SyncVerb, folder: vscode.Uri, report: SyncReport, options: SyncOptions): Promise<void> {
    switch (f.id) {
      case 'keepMine':
      case 'takeTheirs': {
        const which = f.id === 'keepMine' ? 'your local version of' : 'the bucket\'s version of';
        const n = describeReport(report).conflicts.length;
        const ok = await vscode.window.showWarningMessage(
          `Settle ${n === 1 ? 'the conflict' : `all ${n} conflicts`} by keeping ${which} each file?`,
          { modal: true, detail: f.id === 'takeTheirs' ? 'Your local changes to those files are replaced by the bucket\'s version.' : 'The bucket\'s changes to those files are replaced by yours.' },
          f.title);
        if (ok === f.title) await this.runOn(f.verb, folder, f.options);
        return;
      }
      case 'openBoth': {
        await this.openConflicts(folder, report);
        // Once both are seen, offer the choice again.
        await this.handleReport(verb, folder, report, options);
        return;
      }
      case 'forcePush': {
        const ok = await vscode.window.showWarningMessage(
          'Push even though the file has errors?', { modal: true, detail: 'The bucket receives the file as it is, problems included.' }, 'Push anyway');
        if (ok) await this.runOn('push', folder, f.options);
        return;
      }
      case 'linkBucket':
        await this.link(folder);
        return;
      case 'setCredentials':
        await this.credentials.runWizard(this.links.get(folder)?.auth);
        return;
      case 'showLog':
        this.server.output.show(true);
        return;
    }
  }

  private async openConflicts(folder: vscode.Uri, report: SyncReport): Promise<void> {
    const pairs = describeReport(report).conflicts.map((c) => ({ action: c, diff: conflictDiff(folder.fsPath, c) })).filter((p) => p.diff);
    let chosen = pairs;
    if (pairs.length > 1) {
      const pick = await vscode.window.showQuickPick(
        pairs.map((p) => ({ label: p.action.path, description: p.action.reason ?? undefined, pair: p })),
        { title: 'Conflicts', placeHolder: 'Compare which file?', canPickMany: true },
      );
      chosen = pick?.map((p) => p.pair) ?? [];
    }
    for (const { diff } of chosen) {
      const theirs = diff!.onDisk ? vscode.Uri.file(diff!.theirs).with({ scheme: DiskSnapshotScheme }) : vscode.Uri.file(diff!.theirs);
      await vscode.commands.executeCommand('vscode.diff', theirs, vscode.Uri.file(diff!.mine), diff!.title, { preview: false });
    }
  }

  private async saveProjectFile(folder: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.fsPath === vscode.Uri.joinPath(folder, '_annotations.json').fsPath);
    if (doc) await doc.save();
  }

  private settingsGetter(folder: vscode.Uri): (k: SettingKey) => unknown {
    const cfg = vscode.workspace.getConfiguration(SettingsSection, folder);
    return (k) => cfg.get(k);
  }

  // ---- Link bucket… ---------------------------------------------------------------------------------------

  async link(arg?: unknown): Promise<void> {
    const folder = await this.projects.resolve(arg, 'Link bucket');
    if (!folder) return;
    const options = await this.linkWizard(folder);
    if (options && (await this.linkWith(folder, options))) {
      const pick = await vscode.window.showInformationMessage(`Cloud Annotations: ${path.basename(folder.fsPath)} is linked to ${options.remote}.`, 'Pull now', 'Show sync status');
      if (pick === 'Pull now') await this.runOn('pull', folder, {});
      else if (pick === 'Show sync status') await this.runOn('status', folder, {});
    }
  }

  private async linkWith(folder: vscode.Uri, options: LinkOptions): Promise<boolean> {
    let info: LinkInfo;
    try {
      info = await this.server.executeCommand<LinkInfo>(ServerCommands.link, [this.server.toServerUri(folder), options]);
    } catch (e) {
      void vscode.window.showErrorMessage(`Cloud Annotations: linking failed: ${(e as Error).message}`);
      return false;
    }
    await this.links.set(folder, info);
    this.statusBar.forget(folder);
    void this.statusBar.refresh(folder);
    if (info.auth !== 'none' && !info.remote.startsWith('file:') && !hasCredentialsFor(info.auth, await this.credentials.state())) {
      const pick = await vscode.window.showWarningMessage(
        `No ${info.auth === 'iam' ? 'IBM Cloud API key' : 'HMAC keys'} are stored in VS Code or set in its environment. The server may still find a credentials file (~/.aws/credentials, ~/.bluemix/cos_credentials).`,
        'Set credentials…');
      if (pick) await this.credentials.runWizard(info.auth);
    }
    return true;
  }

  private async linkWizard(folder: vscode.Uri): Promise<LinkOptions | undefined> {
    const title = `Link ${path.basename(folder.fsPath)} to a bucket`;
    type Where = vscode.QuickPickItem & { id: 'settings' | 'ibm' | 's3' | 'file' };
    const fromSettings = linkOptionsFromSettings(this.settingsGetter(folder));
    const where: Where[] = [
      ...(fromSettings ? [{ id: 'settings' as const, label: `$(settings-gear) ${fromSettings.remote}`, description: 'from settings', detail: [fromSettings.region, fromSettings.endpoint, fromSettings.auth].filter(Boolean).join(' · ') || undefined }] : []),
      { id: 'ibm', label: '$(cloud) IBM Cloud Object Storage', detail: 'Pick the bucket\'s region' },
      { id: 's3', label: '$(server) Other S3-compatible endpoint', detail: 'AWS S3, MinIO, Ceph, … — enter the endpoint URL' },
      { id: 'file', label: '$(folder) Local folder', detail: 'A folder on this machine acts as the bucket (file://)' },
    ];
    const w = await vscode.window.showQuickPick(where, { title, placeHolder: 'Where is the bucket?', ignoreFocusOut: true });
    if (!w) return undefined;
    if (w.id === 'settings') return fromSettings;
    if (w.id === 'file') {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: 'Folder that acts as the bucket', openLabel: 'Use as bucket' });
      if (!picked?.[0]) return undefined;
      if (picked[0].fsPath === folder.fsPath) {
        void vscode.window.showErrorMessage('The bucket folder cannot be the project folder itself.');
        return undefined;
      }
      return { remote: fileRemote(picked[0].fsPath) };
    }

    let endpoint: string | undefined;
    let region: string | undefined;
    if (w.id === 'ibm') {
      type R = vscode.QuickPickItem & { region?: string };
      const items: R[] = [
        ...IbmCosRegions.map((r) => ({ label: r.id, description: r.name, detail: ibmCosEndpoint(r.id), region: r.id })),
        { label: '$(edit) Another endpoint…', detail: 'Private, direct or single-site endpoints' },
      ];
      const r = await vscode.window.showQuickPick(items, { title, placeHolder: 'Region of the bucket (its "Location" in the IBM Cloud console)', ignoreFocusOut: true, matchOnDescription: true });
      if (!r) return undefined;
      if (r.region) {
        region = r.region;
        endpoint = ibmCosEndpoint(r.region);
      }
    }
    if (!endpoint) {
      endpoint = (await vscode.window.showInputBox({
        title, prompt: 'S3 endpoint URL', placeHolder: 'https://s3.us-south.cloud-object-storage.appdomain.cloud', ignoreFocusOut: true,
        value: vscode.workspace.getConfiguration(SettingsSection, folder).get<string>('endpoint') || undefined,
        validateInput: validateEndpoint,
      }))?.trim();
      if (!endpoint) return undefined;
      region = (await vscode.window.showInputBox({ title, prompt: 'Region used to sign requests (leave empty for us-east-1)', ignoreFocusOut: true, value: region ?? '' }))?.trim();
      if (region === undefined) return undefined;
    }

    let bucketValue = '';
    const currentRemote = fromSettings?.remote ?? this.links.get(folder)?.remote;
    let prefixValue = '';
    if (currentRemote) {
      try {
        const p = parseRemote(currentRemote);
        if (p.kind === 's3') { bucketValue = p.bucket; prefixValue = p.prefix; }
      } catch { /* start empty */ }
    }
    const bucket = (await vscode.window.showInputBox({ title, prompt: 'Bucket name', value: bucketValue, ignoreFocusOut: true, validateInput: (v) => validateBucketName(v.trim()) }))?.trim();
    if (!bucket) return undefined;
    const prefix = await vscode.window.showInputBox({
      title, prompt: 'Prefix inside the bucket (optional): the project\'s "folder"; leave empty for the bucket root', value: prefixValue, ignoreFocusOut: true, validateInput: validatePrefix,
    });
    if (prefix === undefined) return undefined;

    let auth: 'hmac' | 'iam' = 'hmac';
    if (w.id === 'ibm') {
      const a = await vscode.window.showQuickPick(
        [
          { label: 'HMAC keys', description: 'hmac', detail: 'Service credentials created with "Include HMAC Credential"', value: 'hmac' as const },
          { label: 'IBM Cloud API key', description: 'iam', detail: 'An IAM API key with access to the bucket', value: 'iam' as const },
        ],
        { title, placeHolder: 'How should requests be signed?', ignoreFocusOut: true },
      );
      if (!a) return undefined;
      auth = a.value;
    }
    return { remote: s3Remote(bucket, prefix), endpoint, ...(region ? { region } : {}), auth };
  }
}

export const SyncVerbCommands = [
  [Commands.pull, 'pull'],
  [Commands.push, 'push'],
  [Commands.sync, 'sync'],
  [Commands.showSyncStatus, 'status'],
] as const;
