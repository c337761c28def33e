// Preload (sandboxed): exposes `window.portside`, the typed contract client over IPC and "Save as PDF", and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { OperationName } from '../core/api/contract';
import { IPC_CALL, IPC_CHANGE, IPC_SAVE_PDF, type IpcReply, type SavePdfReply } from '../core/api/ipc-channels';

const api = {
  /** Calls one contract operation; main validates the name, the token and the input. */
  invoke(name: OperationName, input: unknown, token: string | null): Promise<IpcReply> {
    return ipcRenderer.invoke(IPC_CALL, name, input, token) as Promise<IpcReply>;
  },
  /** Change notifications (the same events browser mode gets over SSE). Returns an unsubscribe. */
  onChange(listener: (event: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(IPC_CHANGE, handler);
    return () => ipcRenderer.off(IPC_CHANGE, handler);
  },
  /** Prints the window (print stylesheet) to a PDF the user saves; `fileName` is the suggested name. */
  savePdf(fileName: string): Promise<SavePdfReply> {
    return ipcRenderer.invoke(IPC_SAVE_PDF, fileName) as Promise<SavePdfReply>;
  },
  platform: process.platform,
};

export type PortsideBridge = typeof api;

contextBridge.exposeInMainWorld('portside', api satisfies PortsideBridge);
