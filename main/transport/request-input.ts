// One input object from an HTTP request's query string, JSON body and path parameters, refusing whatever could be read two ways.
import { type FieldErrors, PortsideError } from '../../core/api/errors';

export interface RequestParts {
  /** GET and DELETE take their input from the query string; POST and PUT from the JSON body. */
  inputFrom: 'query' | 'body';
  /** `url.search`, e.g. "?status=Draft&limit=20" (raw, still percent-encoded). */
  search: string;
  /** The parsed JSON body (undefined when empty); only read when `inputFrom` is "body". */
  body: unknown;
  /** Path parameters in route order, still percent-encoded: [["id", "ab12"]]. */
  params: [string, string][];
  /** The request's path as sent, for messages. */
  pathname: string;
}

function refused(fields: FieldErrors): PortsideError {
  const first = Object.values(fields)[0] ?? 'The request is not valid.';
  return new PortsideError('VALIDATION', first, { fields });
}

/** A null-prototype map, so that a "__proto__" key is kept as the field name it is and refused by validation. */
function emptyFields(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of "__proto__" would set the prototype (or be ignored) instead of adding a field.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Strict percent-decoding: a bad escape or bytes that are not UTF-8 are refused (null), not turned into "\uFFFD". */
function decodeStrict(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** In a query string "+" stands for a space (HTML forms). */
const decodeQueryPart = (text: string): string | null => decodeStrict(text.replace(/\+/g, ' '));

/**
 * The query string as named fields. A field given twice is refused (which one would count is a
 * guess), as is text that is not valid percent-encoded UTF-8.
 */
function queryFields(search: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const problems = emptyFields();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const decodedKey = decodeQueryPart(rawKey);
    const key = decodedKey ?? rawKey;
    const value = decodeQueryPart(eq < 0 ? '' : part.slice(eq + 1));
    if (decodedKey === null || value === null) {
      problems[key] = `${key} is not valid text (a broken %-escape or bytes that are not UTF-8): retype it.`;
    } else if (Object.prototype.hasOwnProperty.call(input, key)) {
      problems[key] = `${key} is given more than once: send it once.`;
    } else {
      setOwn(input, key, value);
    }
  }
  if (Object.keys(problems).length > 0) throw refused(problems);
  return input;
}

/** The JSON body's members as own fields of a fresh object. */
function bodyFields(body: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (body === undefined) return input;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new PortsideError('VALIDATION', 'The request body must be a JSON object.');
  }
  for (const [key, value] of Object.entries(body)) setOwn(input, key, value);
  return input;
}

/**
 * Query (GET/DELETE) or JSON body (POST/PUT), then path parameters, as one input object. An
 * operation with a body takes no query parameters, and a path parameter sent again in the body
 * or query is refused: silently preferring one of the two would hide a caller's mistake.
 */
export function assembleInput(parts: RequestParts): Record<string, unknown> {
  const problems = emptyFields();
  let input: Record<string, unknown>;
  if (parts.inputFrom === 'query') {
    input = queryFields(parts.search);
  } else {
    input = bodyFields(parts.body);
    for (const key of Object.keys(queryFields(parts.search))) {
      problems[key] = `Unknown query parameter "${key}": this operation takes its input in the JSON body.`;
    }
  }
  for (const [param, raw] of parts.params) {
    const where = parts.inputFrom === 'query' ? 'query string' : 'body';
    if (Object.prototype.hasOwnProperty.call(input, param)) {
      problems[param] = `${param} comes from the address: do not send it again in the ${where}.`;
      continue;
    }
    const value = decodeStrict(raw);
    // A malformed %-escape is the caller's mistake (400), not a server failure (500).
    if (value === null) problems[param] = `The address ${parts.pathname} is not valid: check the ${param} in it.`;
    else setOwn(input, param, value);
  }
  if (Object.keys(problems).length > 0) throw refused(problems);
  return input;
}
