// The DynamoDB client the sync loop uses, from Portside's configuration: endpoint, region, default credential chain, short timeouts.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { dynamoDbRequestHandler } from './request-timeouts';

export interface DynamoClientSettings {
  /** PORTSIDE_DYNAMODB_ENDPOINT, e.g. http://127.0.0.1:8000 for DynamoDB Local; null = AWS itself. */
  endpoint: string | null;
  /** AWS_REGION; null = the SDK's own lookup (AWS_REGION, profile), or LOCAL_REGION for a local endpoint. */
  region: string | null;
  /** Cognito identity-pool credentials (main/app/aws-credentials.ts); absent = the SDK's default provider chain. */
  credentials?: DynamoDBClientConfig['credentials'];
}

/** DynamoDB Local ignores the region but the SDK insists on one. */
export const LOCAL_REGION = 'us-east-1';
/** A dead link must fail a pass in seconds, not hang it (the SDK waits forever by default). */
export const CONNECTION_TIMEOUT_MS = 3_000;
export const REQUEST_TIMEOUT_MS = 10_000;
/** One retry inside the SDK for a dropped socket; the loop does its own backoff with jitter. */
export const SDK_MAX_ATTEMPTS = 2;

/** Whether the endpoint is this machine (DynamoDB Local), where a default region is harmless. */
export function isLoopbackEndpoint(endpoint: string | null): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/**
 * Credentials come from the SDK's default provider chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
 * AWS_PROFILE and ~/.aws, SSO, an instance or container role). DynamoDB Local only checks that a
 * key is there: any letters-only pair works, e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local.
 */
export function createSyncDynamoClient(settings: DynamoClientSettings): DynamoDBClient {
  const region = settings.region ?? (isLoopbackEndpoint(settings.endpoint) ? LOCAL_REGION : null);
  return new DynamoDBClient({
    ...(region ? { region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    maxAttempts: SDK_MAX_ATTEMPTS,
    // throwOnRequestTimeout: without it the SDK's requestTimeout only logs a warning and a silent link hangs the pass.
    requestHandler: dynamoDbRequestHandler({ connectionMs: CONNECTION_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS }),
  });
}
