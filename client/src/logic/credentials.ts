// Secrets from VS Code's SecretStorage reach the server only through its process environment.
// Nothing here formats a secret into text: messages name which credentials exist, never their values.

/** SecretStorage keys. */
export const SecretKeys = {
  accessKeyId: 'cloudAnnotations.awsAccessKeyId',
  secretAccessKey: 'cloudAnnotations.awsSecretAccessKey',
  ibmApiKey: 'cloudAnnotations.ibmApiKey',
} as const;

export interface StoredSecrets {
  accessKeyId?: string;
  secretAccessKey?: string;
  ibmApiKey?: string;
}

/** Environment variable names the server reads its credentials from. */
export const CredentialEnv = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  ibmApiKey: 'IBM_API_KEY',
} as const;

/**
 * The server's environment: the editor's own, with stored secrets laid over it. HMAC keys only go as a pair
 * (half a pair would make the server sign with a mismatched key from elsewhere).
 */
export function serverEnvironment(base: Readonly<Record<string, string | undefined>>, secrets: StoredSecrets): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  if (secrets.accessKeyId && secrets.secretAccessKey) {
    env[CredentialEnv.accessKeyId] = secrets.accessKeyId;
    env[CredentialEnv.secretAccessKey] = secrets.secretAccessKey;
  }
  if (secrets.ibmApiKey) env[CredentialEnv.ibmApiKey] = secrets.ibmApiKey;
  return env;
}

export type CredentialSource = 'stored' | 'environment' | 'none';

export interface CredentialState {
  hmac: CredentialSource;
  iam: CredentialSource;
}

export function credentialState(base: Readonly<Record<string, string | undefined>>, secrets: StoredSecrets): CredentialState {
  return {
    hmac: secrets.accessKeyId && secrets.secretAccessKey ? 'stored'
      : base[CredentialEnv.accessKeyId] && base[CredentialEnv.secretAccessKey] ? 'environment' : 'none',
    iam: secrets.ibmApiKey ? 'stored' : base[CredentialEnv.ibmApiKey] ? 'environment' : 'none',
  };
}

/** True when the auth kind has credentials from the editor or its environment (the server may still find a credentials file). */
export function hasCredentialsFor(auth: string, state: CredentialState): boolean {
  return (auth === 'iam' ? state.iam : state.hmac) !== 'none';
}

/** Validation of a pasted key: returns an error message or undefined. */
export function validateSecretInput(value: string, what: string): string | undefined {
  const v = value.trim();
  if (!v) return `Enter the ${what}.`;
  if (/\s/.test(v)) return `The ${what} cannot contain spaces.`;
  if (v.length > 512) return `That is too long for a ${what}.`;
  return undefined;
}
