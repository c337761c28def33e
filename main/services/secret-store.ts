// Where the app keeps secrets it must not store in plain text (Cognito refresh tokens): an interface, and the in-memory store.

/**
 * A small named-secret store. The desktop app backs it with Electron's `safeStorage` (the OS
 * keychain / DPAPI encrypts each value; see main/app); browser mode and tests keep secrets in
 * memory only, so they are gone when the process ends and nothing secret reaches the disk.
 */
export interface SecretStore {
  /** The secret stored under `name`, or null when there is none (or it can no longer be decrypted). */
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** True when secrets survive a restart (the desktop app's encrypted store). */
  readonly persistent: boolean;
}

/** Secrets kept in this process only. */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
    persistent: false,
  };
}

/** Where cloud-mode AWS credentials get the signed-in user's current Cognito ID token (null: nobody signed in online). */
export type IdTokenSource = () => Promise<string | null>;
