// The sync loop's DynamoDB client from configuration: a region for local endpoints, short timeouts, few SDK retries.
import { describe, expect, it } from 'vitest';
import { createSyncDynamoClient, isLoopbackEndpoint, LOCAL_REGION, SDK_MAX_ATTEMPTS } from '../../sync/dynamo-client';
import { createDynamoDbClient } from '../../sync/table-setup';

describe('the sync DynamoDB client', () => {
  it('takes a default region only for an endpoint on this computer (DynamoDB Local)', async () => {
    expect(isLoopbackEndpoint('http://127.0.0.1:8000')).toBe(true);
    expect(isLoopbackEndpoint('http://localhost:8000')).toBe(true);
    expect(isLoopbackEndpoint('https://dynamodb.eu-west-1.amazonaws.com')).toBe(false);
    expect(isLoopbackEndpoint('not a url')).toBe(false);
    const local = createSyncDynamoClient({ endpoint: 'http://127.0.0.1:8000', region: null });
    const explicit = createSyncDynamoClient({ endpoint: 'http://127.0.0.1:8000', region: 'eu-west-1' });
    const tableSetup = createDynamoDbClient({ endpoint: 'http://localhost:8000', region: null });
    try {
      expect(await local.config.region()).toBe(LOCAL_REGION);
      expect(await explicit.config.region()).toBe('eu-west-1');
      expect(await tableSetup.config.region()).toBe(LOCAL_REGION);
    } finally {
      for (const client of [local, explicit, tableSetup]) client.destroy();
    }
  });

  it('leaves retries to the loop: the SDK tries at most twice', async () => {
    const client = createSyncDynamoClient({ endpoint: 'http://127.0.0.1:8000', region: null });
    try {
      expect(await client.config.maxAttempts()).toBe(SDK_MAX_ATTEMPTS);
      expect(SDK_MAX_ATTEMPTS).toBeLessThanOrEqual(2);
    } finally {
      client.destroy();
    }
  });
});
