// Electron main through a stand-in for Electron: single instance, denied permissions, one exact origin, start errors in a dialog.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_CHANGE, type IpcReply } from '../../core/api/ipc-channels';
import { SECRETS_FILE, START_FAILED_TITLE, type StartOutcome, startPortsideApp } from '../../main/app/portside-app';
import { lockDataFolder } from '../../main/db/data-folder-lock';
import { electronStandIn, type ElectronStandIn, WindowStandIn } from '../support/electron-stand-in';

let root: string;
let dataDir: string;
let rendererDir: string;
const running: StartOutcome[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'portside-electron-'));
  dataDir = join(root, 'data');
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Portside</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("portside")');
  writeFileSync(join(rendererDir, 'assets', 'app.js.map'), '{}');
  mkdirSync(join(root, 'renderer-evil'));
  writeFileSync(join(root, 'renderer-evil', 'index.html'), 'evil');
  writeFileSync(join(root, 'secret.txt'), 'secret');
});
afterEach(async () => {
  for (const outcome of running.splice(0)) {
    if (outcome.status !== 'running') continue;
    await outcome.sync?.stop();
    outcome.backend.close();
  }
  rmSync(root, { recursive: true, force: true });
});

async function start(electron: ElectronStandIn, env: Record<string, string> = {}): Promise<StartOutcome> {
  const outcome = await startPortsideApp(electron, {
    rendererDir,
    preloadFile: join(root, 'preload.cjs'),
    env: { PORTSIDE_DATA_DIR: dataDir, ...env },
    platform: 'linux',
  });
  running.push(outcome);
  return outcome;
}

async function startRunning(): Promise<{ electron: ElectronStandIn; window: WindowStandIn }> {
  const electron = electronStandIn({ userData: dataDir });
  const outcome = await start(electron);
  if (outcome.status !== 'running') throw new Error(`did not start: ${JSON.stringify(outcome)}`);
  const window = WindowStandIn.created[0];
  if (!window) throw new Error('no window');
  return { electron, window };
}

