// Turns an HTTP request into a contract call's input: JSON media type (415), size limit (413), safe parsing, own keys only.
import type { IncomingMessage } from 'node:http';
import secureJsonParse from 'secure-json-parse';
import { PortsideError } from '../../core/api/errors';

export const MAX_BODY_BYTES = 1_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function badRequest(message: string, fields?: Record<string, string>): PortsideError {
  return new PortsideError('VALIDATION', message, fields ? { fields } : {});
}

function tooLarge(): PortsideError {
  return new PortsideError(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${MAX_BODY_BYTES / 1_000_000} MB. Send less at once (shorter notes, fewer vehicles per call).`,
  );
}

/** Whether the request carries a body (a length above zero, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** `application/json`, with at most a UTF-8 charset (JSON is UTF-8, RFC 8259). */
function isJsonMediaType(value: string | undefined): boolean {
  if (!value) return false;
  const [essence, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  return essence === 'application/json' && params.every((param) => param === '' || /^charset="?utf-8"?$/.test(param));
}

/**
 * A body must say it is JSON: a cross-site form or `text/plain` fetch could otherwise reach the
 * API without the browser asking first (a "simple" request needs no CORS preflight).
 */
export function requireJsonMediaType(req: IncomingMessage): void {
  if (hasBody(req) && !isJsonMediaType(req.headers['content-type'])) {
    throw new PortsideError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the request body as JSON, with the header "Content-Type: application/json" (UTF-8).',
    );
  }
}

/**
 * Reads the body up to MAX_BODY_BYTES. Past the limit it stops storing, pauses the request and
 * throws PAYLOAD_TOO_LARGE; the caller answers with refuseOversizedBody, which drains the rest.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    // The client went away mid-body: nobody will read the answer, but the call must not run.
    const onClose = (): void => {
      stop();
      reject(badRequest('The request body was cut off before it ended. Send it again.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

/** The JSON object in a body (undefined when empty), refusing prototype keys where they are found. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = utf8.decode(raw).trim();
  } catch {
    throw badRequest('The request body is not valid UTF-8 text. Send JSON encoded as UTF-8.');
  }
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = secureJsonParse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw prototypeKeyError(text) ?? badRequest('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/**
 * secure-json-parse says only that a forbidden key exists; to name it, find it in plain JSON.parse
 * output (where `__proto__` is an ordinary own key and nothing is merged anywhere).
 */
function prototypeKeyError(text: string): PortsideError | null {
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    return null;
  }
  const path = forbiddenKeyPath(plain, []);
  if (!path) return null;
  const key = path.join('.');
  // fromEntries defines an own key even for "__proto__", where `fields[key] = ...` would set the prototype.
  return badRequest(
    `Remove "${key}" from the request: keys named __proto__, or constructor holding a prototype, are never accepted.`,
    Object.fromEntries([[key, 'This key is not allowed.']]),
  );
}

function forbiddenKeyPath(value: unknown, path: string[]): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === '__proto__') return [...path, key];
    if (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype')) {
      return [...path, key, 'prototype'];
    }
    const found = forbiddenKeyPath(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
