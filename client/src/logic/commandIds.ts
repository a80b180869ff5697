// Ids of the commands this extension contributes (package.json `contributes.commands`). They are deliberately
// different from the server's executeCommand ids (protocol.ts): vscode-languageclient registers a VS Code command
// for each of those, and registering the same id twice fails.

export const Commands = {
  linkBucket: 'cloudAnnotations.linkBucket',
  setCredentials: 'cloudAnnotations.setCredentials',
  pull: 'cloudAnnotations.pullFolder',
  push: 'cloudAnnotations.pushFolder',
  sync: 'cloudAnnotations.syncFolder',
  showSyncStatus: 'cloudAnnotations.showSyncStatus',
  fixAll: 'cloudAnnotations.fixAllProblems',
  openImagePreview: 'cloudAnnotations.openImagePreview',
  showServerLog: 'cloudAnnotations.showServerLog',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Context key holding the file-system paths of folders that contain an `_annotations.json` (explorer menus). */
export const ProjectFoldersContextKey = 'cloudAnnotations.projectFolders';

export const LanguageId = 'cloud-annotations';
export const AnnotationsFileName = '_annotations.json';
