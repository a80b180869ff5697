// How the language server process is found and started. Pure: file-system checks are passed in.
import * as path from 'node:path';

/** Arguments of the server verb; `--stdio` is accepted (and ignored) by `cloud-annotations serve`. */
export const ServeArgs: readonly string[] = ['serve', '--stdio'];

/** The framework-dependent server shipped inside the extension, relative to the extension's folder. */
export const BundledServerDll = path.posix.join('dist', 'server', 'cloud-annotations.dll');

export const DotnetDownloadUrl = 'https://dotnet.microsoft.com/download';

export interface LaunchEnvironment {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** True when PATH names an existing file. */
  isFile(p: string): boolean;
  /** dotnet hosts to try before all others (one the .NET Install Tool extension acquired). */
  preferredDotnet?: readonly string[];
}

export type ServerLaunch =
  | { ok: true; command: string; args: string[]; description: string; runtimeConfig?: string }
  | { ok: false; reason: 'noDotnet' | 'serverMissing'; message: string };

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Where a `dotnet` host may live, most specific first: DOTNET_ROOT, PATH, then the installers' default folders. */
export function dotnetCandidates(e: LaunchEnvironment): string[] {
  const p = pathApi(e.platform);
  const exe = e.platform === 'win32' ? 'dotnet.exe' : 'dotnet';
  const out: string[] = [...(e.preferredDotnet ?? [])];
  for (const root of [e.env.DOTNET_ROOT, e.env.DOTNET_ROOT_X64, e.env.DOTNET_ROOT_ARM64]) {
    if (root) out.push(p.join(root, exe));
  }
  const pathVar = e.env.PATH ?? e.env.Path ?? '';
  for (const dir of pathVar.split(e.platform === 'win32' ? ';' : ':')) {
    if (dir.trim()) out.push(p.join(dir.trim().replace(/^"(.*)"$/, '$1'), exe));
  }
  if (e.platform === 'win32') {
    for (const pf of [e.env.ProgramFiles, e.env['ProgramFiles(x86)']]) if (pf) out.push(p.join(pf, 'dotnet', exe));
  } else if (e.platform === 'darwin') {
    out.push('/usr/local/share/dotnet/dotnet', '/opt/homebrew/opt/dotnet/libexec/dotnet');
  } else {
    out.push('/usr/share/dotnet/dotnet', '/usr/lib/dotnet/dotnet', '/usr/local/share/dotnet/dotnet', '/snap/dotnet-sdk/current/dotnet');
  }
  if (e.homeDir) out.push(p.join(e.homeDir, '.dotnet', exe));
  return [...new Set(out)];
}

export function findDotnet(e: LaunchEnvironment): string | undefined {
  return dotnetCandidates(e).find((c) => e.isFile(c));
}

export function noDotnetMessage(): string {
  return 'Cloud Annotations needs the .NET 10 runtime to run its language server, and no `dotnet` was found ' +
    `(looked in DOTNET_ROOT, PATH and the default install folders). Install it from ${DotnetDownloadUrl}, ` +
    'or point the setting cloudAnnotations.server.path at a server build.';
}

/**
 * The command that starts the server: the `cloudAnnotations.server.path` setting when set (a .dll runs with dotnet,
 * anything else directly), else the bundled dll with dotnet.
 */
export function buildServerLaunch(e: LaunchEnvironment, extensionPath: string, serverPathSetting: string | undefined, baseDir?: string): ServerLaunch {
  const p = pathApi(e.platform);
  let server = p.join(extensionPath, ...BundledServerDll.split('/'));
  let fromSetting = false;
  const setting = serverPathSetting?.trim();
  if (setting) {
    fromSetting = true;
    server = setting.startsWith('~') ? p.join(e.homeDir, setting.slice(1)) : setting;
    if (!p.isAbsolute(server) && baseDir) server = p.join(baseDir, server);
  }
  if (!e.isFile(server)) {
    return {
      ok: false,
      reason: 'serverMissing',
      message: fromSetting
        ? `The language server set in cloudAnnotations.server.path does not exist: ${server}`
        : `The language server is missing from the extension (${server}). Reinstall the extension, or build it with \`npm run build:server\`.`,
    };
  }
  if (!/\.dll$/i.test(server)) {
    return { ok: true, command: server, args: [...ServeArgs], description: `${server} ${ServeArgs.join(' ')}` };
  }
  const dotnet = findDotnet(e);
  if (!dotnet) return { ok: false, reason: 'noDotnet', message: noDotnetMessage() };
  return {
    ok: true,
    command: dotnet,
    args: [server, ...ServeArgs],
    description: `${dotnet} ${server} ${ServeArgs.join(' ')}`,
    runtimeConfig: server.replace(/\.dll$/i, '.runtimeconfig.json'),
  };
}

export interface FrameworkReference { name: string; version: string }

/** The shared framework a framework-dependent app needs, from its `*.runtimeconfig.json`. */
export function requiredFrameworks(runtimeConfigJson: string): FrameworkReference[] {
  const cfg = JSON.parse(runtimeConfigJson) as { runtimeOptions?: { framework?: FrameworkReference; frameworks?: FrameworkReference[] } };
  const opts = cfg.runtimeOptions ?? {};
  return [...(opts.framework ? [opts.framework] : []), ...(opts.frameworks ?? [])];
}

/** Parses `dotnet --list-runtimes` ("Microsoft.NETCore.App 10.0.1 [/usr/share/dotnet/shared/...]"). */
export function parseRuntimes(listRuntimesOutput: string): FrameworkReference[] {
  const out: FrameworkReference[] = [];
  for (const line of listRuntimesOutput.split(/\r?\n/)) {
    const m = /^(\S+)\s+(\d+\.\d+\.\d+\S*)\s/.exec(line.trim() + ' ');
    if (m) out.push({ name: m[1], version: m[2] });
  }
  return out;
}

function versionParts(v: string): [number, number, number, boolean] {
  const [core, pre] = v.split('-', 2);
  const [a = 0, b = 0, c = 0] = core.split('.').map((x) => Number.parseInt(x, 10) || 0);
  return [a, b, c, pre !== undefined];
}

/**
 * True when an installed runtime satisfies the reference under .NET's default roll-forward policy (`Minor`):
 * same major version, minor.patch at least the requested one; previews only when a preview was requested.
 */
export function runtimeSatisfies(installed: FrameworkReference[], required: FrameworkReference): boolean {
  const [rMaj, rMin, rPatch, rPre] = versionParts(required.version);
  return installed.some((r) => {
    if (r.name !== required.name) return false;
    const [maj, min, patch, pre] = versionParts(r.version);
    if (maj !== rMaj || (pre && !rPre)) return false;
    return min > rMin || (min === rMin && patch >= rPatch);
  });
}

export function missingRuntimeMessage(required: FrameworkReference[], dotnet: string): string {
  const names = required.map((f) => `${f.name} ${f.version.replace(/\.0$/, '')}`).join(', ');
  return `Cloud Annotations needs the .NET runtime ${names} (or a later ${required[0]?.version.split('.')[0] ?? ''}.x), ` +
    `which ${dotnet} does not have. Install it from ${DotnetDownloadUrl}.`;
}
