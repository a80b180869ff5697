// The client's view of the server contract (workspace/executeCommand, camelCase JSON results).
// Pure types and ids: no `vscode` import, so node's test runner can load this module.
import type { BoxLike } from './geometry';

/** Commands the language server executes. The client's own command ids differ (see commandIds.ts), because
 *  vscode-languageclient registers a VS Code command for every id in the server's executeCommandProvider. */
export const ServerCommands = {
  link: 'cloudAnnotations.link',
  pull: 'cloudAnnotations.pull',
  push: 'cloudAnnotations.push',
  sync: 'cloudAnnotations.sync',
  status: 'cloudAnnotations.status',
  fixAll: 'cloudAnnotations.fixAll',
  imagePreview: 'cloudAnnotations.imagePreview',
} as const;

export type SyncVerb = 'pull' | 'push' | 'sync' | 'status';
export type AuthKind = 'hmac' | 'iam';

export interface LinkOptions {
  remote: string;
  endpoint?: string;
  region?: string;
  auth?: AuthKind;
}

export interface LinkInfo {
  remote: string;
  endpoint?: string | null;
  region?: string | null;
  auth: string;
}

export interface SyncOptions {
  dryRun?: boolean;
  delete?: boolean;
  force?: boolean;
  choice?: 'ours' | 'theirs';
}

export type SyncActionKind = 'upload' | 'download' | 'merge' | 'conflict' | 'deleteLocal' | 'deleteRemote' | 'refused' | 'skip';

export interface SyncAction {
  kind: SyncActionKind;
  path: string;
  reason?: string | null;
  bytes?: number;
  /** For a conflict: a local copy of the remote version, so both can be opened side by side. */
  theirsPath?: string | null;
}

export interface SyncReport {
  verb: string;
  dryRun: boolean;
  actions: SyncAction[];
  summary: string;
  /** 0 done, 1 conflicts or refusals, 2 errors. */
  exitCode: number;
  error?: string | null;
  /** The folder's link, when the server includes it (optional member). */
  link?: LinkInfo | null;
}

export interface FixAllResult {
  applied: number;
}

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }

export interface PreviewBox extends BoxLike {
  range: LspRange;
}

export interface ImagePreview {
  imageKey: string;
  /** Absolute path of the image file, when the document's folder is known. */
  imagePath?: string | null;
  width?: number | null;
  height?: number | null;
  boxes: PreviewBox[];
  activeIndex?: number | null;
}

export interface ImagePreviewArgs {
  imageKey?: string;
  line?: number;
  character?: number;
}
