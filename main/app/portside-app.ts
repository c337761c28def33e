// Electron main process, without side effects at import: startPortsideApp(electron, options) does the work.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_CHANGE } from '../../core/api/ipc-channels';
import { type Backend, createBackend } from '../api/backend';
import { ConfigError, loadConfig } from '../config';
import { DatabaseOpenError } from '../db/database';
import { fileLogger } from '../log';
import { isVisibleTo } from '../services/change-events';
import { registerIpc } from '../transport/ipc';
import { prepareTableIfAsked } from '../../sync/table-setup';
import { type AnalyticsFolding, startAnalyticsFolding } from '../services/analytics-folding';
import { type EmailDelivery, startEmailDelivery } from '../services/email-delivery';
import { type CloudSync, dynamoClientFor, startCloudSync } from './cloud-sync';
import { LateIdTokenSource } from './aws-credentials';
import { safeStorageSecretStore } from './safe-storage-secrets';
import { showDesktopNotification } from './desktop-notifications';
import { registerSavePdf } from './save-pdf';
import type { ElectronSurface, WindowLike } from './electron-surface';
import { WindowSession } from './window-session';
import {
  createRendererProtocolHandler,
  isRendererUrl,
  RENDERER_ENTRY_URL,
  RENDERER_SCHEME,
  RENDERER_SCHEME_PRIVILEGES,
} from './renderer-protocol';

export interface StartOptions {
  /** dist/renderer: the only folder the portside:// protocol serves. */
  rendererDir: string;
  preloadFile: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export type StartOutcome =
  | { status: 'running'; backend: Backend; window: WindowLike; sync: CloudSync | null }
  /** Another Portside window owns this profile: it is focused, this process quits. */
  | { status: 'second-instance' }
  /** The start failed; the user saw why in a dialog and the app exited non-zero. */
  | { status: 'failed'; message: string };

export const START_FAILED_TITLE = 'Portside could not start';
/** In the data folder: the sign-in tokens, encrypted with safeStorage (main/app/safe-storage-secrets.ts). */
export const SECRETS_FILE = 'portside-secrets.bin';
const QUIT = 0;
const OPEN_DATA_FOLDER = 1;

export async function startPortsideApp(electron: ElectronSurface, options: StartOptions): Promise<StartOutcome> {
  const { app } = electron;
  const env = options.env ?? process.env;
  // Must happen before `ready`; harmless in a second instance that quits right after.
  electron.protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { ...RENDERER_SCHEME_PRIVILEGES } }]);
  if (!app.requestSingleInstanceLock()) {
    // The running instance gets 'second-instance' and focuses its window. No backend here:
    // opening the database would only race the running one.
    app.quit();
    return { status: 'second-instance' };
  }
  await app.whenReady();
  denyPermissions(electron);
  electron.protocol.handle(RENDERER_SCHEME, createRendererProtocolHandler(options.rendererDir));

  const dataDir = env.PORTSIDE_DATA_DIR ?? app.getPath('userData');
  let backend: Backend;
  let sync: CloudSync | null;
  let email: EmailDelivery | null;
  let analyticsFolding: AnalyticsFolding;
  try {
    const loaded = loadConfig(env, { dataDir });
    const config = { ...loaded, demo: loaded.demo || !app.isPackaged };
    // The log and the secrets file live in the data folder; a folder that cannot be made is createBackend's to report.
    try {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    } catch {
      // createBackend says what is wrong with the folder, and how to fix it.
    }
    const log = fileLogger(config.dataDir);
    // Identity-pool credentials need the online user's ID token, which the auth service (built with the backend) holds.
    const idToken = new LateIdTokenSource();
    const dynamoDb = dynamoClientFor(config, idToken.read);
    // Sign-in tokens encrypted by the OS keychain (after `ready`: Linux keyrings answer only then).
    const secrets = safeStorageSecretStore(electron.safeStorage, join(config.dataDir, SECRETS_FILE), {
      log,
      platform: options.platform ?? process.platform,
    });
    backend = createBackend(config, { ...(dynamoDb ? { dynamoDb } : {}), secrets });
    idToken.bind(backend.services.auth.idToken);
    // PORTSIDE_CREATE_TABLE=1: in the background; DynamoDB being unreachable must not delay or stop local work.
    const tablePrepared = prepareTableIfAsked(config, log);
    // In this process, as in server mode: a pass is async I/O plus a few small SQLite transactions (pages are
    // small), and the window renders in its own process; pulled changes reach it through services.events -> IPC.
    sync = startCloudSync(backend, config, {
      log,
      tablePrepared,
      idToken: idToken.read,
      ...(dynamoDb ? { client: dynamoDb, ownsClient: true } : {}),
    });
    // With SMTP configured: queued e-mails go out, failed ones are retried on a timer (also those left from the last run).
    email = startEmailDelivery(backend.services, config.smtp, { log });
    // Orders changed in bulk (an upgrade, a big pull) are folded into the analytics while idle.
    analyticsFolding = startAnalyticsFolding(backend.services.analytics, { log });
  } catch (error) {
    return failStart(electron, dataDir, error);
  }

  const windowSession = new WindowSession(backend.services.eventTickets);
  registerIpc(electron.ipcMain, windowSession.wrap(backend.dispatcher), isRendererUrl);
  let mainWindow = createWindow(electron, options.preloadFile);
  registerSavePdf({ electron, window: () => mainWindow, isTrustedUrl: isRendererUrl });
  backend.services.events.subscribe((event) => {
    // A notification goes only to the window signed in as its recipient.
    if (!isVisibleTo(event, windowSession.user()?.id ?? null)) return;
    mainWindow.webContents.send(IPC_CHANGE, event);
    showDesktopNotification(electron, mainWindow, event);
  });
  app.on('second-instance', () => {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (electron.BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(electron, options.preloadFile);
  });
  app.on('window-all-closed', () => {
    if ((options.platform ?? process.platform) !== 'darwin') app.quit();
  });
  let syncStopped = sync === null && email === null;
  app.on('before-quit', (event) => {
    if (syncStopped) return;
    // Let the running passes finish (change sets marked pushed, a sent e-mail recorded) before the database closes.
    event.preventDefault();
    void Promise.allSettled([sync?.stop(), email?.stop()]).finally(() => {
      syncStopped = true;
      app.quit();
    });
  });
  app.on('will-quit', () => {
    analyticsFolding.stop();
    backend.close();
  });
  return { status: 'running', backend, window: mainWindow, sync };
}

