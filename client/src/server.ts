// Starts, restarts and talks to the language server (`dotnet cloud-annotations.dll serve --stdio`).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  WorkDoneProgress,
  type LanguageClientOptions,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import type { Credentials } from './credentials';
import { Commands, LanguageId } from './logic/commandIds';
import { CrashBudget } from './logic/crashBudget';
import { commandLink, imageKeyAt } from './logic/imageKeys';
import { serverEnvironment } from './logic/credentials';
import {
  DotnetDownloadUrl,
  buildServerLaunch,
  missingRuntimeMessage,
  parseRuntimes,
  requiredFrameworks,
  runtimeSatisfies,
  type LaunchEnvironment,
  type ServerLaunch,
} from './logic/launch';
import { SettingsSection, toServerConfig, type SettingKey } from './logic/settings';

export type ServerState = { running: true } | { running: false; message: string };

type Launch = Extract<ServerLaunch, { ok: true }>;

class LaunchError extends Error {
  constructor(message: string, readonly reason: 'noDotnet' | 'serverMissing' | 'noRuntime' | 'spawn') {
    super(message);
  }
}

const DotnetAcquiredKey = 'cloudAnnotations.acquiredDotnet';

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private process: ChildProcess | undefined;
  private readonly crashes = new CrashBudget(4, 3 * 60 * 1000);
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private lastState: ServerState = { running: false, message: 'The language server has not started yet.' };
  private starting: Promise<void> | undefined;
  private readonly warned = new Set<string>();
  private readonly checkedRuntimes = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly credentials: Credentials,
  ) {
    this.disposables.push(
      credentials.onDidChange(() => void this.restart('credentials changed')),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SettingsSection}.server.path`)) void this.restart('cloudAnnotations.server.path changed');
      }),
    );
  }

  get state(): ServerState {
    return this.lastState;
  }

  /** The running client (for converters and capabilities), if any. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Starts the server. QUIET: a failure to launch is only logged and kept in `state` (a command reports it). */
  start(quiet = false): Promise<void> {
    this.starting ??= this.startOnce(quiet).finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(reason: string): Promise<void> {
    this.output.info(`Restarting the language server: ${reason}.`);
    this.crashes.reset();
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      try {
        await client.stop(5000);
      } catch (e) {
        this.output.warn(`Stopping the language server: ${(e as Error).message}`);
      }
    }
    await client?.dispose().catch(() => undefined);
    const proc = this.process;
    this.process = undefined;
    // The server exits after `exit`; this only reaps one that hung.
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill();
  }

  /**
   * workspace/executeCommand on the server. WORKDONETOKEN, when given, receives the command's $/progress;
   * cancelling TOKEN sends $/cancelRequest.
   */
  async executeCommand<T>(command: string, args: unknown[], token?: vscode.CancellationToken, workDoneToken?: string): Promise<T> {
    const client = await this.ensureRunning();
    if (!client) {
      throw new Error(this.lastState.running ? 'The language server is not running.' : this.lastState.message);
    }
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args, workDoneToken }, token)) as T;
  }

  /** The running client: waits for one that is (re)starting, starts one when there is none or it gave up. */
  private async ensureRunning(): Promise<LanguageClient | undefined> {
    const client = this.client;
    if (client?.state === State.Starting) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { sub.dispose(); resolve(); }, 30_000);
        const sub = client.onDidChangeState((e) => {
          if (e.newState !== State.Starting) { clearTimeout(timer); sub.dispose(); resolve(); }
        });
      });
    } else if (!this.languageClient) {
      await this.start(true);
    }
    return this.languageClient;
  }

  /** Forwards the server's work-done progress for TOKEN (a client-created token passed to executeCommand). */
  onProgress(token: string, handler: (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => void): vscode.Disposable {
    const client = this.languageClient;
    return client ? client.onProgress(WorkDoneProgress.type, token, handler) : new vscode.Disposable(() => undefined);
  }

  /** Converts a VS Code URI to the string the server knows the document or folder by. */
  toServerUri(uri: vscode.Uri): string {
    return this.client?.code2ProtocolConverter.asUri(uri) ?? uri.toString();
  }

  asRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
    return this.client?.protocol2CodeConverter.asRange(range) ?? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  }

  private setState(s: ServerState): void {
    this.lastState = s;
    this.stateEmitter.fire(s);
  }

  private launchEnvironment(): LaunchEnvironment {
    const acquired = this.context.globalState.get<string>(DotnetAcquiredKey);
    return {
      platform: process.platform,
      env: process.env,
      homeDir: os.homedir(),
      isFile: (p) => {
        try {
          return fs.statSync(p).isFile();
        } catch {
          return false;
        }
      },
      preferredDotnet: acquired ? [acquired] : [],
    };
  }

  private async resolveLaunch(): Promise<Launch> {
    const setting = vscode.workspace.getConfiguration(SettingsSection).get<string>('server.path');
    const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const launch = buildServerLaunch(this.launchEnvironment(), this.context.extensionPath, setting, base);
    if (!launch.ok) throw new LaunchError(launch.message, launch.reason);
    if (launch.runtimeConfig) await this.checkRuntime(launch.command, launch.runtimeConfig);
    return launch;
  }

  /** A framework-dependent server needs a matching shared runtime; `dotnet` alone says little. Checked once per host. */
  private checkRuntime(dotnet: string, runtimeConfig: string): Promise<void> {
    const key = `${dotnet}\n${runtimeConfig}`;
    let check = this.checkedRuntimes.get(key);
    if (!check) {
      check = (async () => {
        let required;
        try {
          required = requiredFrameworks(await fs.promises.readFile(runtimeConfig, 'utf8'));
        } catch {
          return; // no runtimeconfig (a self-contained build): nothing to check
        }
        const listing = await new Promise<string>((resolve) => {
          execFile(dotnet, ['--list-runtimes'], { timeout: 15000, env: { ...process.env, DOTNET_NOLOGO: '1' } }, (err, stdout) => resolve(err ? '' : stdout));
        });
        const installed = parseRuntimes(listing);
        const missing = required.filter((f) => !runtimeSatisfies(installed, f));
        if (missing.length) throw new LaunchError(missingRuntimeMessage(missing, dotnet), 'noRuntime');
      })();
      this.checkedRuntimes.set(key, check);
      check.catch(() => this.checkedRuntimes.delete(key));
    }
    return check;
  }

  private async startOnce(quiet: boolean): Promise<void> {
    if (this.client) await this.stop(); // one that gave up after crashes, or failed to start
    let launch: Launch;
    try {
      launch = await this.resolveLaunch();
    } catch (e) {
      const err = e as LaunchError;
      this.output.error(err.message);
      this.setState({ running: false, message: err.message });
      if (!quiet) void this.offerLaunchHelp(err);
      return;
    }
    this.output.info(`Starting the language server: ${launch.description}`);

    const client = new LanguageClient('cloudAnnotations', 'Cloud Annotations', () => this.spawnServer(launch), this.clientOptions());
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) return;
      if (e.newState === State.Running) this.setState({ running: true });
      else if (e.newState === State.Stopped) this.setState({ running: false, message: 'The language server stopped. Run "Cloud Annotations: Show server log" for details.' });
    });
    try {
      await client.start();
    } catch (e) {
      const message = `The language server did not start: ${(e as Error).message}`;
      this.output.error(message);
      this.setState({ running: false, message });
    }
  }

  private async spawnServer(launch: Launch): Promise<ChildProcess> {
    // Read secrets at every (re)start, so a restart after "Set credentials…" passes the new ones.
    const env = serverEnvironment(process.env, await this.credentials.read());
    env.DOTNET_NOLOGO = '1';
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? this.context.extensionPath;
    const child = spawn(launch.command, launch.args, { cwd, env, stdio: 'pipe', windowsHide: true });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (e) => reject(new LaunchError(`Could not run ${launch.command}: ${e.message}`, 'spawn')));
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 || signal) this.output.warn(`The language server exited (${signal ?? `code ${code}`}).`);
    });
    this.process = child;
    return child;
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: [
        { language: LanguageId },
        { language: 'json', pattern: '**/_annotations.json' },
      ],
      outputChannel: this.output,
      // Sends workspace/didChangeConfiguration when a cloudAnnotations setting changes; the server then pulls.
      synchronize: { configurationSection: SettingsSection },
      markdown: { isTrusted: { enabledCommands: [Commands.openImagePreview] }, supportHtml: false },
      errorHandler: {
        error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: () => {
          if (this.crashes.recordCrash()) {
            this.output.warn(`The language server stopped unexpectedly; restarting it (${this.crashes.recent} of 5 in 3 minutes).`);
            return { action: CloseAction.Restart, handled: true };
          }
          void this.offerRestartAfterCrashes();
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
      initializationFailedHandler: (error) => {
        this.output.error(`The language server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
      middleware: {
        // A hover on an image key also offers the preview (the link runs our command; see `markdown.isTrusted`).
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          const key = imageKeyAt(document.lineAt(position.line).text, position.character);
          if (!key) return hover;
          const link = new vscode.MarkdownString(`[$(open-preview) Open image preview](${commandLink(Commands.openImagePreview, [document.uri.toString(), key.key])})`, true);
          link.isTrusted = { enabledCommands: [Commands.openImagePreview] };
          return hover ? new vscode.Hover([...hover.contents, link], hover.range) : new vscode.Hover(link);
        },
        workspace: {
          // The server pulls its settings with workspace/configuration: answer with the checked server part.
          configuration: async (params, token, next) => {
            const ours = (section?: string) => section === SettingsSection || section?.startsWith(`${SettingsSection}.`);
            const foreign = params.items.some((i) => !ours(i.section));
            const fromNext = foreign ? await next(params, token) : [];
            if (fromNext instanceof Error) return fromNext;
            return params.items.map((item, i) => {
              if (!ours(item.section)) return (fromNext as unknown[])[i] ?? null;
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              const cfg = vscode.workspace.getConfiguration(SettingsSection, scope);
              const { config, warnings } = toServerConfig((k: SettingKey) => cfg.get(k));
              for (const w of warnings) if (!this.warned.has(w)) { this.warned.add(w); this.output.warn(w); }
              const sub = item.section!.slice(SettingsSection.length + 1);
              return sub ? (config as unknown as Record<string, unknown>)[sub] ?? null : config;
            });
          },
        },
      },
    };
  }

  private async offerRestartAfterCrashes(): Promise<void> {
    const message = 'The Cloud Annotations language server crashed 5 times in 3 minutes and was not restarted.';
    this.setState({ running: false, message });
    const pick = await vscode.window.showErrorMessage(message, 'Restart server', 'Show server log');
    if (pick === 'Restart server') await this.restart('requested after crashes');
    else if (pick === 'Show server log') this.output.show(true);
  }

  private async offerLaunchHelp(err: LaunchError): Promise<void> {
    const actions: string[] = [];
    const canAcquire = (err.reason === 'noDotnet' || err.reason === 'noRuntime') && (await vscode.commands.getCommands(true)).includes('dotnet.acquire');
    if (canAcquire) actions.push('Install .NET runtime');
    if (err.reason === 'noDotnet' || err.reason === 'noRuntime') actions.push('Download .NET');
    if (err.reason === 'serverMissing' || err.reason === 'spawn') actions.push('Open settings');
    actions.push('Show server log');
    const pick = await vscode.window.showErrorMessage(err.message, ...actions);
    if (pick === 'Download .NET') {
      await vscode.env.openExternal(vscode.Uri.parse(DotnetDownloadUrl));
    } else if (pick === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SettingsSection}.server.path`);
    } else if (pick === 'Show server log') {
      this.output.show(true);
    } else if (pick === 'Install .NET runtime') {
      // The .NET Install Tool extension (ms-dotnettools.vscode-dotnet-runtime) downloads a private runtime.
      try {
        const result = await vscode.commands.executeCommand<{ dotnetPath?: string } | undefined>('dotnet.acquire', {
          version: '10.0',
          requestingExtensionId: this.context.extension.id,
        });
        if (result?.dotnetPath) {
          await this.context.globalState.update(DotnetAcquiredKey, result.dotnetPath);
          await this.restart('.NET runtime installed');
        }
      } catch (e) {
        void vscode.window.showErrorMessage(`Installing the .NET runtime failed: ${(e as Error).message}`);
      }
    }
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
    this.stateEmitter.dispose();
  }
}
