// The one error type every layer throws and every transport serialises.

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database stayed locked by another write past the busy timeout: nothing was saved, retry. */
  BUSY: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field path (e.g. "vehicles.2.price") -> message for a person. */
export type FieldErrors = Record<string, string>;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** For CONFLICT: the current record, so the client can show or merge it. */
  current?: unknown;
  /** For RATE_LIMITED: whole seconds to wait before trying again (HTTP also sends it as Retry-After). */
  retryAfterSeconds?: number;
  /** For a CONFLICT over a likely duplicate customer: the matches and why ([{customer, reasons}]). */
  duplicates?: unknown;
}

type ErrorExtra = { fields?: FieldErrors; current?: unknown; retryAfterSeconds?: number; duplicates?: unknown };

export class PortsideError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly current: unknown;
  readonly retryAfterSeconds: number | undefined;
  readonly duplicates: unknown;

  constructor(code: ErrorCode, message: string, extra: ErrorExtra = {}) {
    super(message);
    this.name = 'PortsideError';
    this.code = code;
    this.fields = extra.fields;
    this.current = extra.current;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.duplicates = extra.duplicates;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.current !== undefined) body.current = this.current;
    if (this.retryAfterSeconds !== undefined) body.retryAfterSeconds = this.retryAfterSeconds;
    if (this.duplicates !== undefined) body.duplicates = this.duplicates;
    return body;
  }

  static fromBody(body: ErrorBody): PortsideError {
    const extra: ErrorExtra = {};
    if (body.fields) extra.fields = body.fields;
    if (body.current !== undefined) extra.current = body.current;
    if (typeof body.retryAfterSeconds === 'number') extra.retryAfterSeconds = body.retryAfterSeconds;
    if (body.duplicates !== undefined) extra.duplicates = body.duplicates;
    return new PortsideError(body.code, body.message, extra);
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code in ERROR_STATUS &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export const notFound = (what: string): PortsideError =>
  new PortsideError('NOT_FOUND', `${what} was not found. It may have been deleted; refresh the list.`);
export const ruleViolation = (message: string): PortsideError => new PortsideError('RULE_VIOLATION', message);
