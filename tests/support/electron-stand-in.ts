// Test support: a stand-in for the slice of Electron startPortsideApp uses (Electron itself cannot run here), recording what the app did.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type {
  AppLike,
  ElectronSurface,
  MessageBoxOptionsLike,
  NavigationEventLike,
  WebContentsLike,
  WindowLike,
  WindowOptions,
} from '../../main/app/electron-surface';
import type { SafeStorageLike } from '../../main/app/safe-storage-secrets';
import type { IpcInvokeEventLike, IpcMainLike } from '../../main/transport/ipc';

type Listener = (...args: never[]) => unknown;
type IpcListener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class WebContentsStandIn implements WebContentsLike {
  readonly listeners = new Map<string, Listener>();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** What printToPDF was asked for; the "PDF" is a few marker bytes. */
  readonly printed: unknown[] = [];
  printToPDF(options: unknown): Promise<Uint8Array> {
    this.printed.push(options);
    return Promise.resolve(new TextEncoder().encode('%PDF-1.7 stand-in'));
  }
  /** Emits will-navigate (or will-redirect) and tells whether the app prevented it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): { prevented: boolean } {
    let prevented = false;
    const navigation: NavigationEventLike = { preventDefault: () => (prevented = true) };
    const listener = this.listeners.get(event) as ((e: NavigationEventLike, url: string) => void) | undefined;
    if (!listener) throw new Error(`no ${event} listener`);
    listener(navigation, url);
    return { prevented };
  }
}

export class WindowStandIn implements WindowLike {
  static readonly created: WindowStandIn[] = [];
  readonly webContents = new WebContentsStandIn();
  loadedUrl: string | null = null;
  constructor(readonly options: WindowOptions) {
    WindowStandIn.created.push(this);
  }
  static getAllWindows(): readonly unknown[] {
    return WindowStandIn.created;
  }
  once(): this {
    return this;
  }
  show(): void {}
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  /** Whether the window is in front (tests put it behind to see desktop notifications). */
  focused = true;
  isFocused(): boolean {
    return this.focused;
  }
}

export interface SafeStorageStandInOptions {
  /** 'keyring': encryption works; 'none': isEncryptionAvailable() is false; 'basic_text': Linux without a keyring. */
  encryption?: 'keyring' | 'none' | 'basic_text';
}

/**
 * safeStorage as the OS keychain backs it: AES-256-GCM under a key only this stand-in holds (a new
 * key = another OS user or a reset keyring), so a tampered or foreign blob fails to decrypt.
 */
