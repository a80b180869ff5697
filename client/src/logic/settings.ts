// The `cloudAnnotations` settings: who reads each one, and how the server's part is sent to it
// (answering the server's workspace/configuration request).
import type { AuthKind, LinkOptions } from './protocol';

export const SettingsSection = 'cloudAnnotations';

/** Who consumes each contributed setting (keys relative to the section). `languageclient`: read by
 *  vscode-languageclient itself, which looks up `<client id>.trace.server`. */
export const SettingConsumers = {
  remote: 'client',
  endpoint: 'client',
  region: 'client',
  auth: 'client',
  'server.path': 'client',
  'trace.server': 'languageclient',
  rules: 'server',
  maxSymbols: 'server',
  debounceMs: 'server',
  jobs: 'server',
  'format.style': 'server',
} as const;

export type SettingKey = keyof typeof SettingConsumers;

export const Severities = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleSeverity = (typeof Severities)[number];

export interface ServerConfig {
  rules: Record<string, RuleSeverity>;
  maxSymbols: number;
  debounceMs: number;
  jobs: number;
  /** Sent flat: the server accepts `format.style` nested or flat. */
  'format.style': FormatStyle;
}

export type FormatStyle = 'pretty' | 'minified';

export const ServerDefaults: ServerConfig = { rules: {}, maxSymbols: 5000, debounceMs: 150, jobs: 16, 'format.style': 'pretty' };

function integer(value: unknown, fallback: number, min: number, max: number, name: string, warnings: string[]): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    warnings.push(`cloudAnnotations.${name} must be a number; using ${fallback}.`);
    return fallback;
  }
  const v = Math.round(value);
  if (v < min || v > max) {
    const clamped = Math.min(max, Math.max(min, v));
    warnings.push(`cloudAnnotations.${name} must be between ${min} and ${max}; using ${clamped}.`);
    return clamped;
  }
  return v;
}

/**
 * The server's configuration from the user's settings, cleaned: unknown codes and severities are dropped with a
 * warning instead of reaching the server, and numbers are kept in their documented ranges.
 */
export function toServerConfig(get: (key: SettingKey) => unknown): { config: ServerConfig; warnings: string[] } {
  const warnings: string[] = [];
  const rules: Record<string, RuleSeverity> = {};
  const raw = get('rules');
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    warnings.push('cloudAnnotations.rules must be an object such as { "CA3003": "warning" }.');
  } else if (raw) {
    for (const [code, sev] of Object.entries(raw as Record<string, unknown>)) {
      const normalisedCode = code.trim().toUpperCase();
      const normalisedSev = typeof sev === 'string' ? sev.trim().toLowerCase() : sev;
      if (!/^CA\d{4}$/.test(normalisedCode)) {
        warnings.push(`cloudAnnotations.rules: "${code}" is not a rule code (CA followed by four digits).`);
      } else if (!Severities.includes(normalisedSev as RuleSeverity)) {
        warnings.push(`cloudAnnotations.rules: ${code} has severity ${JSON.stringify(sev)}; use one of ${Severities.join(', ')}.`);
      } else {
        rules[normalisedCode] = normalisedSev as RuleSeverity;
      }
    }
  }
  return {
    config: {
      rules,
      maxSymbols: integer(get('maxSymbols'), ServerDefaults.maxSymbols, 0, 1_000_000, 'maxSymbols', warnings),
      debounceMs: integer(get('debounceMs'), ServerDefaults.debounceMs, 0, 5000, 'debounceMs', warnings),
      jobs: integer(get('jobs'), ServerDefaults.jobs, 1, 64, 'jobs', warnings),
      'format.style': get('format.style') === 'minified' ? 'minified' : 'pretty',
    },
    warnings,
  };
}

/** Link options from the folder's settings, or undefined when `cloudAnnotations.remote` is not set. */
export function linkOptionsFromSettings(get: (key: SettingKey) => unknown): LinkOptions | undefined {
  const str = (k: SettingKey) => {
    const v = get(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const remote = str('remote');
  if (!remote) return undefined;
  const auth = str('auth');
  return {
    remote,
    ...(str('endpoint') ? { endpoint: str('endpoint') } : {}),
    ...(str('region') ? { region: str('region') } : {}),
    ...(auth === 'iam' || auth === 'hmac' ? { auth: auth as AuthKind } : {}),
  };
}
