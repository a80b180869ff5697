// Entry point of the Cloud Annotations extension: starts the language server and wires the commands, the status
// bar, the image preview and the code lenses. Logic that needs no `vscode` lives in ./logic (tested with node).
import * as vscode from 'vscode';
import { Credentials } from './credentials';
import { LanguageId, type CommandId } from './logic/commandIds';
import { ServerCommands, type FixAllResult } from './logic/protocol';
import { ImageKeyCodeLens, ImagePreviewPanel } from './preview';
import { ProjectFolders, isAnnotationsDocument, toUri } from './projects';
import { ServerController } from './server';
import { LinkStore, SyncStatusBar } from './statusBar';
import { DiskSnapshotProvider, DiskSnapshotScheme, SyncCommands } from './sync';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Cloud Annotations', { log: true });
  const credentials = new Credentials(context.secrets);
  server = new ServerController(context, output, credentials);
  const projects = new ProjectFolders();
  const links = new LinkStore(context.workspaceState);
  // The status bar and the sync commands need each other: the bar checks through the commands' server call.
  let sync: SyncCommands | undefined;
  const statusBar = new SyncStatusBar(projects, server, links, (folder) => sync!.check(folder));
  sync = new SyncCommands(server, projects, statusBar, links, credentials);
  const preview = new ImagePreviewPanel(context.extensionUri, server, projects);
  context.subscriptions.push(output, credentials, server, projects, statusBar, preview,
    vscode.workspace.registerTextDocumentContentProvider(DiskSnapshotScheme, new DiskSnapshotProvider()));

  // Every contributed command, by id: the Record type makes a missing handler a compile error.
  const handlers: Record<CommandId, (...args: unknown[]) => unknown> = {
    'cloudAnnotations.linkBucket': (arg) => sync!.link(arg),
    'cloudAnnotations.setCredentials': () => credentials.runWizard(),
    'cloudAnnotations.pullFolder': (arg) => sync!.run('pull', arg),
    'cloudAnnotations.pushFolder': (arg) => sync!.run('push', arg),
    'cloudAnnotations.syncFolder': (arg) => sync!.run('sync', arg),
    'cloudAnnotations.showSyncStatus': (arg) => sync!.run('status', arg),
    'cloudAnnotations.fixAllProblems': (arg) => fixAll(server!, arg),
    'cloudAnnotations.openImagePreview': (arg, imageKey) => preview.open(arg, imageKey),
    'cloudAnnotations.showServerLog': () => output.show(true),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }

  await projects.scan();
  await server.start();
  statusBar.update();

  // A client-side lens only when the server offers none (it may, later).
  if (!server.languageClient?.initializeResult?.capabilities.codeLensProvider) {
    context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: LanguageId }, new ImageKeyCodeLens()));
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}

async function fixAll(server: ServerController, arg: unknown): Promise<void> {
  let doc: vscode.TextDocument | undefined;
  const uri = toUri(arg);
  if (uri) doc = await vscode.workspace.openTextDocument(uri.path.endsWith('/_annotations.json') ? uri : vscode.Uri.joinPath(uri, '_annotations.json'));
  else if (vscode.window.activeTextEditor && isAnnotationsDocument(vscode.window.activeTextEditor.document)) doc = vscode.window.activeTextEditor.document;
  if (!doc) {
    void vscode.window.showInformationMessage('Cloud Annotations: open an _annotations.json to fix its problems.');
    return;
  }
  try {
    const result = await server.executeCommand<FixAllResult | null>(ServerCommands.fixAll, [server.toServerUri(doc.uri)]);
    const n = result?.applied ?? 0;
    void vscode.window.showInformationMessage(n === 0 ? 'Cloud Annotations: nothing to fix automatically.' : `Cloud Annotations: applied ${n} ${n === 1 ? 'fix' : 'fixes'}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cloud Annotations: fix all failed: ${(e as Error).message}`);
  }
}

