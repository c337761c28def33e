// How the HTTP transport answers: JSON bodies, the one error shape, and the lingering close after a 413.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PortsideError } from '../../core/api/errors';

/** After refusing an oversized body, keep reading (and dropping) at most this much, for at most this long. */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 5_000;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: PortsideError, headers: Record<string, string> = {}): void {
  // BUSY is the one error a client should simply retry; Retry-After says when.
  const retryAfter = error.retryAfterSeconds ?? (error.code === 'BUSY' ? 1 : undefined);
  const retry: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  sendJson(res, error.status, error.toBody(), { ...retry, ...headers });
}

export function internalError(): PortsideError {
  return new PortsideError('INTERNAL', 'Something went wrong on our side. Try again.');
}

/**
 * Answers 413 and closes the connection without losing the answer. Closing a socket that still
 * has unread bytes makes the kernel send a reset, and the client then drops our 413 unread (and a
 * keep-alive client stalls on the dead connection). So: send the whole answer now with
 * `connection: close`, keep draining what the client is still sending, without storing it, and end
 * the response (Node then closes the socket) once the request is over. A client that keeps
 * sending past LINGER_BYTES or LINGER_MS is cut off.
 */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse, error: PortsideError): void {
  const text = JSON.stringify(error.toBody());
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(text)),
    connection: 'close',
  });
  res.write(text);
  let drained = 0;
  const finish = (cutOff: boolean): void => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    res.end();
    if (cutOff) req.socket.destroy();
  };
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) finish(true);
  };
  const onEnd = (): void => finish(false);
  const timer = setTimeout(() => finish(true), LINGER_MS);
  timer.unref();
  if (req.readableEnded) {
    finish(false);
    return;
  }
  req.on('data', onData);
  req.once('end', onEnd);
  req.resume();
}
