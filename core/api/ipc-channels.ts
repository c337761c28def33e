// IPC channel names and the reply envelope shared by preload, main and the renderer client.
import type { ErrorBody } from './errors';

export const IPC_CALL = 'portside:call';
export const IPC_CHANGE = 'portside:change';

/** Errors cross IPC as data: Electron would flatten a thrown error into a bare message. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ErrorBody };

/** Electron only: main prints the window to PDF (print stylesheet) and saves it where the user chooses. */
export const IPC_SAVE_PDF = 'portside:save-pdf';

/** What "Save as PDF" did: saved to `path`, cancelled (no error), or failed (`error` says why, for a person). */
export type SavePdfReply = { saved: true; path: string } | { saved: false; error?: string };
