// How long a DynamoDB call may take before it fails: the SDK handler settings every Portside client must use.

export interface RequestTimeouts {
  connectionMs: number;
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: RequestTimeouts = { connectionMs: 5_000, requestMs: 15_000 };

/**
 * The SDK's HTTP handler settings: give up on a connection or a call that takes too long. The SDK's
 * default is to wait forever, and its requestTimeout alone only logs a warning
 * (@smithy/node-http-handler 4.x): without throwOnRequestTimeout a call DynamoDB never answers
 * would hold the sync loop for good.
 */
export function dynamoDbRequestHandler(timeouts: RequestTimeouts = DEFAULT_TIMEOUTS): {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: true;
} {
  return { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true };
}
