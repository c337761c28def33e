// Electron main process: one secure window on the bundled renderer, IPC to the same backend as browser mode.
import { app, BrowserWindow, ipcMain, Notification, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../../core/api/content-security-policy';
import { IPC_CHANGE } from '../../core/api/ipc-channels';
import { createBackend } from '../api/backend';
import { loadConfig } from '../config';
import { registerIpc } from '../transport/ipc';

if (!app.requestSingleInstanceLock()) app.quit();

const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');
const rendererRoot = pathToFileURL(join(__dirname, '..', 'renderer')).href;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Portside',
    backgroundColor: '#f8fafc',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation and new windows are blocked; external links open in the system browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererRoot)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  const config = loadConfig(process.env, { dataDir: process.env.PORTSIDE_DATA_DIR ?? app.getPath('userData') });
  const backend = createBackend({ ...config, demo: config.demo || !app.isPackaged });
  registerIpc(ipcMain, backend.dispatcher, (url) => url.startsWith(rendererRoot));
  backend.services.events.subscribe((event) => {
    mainWindow?.webContents.send(IPC_CHANGE, event);
    if (event.summary && Notification.isSupported() && !mainWindow?.isFocused()) {
      new Notification({ title: 'Portside', body: event.summary }).show();
    }
  });
  mainWindow = createWindow();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => backend.close());
}

void start();
