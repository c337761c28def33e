// "Save as PDF" (Electron): prints the window with its print stylesheet through printToPDF and writes the file where the user chooses.
import { writeFile as fsWriteFile } from 'node:fs/promises';
import { IPC_SAVE_PDF, type SavePdfReply } from '../../core/api/ipc-channels';
import type { IpcInvokeEventLike } from '../transport/ipc';
import type { ElectronSurface, WindowLike } from './electron-surface';

/** A suggested file name the renderer may ask for: plain, ending in .pdf, no folders (the user picks the folder). */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,100}\.pdf$/;

export interface SavePdfDeps {
  electron: Pick<ElectronSurface, 'ipcMain' | 'dialog'>;
  /** The window to print: the one the request came from. */
  window: () => WindowLike;
  /** Whether the calling frame is our renderer (as for contract calls). */
  isTrustedUrl: (url: string) => boolean;
  writeFile?: (path: string, data: Uint8Array) => Promise<void>;
}

/** Registers the channel; returns its removal. */
export function registerSavePdf(deps: SavePdfDeps): () => void {
  const { ipcMain } = deps.electron;
  ipcMain.handle(IPC_SAVE_PDF, (event, fileName) => savePdf(deps, event, fileName));
  return () => ipcMain.removeHandler(IPC_SAVE_PDF);
}

export async function savePdf(deps: SavePdfDeps, event: IpcInvokeEventLike, fileName: unknown): Promise<SavePdfReply> {
  if (!deps.isTrustedUrl(event.senderFrame?.url ?? '')) return { saved: false, error: 'This window is not allowed to save files.' };
  const suggested = typeof fileName === 'string' && FILE_NAME.test(fileName) ? fileName : 'portside-report.pdf';
  const win = deps.window();
  const choice = await deps.electron.dialog.showSaveDialog({
    title: 'Save as PDF',
    defaultPath: suggested,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    // A4 with the stylesheet's @page margins; backgrounds on, so the report's rules and heat cells print.
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await (deps.writeFile ?? fsWriteFile)(choice.filePath, pdf);
    return { saved: true, path: choice.filePath };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { saved: false, error: `The PDF could not be saved to ${choice.filePath} (${detail}). Choose another folder and try again.` };
  }
}