export function safeStorageStandIn(options: SafeStorageStandInOptions = {}): SafeStorageLike & { readonly calls: string[] } {
  const key = randomBytes(32);
  const calls: string[] = [];
  const encryption = options.encryption ?? 'keyring';
  return {
    calls,
    isEncryptionAvailable: () => encryption !== 'none',
    getSelectedStorageBackend: () => (encryption === 'keyring' ? 'gnome_libsecret' : 'basic_text'),
    encryptString(plainText) {
      calls.push('encryptString');
      if (encryption === 'none') throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      calls.push('decryptString');
      if (encryption === 'none') throw new Error('Decryption is not available.');
      if (encrypted.subarray(0, 3).toString() !== 'v10' || encrypted.length < 31)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}

export interface StandInOptions {
  singleInstanceLock?: boolean;
  userData: string;
  /** The button the start-error dialog answers with (0 Quit, 1 Open data folder). */
  dialogResponse?: number;
  /** Where the save dialog says to save ("Save as PDF"); without it the user cancels. */
  savePath?: string;
  /** The keyring the stand-in's safeStorage has (default: one that works). */
  encryption?: SafeStorageStandInOptions['encryption'];
}

export interface ElectronStandIn extends ElectronSurface {
  readonly calls: string[];
  readonly dialogs: MessageBoxOptionsLike[];
  readonly openedPaths: string[];
  readonly exitCodes: number[];
  /** Listeners by event; call with no argument, or with a quit event for `before-quit`. */
  readonly appListeners: Map<string, (event?: NavigationEventLike) => void>;
  readonly ipcHandlers: Map<string, IpcListener>;
  readonly protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  readonly privilegedSchemes: string[];
  /** Desktop notifications shown (the stand-in supports them once `supportNotifications()` is called). */
  readonly notificationsShown: { title: string; body: string; click(): void }[];
  supportNotifications(): void;
  permissionRequest(permission: string): boolean;
  permissionCheck(permission: string): boolean;
}

export function electronStandIn(options: StandInOptions): ElectronStandIn {
  WindowStandIn.created.length = 0;
  const calls: string[] = [];
  const dialogs: MessageBoxOptionsLike[] = [];
  const openedPaths: string[] = [];
  const exitCodes: number[] = [];
  const appListeners = new Map<string, (event?: NavigationEventLike) => void>();
  const ipcHandlers = new Map<string, IpcListener>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const privilegedSchemes: string[] = [];
  let requestHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  let checkHandler: ((webContents: unknown, permission: string) => boolean) | null = null;

  const app: AppLike = {
    isPackaged: true,
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    },
    whenReady: () => {
      calls.push('whenReady');
      return Promise.resolve();
    },
    getPath: () => options.userData,
    quit: () => calls.push('quit'),
    exit: (code = 0) => {
      calls.push(`exit ${code}`);
      exitCodes.push(code);
    },
    on: (event: string, listener: (event: NavigationEventLike) => void) =>
      appListeners.set(event, (e) => listener(e ?? { preventDefault: () => undefined })),
  };
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => ipcHandlers.set(channel, listener),
    removeHandler: (channel) => ipcHandlers.delete(channel),
  };
  class NotificationStandIn {
    /** Every notification shown, with a way to click it. */
    static readonly shown: { title: string; body: string; click(): void }[] = [];
    static supported = false;
    private readonly clicks: (() => void)[] = [];
    constructor(private readonly options: { title: string; body: string }) {}
    static isSupported(): boolean {
      return NotificationStandIn.supported;
    }
    on(_event: 'click', listener: () => void): void {
      this.clicks.push(listener);
    }
    show(): void {
      NotificationStandIn.shown.push({ ...this.options, click: () => this.clicks.forEach((l) => l()) });
    }
  }
  return {
    calls,
    dialogs,
    openedPaths,
    exitCodes,
    appListeners,
    ipcHandlers,
    protocolHandlers,
    privilegedSchemes,
    app,
    BrowserWindow: WindowStandIn,
    dialog: {
      showMessageBox: (box) => {
        dialogs.push(box);
        return Promise.resolve({ response: options.dialogResponse ?? 0 });
      },
      showSaveDialog: (saveOptions) => {
        calls.push(`showSaveDialog ${saveOptions.defaultPath}`);
        return Promise.resolve(options.savePath ? { canceled: false, filePath: options.savePath } : { canceled: true });
      },
      showErrorBox: (title, content) =>
        dialogs.push({ type: 'error', title, message: title, detail: content, buttons: [], defaultId: 0, cancelId: 0, noLink: true }),
    },
    ipcMain,
    Notification: NotificationStandIn,
    notificationsShown: NotificationStandIn.shown,
    supportNotifications: () => {
      NotificationStandIn.supported = true;
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) => privilegedSchemes.push(...schemes.map((s) => s.scheme)),
      handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => (requestHandler = handler),
        setPermissionCheckHandler: (handler) => (checkHandler = handler),
      },
    },
    safeStorage: safeStorageStandIn({ encryption: options.encryption ?? 'keyring' }),
    shell: {
      openExternal: () => Promise.resolve(),
      openPath: (path) => {
        openedPaths.push(path);
        return Promise.resolve('');
      },
    },
    permissionRequest(permission) {
      if (!requestHandler) throw new Error('no permission request handler');
      let granted: boolean | null = null;
      requestHandler({}, permission, (answer) => (granted = answer));
      if (granted === null) throw new Error('the handler never answered');
      return granted;
    },
    permissionCheck(permission) {
      if (!checkHandler) throw new Error('no permission check handler');
      return checkHandler({}, permission);
    },
  };
}
