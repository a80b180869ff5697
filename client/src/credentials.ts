// Bucket credentials in VS Code's SecretStorage (the OS keychain). They reach the server only through its
// process environment (see server.ts); nothing here logs or displays a secret.
import * as vscode from 'vscode';
import { SecretKeys, credentialState, validateSecretInput, type CredentialState, type StoredSecrets } from './logic/credentials';

export class Credentials implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires once after one or more secrets changed (here or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (!Object.values(SecretKeys).includes(e.key as (typeof SecretKeys)[keyof typeof SecretKeys])) return;
      // A key pair is stored as two writes: report them as one change.
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed.fire(), 300);
    });
  }

  async read(): Promise<StoredSecrets> {
    const [accessKeyId, secretAccessKey, ibmApiKey] = await Promise.all([
      this.secrets.get(SecretKeys.accessKeyId),
      this.secrets.get(SecretKeys.secretAccessKey),
      this.secrets.get(SecretKeys.ibmApiKey),
    ]);
    return { accessKeyId, secretAccessKey, ibmApiKey };
  }

  async state(): Promise<CredentialState> {
    return credentialState(process.env, await this.read());
  }

  /** The "Set credentials…" wizard. Returns true when something was stored or cleared. */
  async runWizard(preferred?: string): Promise<boolean> {
    const state = await this.state();
    const describe = (s: string) => (s === 'stored' ? 'stored in VS Code' : s === 'environment' ? 'from the environment' : 'not set');
    type Item = vscode.QuickPickItem & { id: 'hmac' | 'iam' | 'clear' };
    const items: Item[] = [
      { id: 'hmac', label: '$(key) HMAC keys', description: describe(state.hmac), detail: 'Access key ID and secret access key: IBM COS service credentials with HMAC, AWS, MinIO, …' },
      { id: 'iam', label: '$(key) IBM Cloud API key', description: describe(state.iam), detail: 'An IAM API key; the server exchanges it for short-lived tokens.' },
      { id: 'clear', label: '$(trash) Clear stored credentials', detail: 'Forget every key stored by this extension.' },
    ];
    if (preferred === 'iam') items.unshift(items.splice(1, 1)[0]);
    const pick = await vscode.window.showQuickPick(items, { title: 'Cloud Annotations: Set credentials', placeHolder: 'Which credentials does the bucket use?', ignoreFocusOut: true });
    if (!pick) return false;
    if (pick.id === 'clear') {
      await Promise.all(Object.values(SecretKeys).map((k) => this.secrets.delete(k)));
      void vscode.window.showInformationMessage('Cloud Annotations: stored credentials cleared.');
      return true;
    }
    const ask = (title: string, prompt: string, what: string, password: boolean) =>
      vscode.window.showInputBox({ title, prompt, password, ignoreFocusOut: true, validateInput: (v) => validateSecretInput(v, what) });
    if (pick.id === 'hmac') {
      const id = await ask('HMAC keys (1/2)', 'Access key ID (cos_hmac_keys.access_key_id)', 'access key ID', false);
      if (id === undefined) return false;
      const secret = await ask('HMAC keys (2/2)', 'Secret access key (cos_hmac_keys.secret_access_key)', 'secret access key', true);
      if (secret === undefined) return false;
      await this.secrets.store(SecretKeys.accessKeyId, id.trim());
      await this.secrets.store(SecretKeys.secretAccessKey, secret.trim());
    } else {
      const key = await ask('IBM Cloud API key', 'API key (the "apikey" of the service credentials)', 'API key', true);
      if (key === undefined) return false;
      await this.secrets.store(SecretKeys.ibmApiKey, key.trim());
    }
    void vscode.window.showInformationMessage('Cloud Annotations: credentials stored in VS Code\'s secret storage. The language server restarts to use them.');
    return true;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
