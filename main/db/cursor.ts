// Opaque keyset-pagination cursors: the sort key and id of the last row of a page.
import { PortsideError } from '../../core/api/errors';

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { sortKey: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new PortsideError('VALIDATION', 'The page cursor is not valid: reload the list from the start.', {
    fields: { cursor: 'Not a cursor returned by this list.' },
  });
}

/** Escapes LIKE wildcards in user text (used with ESCAPE '\\'). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