/**
 * The renderer needs no browser permission: notifications come from the main process
 * (Electron's Notification, which no permission handler governs), and there is no camera,
 * location or clipboard-read feature. Every request and check is refused.
 */
function denyPermissions(electron: ElectronSurface): void {
  const { defaultSession } = electron.session;
  defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(electron: ElectronSurface, preloadFile: string): WindowLike {
  const win = new electron.BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Portside',
    backgroundColor: '#f8fafc',
    show: false,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The window never leaves its own origin; external links open in the system browser.
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isRendererUrl(url)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayHome);
  win.webContents.on('will-redirect', stayHome);
  win.webContents.setWindowOpenHandler(({ url }) => {
    // mailto: opens a drafted e-mail in the CSR's mail app (Activity tab, "Open in mail app").
    if (url.startsWith('https://') || url.startsWith('mailto:')) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(RENDERER_ENTRY_URL);
  return win;
}

/** What went wrong, for a person: typed start errors carry their own message and fix. */
export function startErrorMessage(error: unknown, dataDir: string): string {
  if (error instanceof DatabaseOpenError || error instanceof ConfigError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Portside could not open its data in ${dataDir} (${detail}). Check the folder, or set PORTSIDE_DATA_DIR to another one.`;
}

/** Never no window and a silent exit: say why, offer the data folder, then exit non-zero. */
async function failStart(electron: ElectronSurface, dataDir: string, error: unknown): Promise<StartOutcome> {
  const message = startErrorMessage(error, dataDir);
  try {
    const { response } = await electron.dialog.showMessageBox({
      type: 'error',
      title: START_FAILED_TITLE,
      message: START_FAILED_TITLE,
      detail: message,
      buttons: ['Quit', 'Open data folder'],
      defaultId: QUIT,
      cancelId: QUIT,
      noLink: true,
    });
    if (response === OPEN_DATA_FOLDER) await electron.shell.openPath(dataDir);
  } catch {
    electron.dialog.showErrorBox(START_FAILED_TITLE, message);
  }
  electron.app.exit(1);
  return { status: 'failed', message };
}
