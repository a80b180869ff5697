// What a SyncReport means to a person: counts, the message to show, the plan for the output channel, and the
// choices offered for conflicts and refusals.
import * as path from 'node:path';
import type { SyncAction, SyncOptions, SyncReport, SyncVerb } from './protocol';

export interface ActionCounts {
  uploads: number;
  downloads: number;
  merges: number;
  conflicts: number;
  refused: number;
  deleteLocal: number;
  deleteRemote: number;
  skipped: number;
  bytes: number;
}

export function countActions(report: Pick<SyncReport, 'actions'>): ActionCounts {
  const c: ActionCounts = { uploads: 0, downloads: 0, merges: 0, conflicts: 0, refused: 0, deleteLocal: 0, deleteRemote: 0, skipped: 0, bytes: 0 };
  for (const a of report.actions ?? []) {
    switch (a.kind) {
      case 'upload': c.uploads++; break;
      case 'download': c.downloads++; break;
      case 'merge': c.merges++; break;
      case 'conflict': c.conflicts++; break;
      case 'refused': c.refused++; break;
      case 'deleteLocal': c.deleteLocal++; break;
      case 'deleteRemote': c.deleteRemote++; break;
      case 'skip': c.skipped++; break;
    }
    if (a.kind === 'upload' || a.kind === 'download') c.bytes += a.bytes ?? 0;
  }
  return c;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 uploads, 1 download, 1 conflict" — only the non-zero parts; "nothing to do" when all are zero. */
export function countsText(c: ActionCounts, dryRun: boolean): string {
  const parts: string[] = [];
  if (c.uploads) parts.push(plural(c.uploads, 'upload'));
  if (c.downloads) parts.push(plural(c.downloads, 'download'));
  if (c.merges) parts.push(plural(c.merges, 'merge'));
  if (c.deleteLocal) parts.push(plural(c.deleteLocal, 'local deletion'));
  if (c.deleteRemote) parts.push(plural(c.deleteRemote, 'remote deletion'));
  if (c.conflicts) parts.push(plural(c.conflicts, 'conflict'));
  if (c.refused) parts.push(plural(c.refused, 'refusal'));
  if (parts.length === 0) return dryRun ? 'in sync, nothing to do' : 'already in sync';
  return (dryRun ? 'to do: ' : '') + parts.join(', ');
}

const VerbTitle: Record<string, string> = { pull: 'Pull', push: 'Push', sync: 'Sync', status: 'Sync status' };

export function verbTitle(verb: string): string {
  return VerbTitle[verb.toLowerCase()] ?? verb;
}

export type Severity = 'info' | 'warning' | 'error';

export interface ReportMessage {
  severity: Severity;
  message: string;
  conflicts: SyncAction[];
  refused: SyncAction[];
}

/** The notification for a finished run. The server's own summary line wins; counts fill in when it is empty. */
export function describeReport(report: SyncReport): ReportMessage {
  const counts = countActions(report);
  const title = verbTitle(report.verb);
  const conflicts = (report.actions ?? []).filter((a) => a.kind === 'conflict');
  const refused = (report.actions ?? []).filter((a) => a.kind === 'refused');
  if (report.error) {
    return { severity: 'error', message: `${title} failed: ${report.error}`, conflicts, refused };
  }
  const summary = report.summary?.trim() || countsText(counts, report.dryRun);
  let message = `${title}${report.dryRun && report.verb !== 'status' ? ' (dry run)' : ''}: ${summary}`;
  if (conflicts.length) message += ` — ${plural(conflicts.length, 'conflict')} to settle: ${listPaths(conflicts)}`;
  if (refused.length) message += ` — refused: ${refused.map((r) => r.reason ? `${r.path} (${r.reason})` : r.path).slice(0, 3).join('; ')}${refused.length > 3 ? '; …' : ''}`;
  const severity: Severity = report.exitCode >= 2 ? 'error' : conflicts.length || refused.length || report.exitCode === 1 ? 'warning' : 'info';
  return { severity, message, conflicts, refused };
}

function listPaths(actions: SyncAction[], max = 3): string {
  const names = actions.slice(0, max).map((a) => a.path);
  return names.join(', ') + (actions.length > max ? `, and ${actions.length - max} more` : '');
}

const KindLabel: Record<string, string> = {
  upload: 'upload', download: 'download', merge: 'merge', conflict: 'CONFLICT', deleteLocal: 'delete local',
  deleteRemote: 'delete remote', refused: 'REFUSED', skip: 'skip',
};

/** The plan, one action per line, for the output channel. */
export function formatPlan(report: SyncReport, folder: string): string[] {
  const lines = [`${verbTitle(report.verb)}${report.dryRun ? ' (plan only)' : ''} of ${folder}: ${report.summary?.trim() || countsText(countActions(report), report.dryRun)}`];
  const width = Math.max(0, ...(report.actions ?? []).map((a) => (KindLabel[a.kind] ?? a.kind).length));
  for (const a of report.actions ?? []) {
    const kind = (KindLabel[a.kind] ?? a.kind).padEnd(width);
    const size = a.bytes ? `  ${formatBytes(a.bytes)}` : '';
    const reason = a.reason ? `  (${a.reason})` : '';
    lines.push(`  ${kind}  ${a.path}${size}${reason}`);
  }
  if (report.error) lines.push(`  error: ${report.error}`);
  return lines;
}

/** A status report for a folder with no link says so in its error. */
export function isNotLinked(report: SyncReport): boolean {
  return !!report.error && /\bnot linked\b|\bno link\b/i.test(report.error);
}

// ---- Choices offered after a run -------------------------------------------------------------------------

export type FollowUp =
  | { id: 'keepMine'; title: 'Keep mine'; verb: SyncVerb; options: SyncOptions }
  | { id: 'takeTheirs'; title: 'Take theirs'; verb: SyncVerb; options: SyncOptions }
  | { id: 'openBoth'; title: 'Open both' }
  | { id: 'forcePush'; title: 'Push anyway'; verb: SyncVerb; options: SyncOptions }
  | { id: 'linkBucket'; title: 'Link bucket…' }
  | { id: 'setCredentials'; title: 'Set credentials…' }
  | { id: 'showLog'; title: 'Show details' };

/** A dry run's conflicts are settled by a real run: status → sync. */
export function settlingVerb(verb: string): SyncVerb {
  const v = verb.toLowerCase();
  return v === 'pull' || v === 'push' ? v : 'sync';
}

/** The buttons of the notification for REPORT, most useful first. Previous options (delete…) carry over. */
export function followUps(report: SyncReport, previous: SyncOptions = {}): FollowUp[] {
  const out: FollowUp[] = [];
  const { conflicts, refused } = describeReport(report);
  const carry: SyncOptions = { ...(previous.delete ? { delete: true } : {}) };
  if (report.error && isNotLinked(report)) out.push({ id: 'linkBucket', title: 'Link bucket…' });
  else if (report.error && /credential|access denied|forbidden|signature|api key|unauthori[sz]ed|\b40[13]\b/i.test(report.error)) {
    out.push({ id: 'setCredentials', title: 'Set credentials…' });
  }
  if (conflicts.length) {
    const verb = settlingVerb(report.verb);
    out.push({ id: 'keepMine', title: 'Keep mine', verb, options: { ...carry, choice: 'ours' } });
    out.push({ id: 'takeTheirs', title: 'Take theirs', verb, options: { ...carry, choice: 'theirs' } });
    if (conflicts.some((c) => c.theirsPath)) out.push({ id: 'openBoth', title: 'Open both' });
  }
  // A refusal to push a file with errors can be overridden; one for a hostile key cannot, and `force` would not help.
  const v = report.verb.toLowerCase();
  if ((v === 'push' || v === 'sync') && !report.dryRun && refused.some((r) => /error|problem|parse|invalid|--force/i.test(r.reason ?? ''))) {
    out.push({ id: 'forcePush', title: 'Push anyway', verb: 'push', options: { ...carry, force: true } });
  }
  if ((report.actions?.length ?? 0) > 0 || report.error) out.push({ id: 'showLog', title: 'Show details' });
  return out;
}

/**
 * The two sides of a conflict, as absolute paths: the copy of the remote version and the local file. ONDISK: the
 * remote version is the file on disk itself (a pull landed while the editor had unsaved changes), so "mine" is
 * the editor's unsaved text and "theirs" must be read from disk, not from the open document.
 */
export interface DiffPair { mine: string; theirs: string; title: string; onDisk: boolean }

export function conflictDiff(folder: string, action: SyncAction, p: path.PlatformPath = path): DiffPair | undefined {
  if (!action.theirsPath) return undefined;
  const mine = p.resolve(folder, ...action.path.split('/'));
  const theirs = p.isAbsolute(action.theirsPath) ? p.normalize(action.theirsPath) : p.resolve(folder, action.theirsPath);
  const onDisk = theirs === mine;
  return { mine, theirs, title: onDisk ? `${action.path}: pulled (on disk) ↔ unsaved` : `${action.path}: theirs ↔ mine`, onDisk };
}
