// The Electron IPC transport over a real backend: same dispatcher as HTTP, errors as data, untrusted frames refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CALL, type IpcReply } from '../../core/api/ipc-channels';
import type { LoginResult } from '../../core/domain/auth';
import type { OrderSummary, Page } from '../../core/domain/order';
import { type Backend, createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { DEMO_PASSWORD } from '../../main/services/demo-data';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpc } from '../../main/transport/ipc';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Electron's ipcMain as the transport sees it: one handler per channel (Electron itself cannot run here). */
class IpcMainStandIn implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(url: string | null, ...args: unknown[]): Promise<IpcReply> {
    const listener = this.handlers.get(IPC_CALL);
    if (!listener) throw new Error('no handler');
    return (await listener({ senderFrame: url === null ? null : { url } }, ...args)) as IpcReply;
  }
}

const APP_URL = 'file:///Applications/Portside.app/Contents/Resources/app.asar/dist/renderer/index.html';
let dataDir: string;
let backend: Backend;
const ipc = new IpcMainStandIn();
let unregister: () => void;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'portside-ipc-'));
  backend = createBackend(loadConfig({ PORTSIDE_DEMO: '1' }, { dataDir }), { log: () => undefined });
  unregister = registerIpc(ipc, backend.dispatcher, (url) => url.startsWith('file:///Applications/Portside.app/'));
});
afterAll(() => {
  unregister();
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(): Promise<string> {
  const reply = await ipc.invoke(APP_URL, 'auth.login', { username: 'csr', password: DEMO_PASSWORD }, null);
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as LoginResult).token;
}

describe('IPC transport', () => {
  it('serves contract operations to the app’s own renderer', async () => {
    const token = await signIn();
    const reply = await ipc.invoke(APP_URL, 'orders.list', { status: 'Completed', limit: 5 }, token);
    expect(reply.ok).toBe(true);
    const page = (reply as { ok: true; value: Page<OrderSummary> }).value;
    expect(page.items).toHaveLength(5);
    expect(page.items.every((o) => o.status === 'Completed')).toBe(true);
  });

  it('returns errors as data with their code, message and fields', async () => {
    const token = await signIn();
    const reply = await ipc.invoke(APP_URL, 'orders.create', { currency: 'XYZ' }, token);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('Currency must be one of') as unknown,
        fields: { currency: expect.any(String) as unknown },
      },
    });
    const unauthenticated = await ipc.invoke(APP_URL, 'orders.list', {}, 'not-a-token');
    expect(unauthenticated).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses frames that are not the app’s renderer, and unknown operations', async () => {
    const token = await signIn();
    expect(await ipc.invoke('https://evil.example/', 'orders.list', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipc.invoke(null, 'orders.list', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipc.invoke(APP_URL, 'orders.dropTable', {}, token)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('signs in as the client "ipc" for the sign-in throttle, which counts an account’s failures as over HTTP', async () => {
    const reply = await ipc.invoke(APP_URL, 'auth.login', { username: 'csr', password: DEMO_PASSWORD }, null);
    if (!reply.ok) throw new Error(reply.error.message);
    const { user } = reply.value as LoginResult;
    const signedIn = backend.services.deps.repos.audit.forEntity('user', user.id).filter((e) => e.action === 'signed_in');
    expect(signedIn.at(-1)?.changes).toContainEqual({ field: 'client', before: null, after: 'ipc' });

    for (let i = 0; i < 5; i++) {
      const failed = await ipc.invoke(APP_URL, 'auth.login', { username: 'ipc-nobody', password: 'wrong' }, null);
      expect(failed).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const locked = await ipc.invoke(APP_URL, 'auth.login', { username: 'ipc-nobody', password: 'wrong' }, null);
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } });
  });
});
