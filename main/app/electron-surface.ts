// The slice of Electron's main-process API Portside uses, as types: the real module satisfies it, tests pass stand-ins.
import type { IpcMainLike } from '../transport/ipc';
import type { SafeStorageLike } from './safe-storage-secrets';

export interface NavigationEventLike {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEventLike, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>;
}

export interface WindowLike {
  readonly webContents: WebContentsLike;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  isFocused(): boolean;
}

export interface WindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  title?: string;
  backgroundColor?: string;
  show?: boolean;
  webPreferences?: {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    webSecurity?: boolean;
    spellcheck?: boolean;
  };
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: NavigationEventLike) => void): unknown;
}

export interface MessageBoxOptionsLike {
  type: 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export interface ElectronSurface {
  app: AppLike;
  BrowserWindow: { new (options: WindowOptions): WindowLike; getAllWindows(): readonly unknown[] };
  dialog: {
    showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
    showErrorBox(title: string, content: string): void;
    showSaveDialog(options: {
      title: string;
      defaultPath: string;
      filters: { name: string; extensions: string[] }[];
    }): Promise<{ canceled: boolean; filePath?: string }>;
  };
  ipcMain: IpcMainLike;
  Notification: {
    new (options: { title: string; body: string }): { show(): void; on(event: 'click', listener: () => void): unknown };
    isSupported(): boolean;
  };
  protocol: {
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean } }[],
    ): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
      setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
    };
  };
  shell: {
    openExternal(url: string): Promise<void>;
    openPath(path: string): Promise<string>;
  };
  /** Encrypts the stored sign-in tokens (main/app/safe-storage-secrets.ts). */
  safeStorage: SafeStorageLike;
}
