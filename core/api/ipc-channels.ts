// IPC channel names and the reply envelope shared by preload, main and the renderer client.
import type { ErrorBody } from './errors';

export const IPC_CALL = 'portside:call';
export const IPC_CHANGE = 'portside:change';

/** Errors cross IPC as data: Electron would flatten a thrown error into a bare message. */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ErrorBody };
