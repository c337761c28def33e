// Electron IPC transport: one handler for every contract operation, sender checked.
import { isOperationName } from '../../core/api/contract';
import { PortsideError } from '../../core/api/errors';
import { IPC_CALL, type IpcReply } from '../../core/api/ipc-channels';
import type { Dispatcher } from '../api/handlers';

/** The slice of Electron's ipcMain this transport needs (so this layer does not import Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

/**
 * Registers the call channel. `isTrustedUrl` decides whether the calling frame is our own
 * renderer (file:// of the app bundle); anything else gets FORBIDDEN.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatcher: Dispatcher, isTrustedUrl: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_CALL, async (event, name, input, token): Promise<IpcReply> => {
    try {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) throw new PortsideError('FORBIDDEN', 'This window is not allowed to call Portside.');
      if (!isOperationName(name)) throw new PortsideError('NOT_FOUND', `Unknown operation ${String(name)}.`);
      // Every IPC caller is this app's own window: one client for the sign-in throttle.
      const value = await dispatcher.call(name, input, typeof token === 'string' ? token : null, { client: 'ipc' });
      return { ok: true, value };
    } catch (error) {
      const e = error instanceof PortsideError ? error : new PortsideError('INTERNAL', 'Something went wrong on our side. Try again.');
      return { ok: false, error: e.toBody() };
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL);
}