describe('single instance', () => {
  it('quits without a window and without opening the database when another Portside holds the lock', async () => {
    const electron = electronStandIn({ userData: dataDir, singleInstanceLock: false });
    expect(await start(electron)).toEqual({ status: 'second-instance' });
    expect(electron.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(WindowStandIn.created).toHaveLength(0);
    expect(() => readdirSync(dataDir)).toThrow(); // the data folder was never even created
  });
});

describe('the window and its renderer', () => {
  it('denies every permission request and check, notifications included', async () => {
    const { electron } = await startRunning();
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(electron.permissionRequest(permission)).toBe(false);
      expect(electron.permissionCheck(permission)).toBe(false);
    }
  });

  it('loads the renderer from portside://app and never navigates to another origin', async () => {
    const { window } = await startRunning();
    expect(window.loadedUrl).toBe('portside://app/index.html');
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.webContents.navigate('portside://app/index.html#/orders').prevented).toBe(false);
    for (const url of [
      'https://evil.example/',
      'portside://app.evil/index.html',
      'portside://evil/index.html',
      'portside://app@evil/index.html',
      'portside://app:8080/index.html',
      `file://${rendererDir}/index.html`,
      `file://${rendererDir}-evil/index.html`,
      'javascript:alert(1)',
    ]) {
      expect(window.webContents.navigate(url).prevented, url).toBe(true);
      expect(window.webContents.navigate(url, 'will-redirect').prevented, url).toBe(true);
    }
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('answers IPC calls only from the renderer origin, compared exactly', async () => {
    const { electron } = await startRunning();
    const handler = electron.ipcHandlers.get(IPC_CALL);
    if (!handler) throw new Error('no IPC handler');
    const invoke = async (url: string): Promise<IpcReply> => (await handler({ senderFrame: { url } }, 'system.info', {}, null)) as IpcReply;
    expect(await invoke('portside://app/index.html')).toMatchObject({ ok: true, value: { name: 'Portside' } });
    for (const url of [
      'portside://app.evil/index.html',
      'portside://evil/',
      'https://app/index.html',
      `file://${rendererDir}/index.html`,
      `file://${rendererDir}-evil/index.html`,
    ]) {
      expect(await invoke(url), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('serves only files inside the renderer folder through portside://, with the CSP on the page', async () => {
    const { electron } = await startRunning();
    expect(electron.privilegedSchemes).toEqual(['portside']);
    const handle = electron.protocolHandlers.get('portside');
    if (!handle) throw new Error('no protocol handler');
    const get = (url: string): Promise<Response> => handle(new Request(url));
    const page = await get('portside://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Portside</title>');
    expect((await get('portside://app/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of [
      'portside://app/..%2Fsecret.txt',
      'portside://app/%2e%2e%2fsecret.txt',
      'portside://app/assets/..%2F..%2Fsecret.txt',
      'portside://app/..%5Csecret.txt',
      'portside://app/..%2Frenderer-evil/index.html',
      'portside://app/%00index.html',
      'portside://evil/index.html',
      'portside://app/assets/app.js.map',
      'portside://app/missing.js',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('closes the database when the app quits', async () => {
    const { electron } = await startRunning();
    const outcome = running[0];
    if (outcome?.status !== 'running') throw new Error('not running');
    electron.appListeners.get('will-quit')?.();
    expect(outcome.backend.db.open).toBe(false);
    running.length = 0;
  });
});

describe('notifications in the window and on the desktop', () => {
  const push = (recipientId: string) => ({
    entity: 'notification' as const,
    id: 'n-1',
    cause: 'notifications.notify',
    recipientId,
    notification: {
      id: 'n-1',
      orderId: 'o-1',
      eventType: 'stage' as const,
      title: 'PS-1: 10 vehicles advanced',
      body: '',
      count: 10,
      desktop: true,
    },
  });

  it('sends a notification only to the window signed in as its recipient; a click on the desktop one opens the order', async () => {
    const { electron, window } = await startRunning();
    electron.supportNotifications();
    window.focused = false;
    const outcome = running.at(-1);
    if (outcome?.status !== 'running') throw new Error('not running');
    const { auth } = outcome.backend.services;
    const me = auth.createUser({ username: 'wren', displayName: 'Wren Window', password: 'correct horse battery staple', roles: ['CSR'] });
    const handler = electron.ipcHandlers.get(IPC_CALL);
    if (!handler) throw new Error('no IPC handler');
    const from = { senderFrame: { url: 'portside://app/index.html' } };
    const sent = (): unknown[] => window.webContents.sent.filter((m) => m.channel === IPC_CHANGE).map((m) => m.args[0]);

    // Nobody signed in: addressed events stay out of the window.
    outcome.backend.services.events.emit([push(me.id)]);
    expect(sent()).toEqual([]);
    const login = (await handler(from, 'auth.login', { username: 'wren', password: 'correct horse battery staple' }, null)) as IpcReply;
    expect(login.ok).toBe(true);
    outcome.backend.services.events.emit([push('someone-else'), push(me.id)]);
    expect(sent()).toEqual([expect.objectContaining({ recipientId: me.id })]);
    expect(electron.notificationsShown.map((n) => n.title)).toEqual(['PS-1: 10 vehicles advanced']);
    electron.notificationsShown[0]?.click();
    expect(sent().at(-1)).toMatchObject({ cause: 'notifications.open', notification: { orderId: 'o-1' } });
  });
});

describe('a start that fails says why in a dialog, then quits non-zero', () => {
  async function failedStart(dialogResponse = 0): Promise<{ electron: ElectronStandIn; detail: string }> {
    const electron = electronStandIn({ userData: dataDir, dialogResponse });
    const outcome = await start(electron);
    expect(outcome.status).toBe('failed');
    expect(electron.exitCodes).toEqual([1]);
    expect(WindowStandIn.created).toHaveLength(0);
    expect(electron.dialogs).toHaveLength(1);
    const dialog = electron.dialogs[0];
    expect(dialog).toMatchObject({ type: 'error', title: START_FAILED_TITLE, buttons: ['Quit', 'Open data folder'], cancelId: 0 });
    return { electron, detail: dialog?.detail ?? '' };
  }

  it('on a bad configuration file', async () => {
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'portside.config.json'), '{ port: 80 ');
    const { detail } = await failedStart();
    expect(detail).toContain(`${join(dataDir, 'portside.config.json')} is not a valid JSON object`);
  });

  it('on a database written by a newer Portside', async () => {
    mkdirSync(dataDir);
    const db = new Database(join(dataDir, 'portside.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const { detail } = await failedStart();
    expect(detail).toContain('This database was written by a newer Portside (schema 999');
  });

  it('on a damaged database', async () => {
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'portside.sqlite'), Buffer.alloc(8192, 7));
    const { detail } = await failedStart();
    expect(detail).toContain(`The database file ${join(dataDir, 'portside.sqlite')} is damaged`);
  });

  it('on a data folder another Portside is using, offering to open that folder', async () => {
    mkdirSync(dataDir);
    const other = lockDataFolder(dataDir);
    try {
      const { electron, detail } = await failedStart(1);
      expect(detail).toContain(`Another Portside is already using the data folder ${dataDir}.`);
      expect(electron.openedPaths).toEqual([dataDir]);
    } finally {
      other.release();
    }
  });
});

describe('cloud sync in the main process', () => {
  // Nothing listens on port 9 (discard): every pass fails fast as offline, which is all these specs need.
  const CLOUD = { PORTSIDE_TABLE: 'portside-test', PORTSIDE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1' };

  it('runs the sync loop when a table is configured, and lets its pass finish before quitting', async () => {
    const electron = electronStandIn({ userData: dataDir });
    const outcome = await start(electron, CLOUD);
    if (outcome.status !== 'running' || !outcome.sync) throw new Error(`no sync loop: ${JSON.stringify(outcome.status)}`);
    await outcome.sync.started;
    const beforeQuit = electron.appListeners.get('before-quit');
    if (!beforeQuit) throw new Error('no before-quit listener');
    let prevented = false;
    beforeQuit({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitUntil(() => electron.calls.includes('quit'));
    // The second quit goes through: the loop has stopped.
    prevented = false;
    beforeQuit({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
    expect(outcome.sync.engine.busy).toBe(false);
  });

  it('sends changes applied by sync to the window, like local ones, so open screens show remote edits', async () => {
    const electron = electronStandIn({ userData: dataDir });
    const outcome = await start(electron, CLOUD);
    if (outcome.status !== 'running') throw new Error('did not start');
    const window = WindowStandIn.created[0];
    outcome.backend.services.events.emit([
      { entity: 'order', id: 'o-1', cause: 'sync.pull', summary: 'PS-2026-00042 changed on another device' },
    ]);
    expect(window?.webContents.sent).toContainEqual({
      channel: IPC_CHANGE,
      args: [expect.objectContaining({ id: 'o-1', cause: 'sync.pull' })],
    });
  });

  it('runs no loop and holds no quit in local mode', async () => {
    const electron = electronStandIn({ userData: dataDir });
    const outcome = await start(electron);
    expect(outcome).toMatchObject({ status: 'running', sync: null });
    let prevented = false;
    electron.appListeners.get('before-quit')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });
});

describe('sign-in tokens at rest', () => {
  it('asks safeStorage after ready; without a keyring it keeps tokens in memory, writes no file and logs why', async () => {
    const electron = electronStandIn({ userData: dataDir, encryption: 'none' });
    const outcome = await start(electron);
    expect(outcome.status).toBe('running');
    expect(readFileSync(join(dataDir, 'portside.log'), 'utf8')).toMatch(/secrets: no keyring answers .*kept in memory only/);
    expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(false);
  });
});
