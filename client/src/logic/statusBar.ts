// The status-bar item's text, tooltip and click action for a project folder's sync state.
import { Commands, type CommandId } from './commandIds';
import type { SyncReport } from './protocol';
import { remoteLabel } from './remotes';
import { countActions, isNotLinked } from './syncReport';

export type SyncState =
  | { kind: 'unknown' }
  | { kind: 'checking'; remote?: string }
  | { kind: 'running'; verb: string; remote?: string }
  | { kind: 'report'; report: SyncReport; remote?: string; checkedAt: Date }
  | { kind: 'serverDown'; message: string };

export interface StatusBarView {
  text: string;
  tooltip: string;
  command: CommandId;
  /** Draw attention (warning background) — conflicts, refusals, errors. */
  warning: boolean;
}

const Running: Record<string, string> = { pull: 'Pulling', push: 'Pushing', sync: 'Syncing', status: 'Checking' };

/** Short arrows for the pending work: "↑3 ↓1 ⚠2", or "✓" when in sync. */
export function pendingText(report: SyncReport): string {
  const c = countActions(report);
  const parts: string[] = [];
  const up = c.uploads + c.deleteRemote;
  const down = c.downloads + c.merges + c.deleteLocal;
  if (up) parts.push(`↑${up}`);
  if (down) parts.push(`↓${down}`);
  if (c.conflicts + c.refused) parts.push(`⚠${c.conflicts + c.refused}`);
  return parts.length ? parts.join(' ') : '✓';
}

export function statusBarView(state: SyncState, folderName: string): StatusBarView {
  const name = (remote?: string) => (remote ? remoteLabel(remote) : folderName);
  switch (state.kind) {
    case 'unknown':
      return { text: '$(cloud) Cloud Annotations', tooltip: `${folderName}: sync state not checked yet. Click to sync.`, command: Commands.sync, warning: false };
    case 'checking':
      return { text: `$(sync~spin) ${name(state.remote)}`, tooltip: `${folderName}: checking the bucket…`, command: Commands.sync, warning: false };
    case 'running':
      return { text: `$(sync~spin) ${Running[state.verb] ?? state.verb}…`, tooltip: `${folderName}: ${state.verb} running`, command: Commands.showServerLog, warning: false };
    case 'serverDown':
      return { text: '$(error) Cloud Annotations', tooltip: state.message, command: Commands.showServerLog, warning: true };
    case 'report': {
      const { report } = state;
      const remote = state.remote ?? report.link?.remote ?? undefined;
      if (isNotLinked(report)) {
        return { text: '$(cloud) Link bucket…', tooltip: `${folderName} is not linked to a bucket. Click to link it.`, command: Commands.linkBucket, warning: false };
      }
      const time = state.checkedAt.toLocaleTimeString();
      if (report.error) {
        return { text: `$(cloud-offline) ${name(remote)}`, tooltip: `${folderName} ↔ ${remote ?? 'bucket'}: ${report.error} (checked ${time}). Click to sync.`, command: Commands.sync, warning: true };
      }
      const c = countActions(report);
      const pending = pendingText(report);
      const detail = pending === '✓'
        ? 'in sync'
        : [c.uploads && `${c.uploads} to upload`, c.downloads && `${c.downloads} to download`, c.merges && `${c.merges} to merge`,
          c.deleteLocal && `${c.deleteLocal} to delete here`, c.deleteRemote && `${c.deleteRemote} to delete in the bucket`,
          c.conflicts && `${c.conflicts} in conflict`, c.refused && `${c.refused} refused`].filter(Boolean).join(', ');
      return {
        text: `$(cloud) ${name(remote)} ${pending}`,
        tooltip: `${folderName} ↔ ${remote ?? 'linked bucket'}: ${detail} (checked ${time}). Click to sync.`,
        command: Commands.sync,
        warning: c.conflicts + c.refused > 0,
      };
    }
  }
}
