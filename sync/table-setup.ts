// Connecting to the configured DynamoDB table, and creating it at start (PORTSIDE_CREATE_TABLE=1) without ever holding up local work.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isLoopbackEndpoint, LOCAL_REGION } from './dynamo-client';
import { createTableIfMissing, type CreateTableOptions, type CreateTableResult, TableSetupError } from './table-schema';
import { dynamoDbRequestHandler } from './request-timeouts';

/** Where the table is: PORTSIDE_TABLE, AWS_REGION, PORTSIDE_DYNAMODB_ENDPOINT (null = AWS). */
export interface TableSettings {
  table: string;
  region: string | null;
  endpoint: string | null;
}

/**
 * A client on the default AWS credential chain (environment, shared files, SSO, instance role).
 * Timeouts are set because the SDK's default is to wait forever for an unreachable host.
 */
export function createDynamoDbClient(settings: Omit<TableSettings, 'table'>): DynamoDBClient {
  // DynamoDB Local ignores the region, but the SDK refuses to sign without one.
  const region = settings.region ?? (isLoopbackEndpoint(settings.endpoint) ? LOCAL_REGION : null);
  return new DynamoDBClient({
    ...(region ? { region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    requestHandler: dynamoDbRequestHandler(),
  });
}

/** A failure from the SDK or the table check, as one line a person can act on. */
export function describeTableError(error: unknown, settings: TableSettings): string {
  if (error instanceof TableSetupError) return error.message;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const where = settings.endpoint ?? `AWS (${settings.region ?? 'no region'})`;
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials were found (${message}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE; DynamoDB Local accepts any letters.`;
  }
  if (/region is missing/i.test(message)) return 'no AWS region is set: set AWS_REGION (e.g. eu-west-1).';
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') return `AWS refused the credentials (${message}).`;
  if (name === 'AccessDeniedException') return `these credentials may not create or describe table "${settings.table}" (${message}).`;
  if (name === 'ValidationException') return `DynamoDB refused the table name "${settings.table}" (${message}).`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|timed? ?out|TimeoutError/i.test(`${name} ${message}`)) {
    return `DynamoDB at ${where} could not be reached (${message}).`;
  }
  return `${name}: ${message}`;
}

export type TableStartOutcome = { status: 'ready'; created: boolean } | { status: 'failed'; message: string };

/**
 * PORTSIDE_CREATE_TABLE=1 at start: creates the table if missing. Never throws and never blocks:
 * the caller does not await it, and DynamoDB being unreachable only means working locally (the
 * sync engine tries again later); the outcome is logged either way.
 */
export async function prepareTableAtStart(
  settings: TableSettings,
  log: (message: string) => void,
  options: CreateTableOptions = {},
): Promise<TableStartOutcome> {
  let client: DynamoDBClient | null = null;
  try {
    client = createDynamoDbClient(settings);
    const result: CreateTableResult = await createTableIfMissing(client, settings.table, options);
    log(`DynamoDB table "${settings.table}" ${result.created ? 'created' : 'already exists'} and is ready.`);
    return { status: 'ready', created: result.created };
  } catch (error) {
    const message = describeTableError(error, settings);
    log(`DynamoDB table "${settings.table}" could not be prepared; working locally: ${message}`);
    return { status: 'failed', message };
  } finally {
    client?.destroy();
  }
}

/** The part of Portside's configuration that decides the start-time table creation. */
export interface TableStartConfig {
  createTable: boolean;
  table: string | null;
  region: string | null;
  dynamodbEndpoint: string | null;
}

/** Starts `prepareTableAtStart` when PORTSIDE_CREATE_TABLE=1 names a table; returns at once (null when there is nothing to do). */
export function prepareTableIfAsked(config: TableStartConfig, log: (message: string) => void): Promise<TableStartOutcome> | null {
  if (!config.createTable) return null;
  if (!config.table) {
    log('PORTSIDE_CREATE_TABLE=1 but no PORTSIDE_TABLE is set: there is no table to create; working locally.');
    return null;
  }
  return prepareTableAtStart({ table: config.table, region: config.region, endpoint: config.dynamodbEndpoint }, log);
}
