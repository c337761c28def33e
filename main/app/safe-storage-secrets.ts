// The desktop app's SecretStore: secrets encrypted with Electron safeStorage in one file of the data folder, or memory only without a keyring.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { memorySecretStore, type SecretStore } from '../services/secret-store';

/**
 * The slice of Electron's `safeStorage` this store uses (the real module satisfies it; tests pass a
 * stand-in). The synchronous calls, because SecretStore is synchronous; Electron 45 still has them.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux: which keyring encrypts; 'basic_text' means a key hard-coded in Electron, i.e. no protection. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageSecretsOptions {
  log: (message: string, error?: unknown) => void;
  platform?: NodeJS.Platform;
}

/** What ends up in the file: every secret in one map, encrypted as one blob (names reveal whose tokens they are). */
interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

/** Why encryption cannot be trusted here, or null when it can. */
function unavailableReason(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) {
    return platform === 'linux'
      ? 'no keyring answers (GNOME Keyring / KWallet not installed or not unlocked)'
      : 'the operating system refused to provide an encryption key';
  }
  // Electron then "encrypts" with a password compiled into it: anyone can read that back, so it counts as plain text.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'Electron found no keyring and would only obscure secrets with its built-in password (basic_text)';
  }
  return null;
}

function readSecrets(safeStorage: SafeStorageLike, file: string): Map<string, string> {
  let blob: Buffer;
  try {
    blob = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const parsed = JSON.parse(safeStorage.decryptString(blob)) as Partial<SecretsFile>;
  if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
    throw new Error('not a Portside secrets file');
  }
  return new Map(Object.entries(parsed.secrets).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Replaces the file in one step (write a sibling, flush, rename): a crash leaves the old file or the new, never half of one. */
function writeAtomically(file: string, content: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Secrets (Cognito refresh tokens) encrypted with the OS keychain / DPAPI / a Linux keyring through
 * `safeStorage`, kept in `file` (mode 0600, rewritten atomically on every change). Call after the
 * app's `ready`. Without trustworthy encryption, secrets stay in memory (an online sign-in is needed
 * after each start) and the log says why: never plain text on disk. A file that no longer decrypts
 * (another OS user, a reset keyring, damage) is ignored and replaced at the next change.
 */
export function safeStorageSecretStore(safeStorage: SafeStorageLike, file: string, options: SafeStorageSecretsOptions): SecretStore {
  const reason = unavailableReason(safeStorage, options.platform ?? process.platform);
  if (reason !== null) {
    options.log(
      `secrets: ${reason}; sign-in tokens are kept in memory only, so Portside asks for an online sign-in after every start ` +
        '(README > Troubleshooting > keyring unavailable)',
    );
    return memorySecretStore();
  }
  let values: Map<string, string>;
  try {
    values = readSecrets(safeStorage, file);
  } catch (error) {
    options.log(`secrets: ${file} could not be decrypted; starting without stored sign-in tokens (an online sign-in renews them)`, error);
    values = new Map();
  }
  const save = (): void => {
    const content: SecretsFile = { version: 1, secrets: Object.fromEntries(values) };
    try {
      writeAtomically(file, safeStorage.encryptString(JSON.stringify(content)));
    } catch (error) {
      // The value stays usable in this process; only its survival of a restart is lost.
      options.log(`secrets: could not save ${file}; sign-in tokens last until Portside closes`, error);
    }
  };
  return {
    persistent: true,
    get: (name) => values.get(name) ?? null,
    set(name, value) {
      values.set(name, value);
      save();
    },
    delete(name) {
      if (values.delete(name)) save();
    },
  };
}
