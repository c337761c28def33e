// The desktop secret store through a safeStorage stand-in: secrets survive a restart encrypted, never lie readable on disk, and stay in memory without a keyring.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageSecretStore } from '../../main/app/safe-storage-secrets';
import { safeStorageStandIn } from '../support/electron-stand-in';

const dirs: string[] = [];
function secretsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portside-secrets-'));
  dirs.push(dir);
  return join(dir, 'portside-secrets.bin');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const REFRESH_TOKEN = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh-token-of-ana';
const NAME = 'cognito.refresh:ana@portside.example';

function logged(): { log: (message: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (message) => lines.push(message) };
}

describe('safeStorageSecretStore', () => {
  it('keeps a secret across a restart of the app (same keyring, same file)', () => {
    const keyring = safeStorageStandIn();
    const file = secretsFile();
    const first = safeStorageSecretStore(keyring, file, { log: () => undefined, platform: 'linux' });
    first.set(NAME, REFRESH_TOKEN);
    first.set('other', 'second secret');
    expect(first.persistent).toBe(true);

    const afterRestart = safeStorageSecretStore(keyring, file, { log: () => undefined, platform: 'linux' });
    expect(afterRestart.get(NAME)).toBe(REFRESH_TOKEN);
    expect(afterRestart.get('other')).toBe('second secret');
    afterRestart.delete(NAME);
    expect(safeStorageSecretStore(keyring, file, { log: () => undefined, platform: 'linux' }).get(NAME)).toBeNull();
  });

  it('writes nothing readable: neither the secret nor its name appear in the file, which only its owner may read', () => {
    const keyring = safeStorageStandIn();
    const file = secretsFile();
    safeStorageSecretStore(keyring, file, { log: () => undefined, platform: 'linux' }).set(NAME, REFRESH_TOKEN);
    const bytes = readFileSync(file);
    for (const readable of [REFRESH_TOKEN, 'refresh-token-of-ana', NAME, 'ana@portside.example', 'secrets']) {
      expect(bytes.includes(Buffer.from(readable, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(readable, 'utf16le'))).toBe(false);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Written atomically: no temporary file is left beside it.
    expect(readdirSync(join(file, '..'))).toEqual(['portside-secrets.bin']);
  });

  it('starts empty and says so when the file no longer decrypts (damaged, another user, a reset keyring), then replaces it', () => {
    const file = secretsFile();
    safeStorageSecretStore(safeStorageStandIn(), file, { log: () => undefined, platform: 'linux' }).set(NAME, REFRESH_TOKEN);
    const { log, lines } = logged();
    const otherKeyring = safeStorageStandIn();
    const store = safeStorageSecretStore(otherKeyring, file, { log, platform: 'linux' });
    expect(store.get(NAME)).toBeNull();
    expect(lines.join('\n')).toMatch(/could not be decrypted/);

    store.set(NAME, 'new token');
    expect(safeStorageSecretStore(otherKeyring, file, { log: () => undefined, platform: 'linux' }).get(NAME)).toBe('new token');
  });

  it('treats a file of garbage bytes as unreadable, not as secrets', () => {
    const keyring = safeStorageStandIn();
    const file = secretsFile();
    writeFileSync(file, 'v10 this is not an encrypted secrets file at all');
    const { log, lines } = logged();
    expect(safeStorageSecretStore(keyring, file, { log, platform: 'darwin' }).get(NAME)).toBeNull();
    expect(lines).toHaveLength(1);

    writeFileSync(file, keyring.encryptString('{"version":2,"secrets":{"x":"y"}}'));
    expect(safeStorageSecretStore(keyring, file, { log: () => undefined, platform: 'darwin' }).get('x')).toBeNull();
  });

  it('without encryption (Linux without a keyring) keeps secrets in memory only, writes no file and logs why', () => {
    const keyring = safeStorageStandIn({ encryption: 'none' });
    const file = secretsFile();
    const { log, lines } = logged();
    const store = safeStorageSecretStore(keyring, file, { log, platform: 'linux' });
    store.set(NAME, REFRESH_TOKEN);
    expect(store.get(NAME)).toBe(REFRESH_TOKEN);
    expect(store.persistent).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(keyring.calls).toEqual([]);
    expect(lines.join('\n')).toMatch(/no keyring answers .*kept in memory only/);
  });

  it("refuses Electron's basic_text fallback on Linux: a built-in password is no protection", () => {
    const keyring = safeStorageStandIn({ encryption: 'basic_text' });
    const file = secretsFile();
    const { log, lines } = logged();
    const store = safeStorageSecretStore(keyring, file, { log, platform: 'linux' });
    store.set(NAME, REFRESH_TOKEN);
    expect(store.persistent).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(lines.join('\n')).toMatch(/basic_text/);
  });

  it('leaves an earlier encrypted file alone when the keyring is unavailable this time', () => {
    const file = secretsFile();
    safeStorageSecretStore(safeStorageStandIn(), file, { log: () => undefined, platform: 'linux' }).set(NAME, REFRESH_TOKEN);
    const before = readFileSync(file);
    const store = safeStorageSecretStore(safeStorageStandIn({ encryption: 'none' }), file, { log: () => undefined, platform: 'linux' });
    expect(store.get(NAME)).toBeNull();
    store.set(NAME, 'in memory');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
