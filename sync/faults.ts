// What a failed sync call means for the loop: no answer (offline), a busy or failing table (retry later), or a refusal a person must fix.

/** `offline`: nothing answered; `busy`: the table answered but throttled or failed (5xx); `refused`: credentials, table or request wrong. */
export type FaultKind = 'offline' | 'busy' | 'refused';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const NETWORK_CODES =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EPIPE|ECONNABORTED|socket hang up/i;
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'AbortError', 'NetworkingError']);
const BUSY_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

/** Set up wrong on this device: no credentials, no region. Retrying will not help until a person fixes it. */
const SETUP_NAMES = new Set(['CredentialsProviderError', 'ConfigError']);

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

export function classifyFault(error: unknown): FaultKind {
  // The SDK wraps socket errors; walk the causes (bounded: a cause chain could loop).
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const e = asErrorLike(current);
    const name = typeof e.name === 'string' ? e.name : '';
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (SETUP_NAMES.has(name) || /region is missing/i.test(message)) return 'refused';
    if (TIMEOUT_NAMES.has(name) || NETWORK_CODES.test(code) || NETWORK_CODES.test(message) || /timed? ?out/i.test(message))
      return 'offline';
    const status = e.$metadata?.httpStatusCode;
    if (BUSY_NAMES.has(name) || (typeof status === 'number' && status >= 500)) return 'busy';
    current = e.cause;
  }
  const e = asErrorLike(error);
  // No HTTP status at all: the request never got an answer (a proxy dropping the connection, a DNS failure).
  return e.$metadata?.httpStatusCode === undefined && !(typeof e.name === 'string' && /Exception$/.test(e.name)) ? 'offline' : 'refused';
}

/** The error's own text, e.g. "ThrottlingException: Rate exceeded". */
function detailOf(error: unknown): string {
  const e = asErrorLike(error);
  const name = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${typeof e.message === 'string' ? e.message : String(error)}`;
}

/**
 * One line for a person: what failed and what it means. A step that wraps the SDK's error (with
 * `cause`) adds what waits because of it, e.g. "The demo data waits until the table answers".
 */
export function describeFault(error: unknown): string {
  const context: string[] = [];
  let innermost: unknown = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const cause = asErrorLike(innermost).cause;
    if (cause === undefined || cause === null) break;
    context.push(detailOf(innermost));
    innermost = cause;
  }
  const detail = detailOf(innermost);
  const also = context.length > 0 ? ` ${context.join(' ')}` : '';
  switch (classifyFault(error)) {
    case 'offline':
      return `Offline: DynamoDB could not be reached (${detail}).${also} Changes are kept and sent when the connection is back.`;
    case 'busy':
      return `DynamoDB is busy (${detail}).${also} Sync retries shortly.`;
    default:
      return `DynamoDB refused the sync (${detail}).${also} Check the table name, region and credentials.`;
  }
}
