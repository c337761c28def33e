// Bench: how long an edit on one instance takes to show on another, both syncing through DynamoDB Local every 500 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type Backend, createBackend } from '../../main/api/backend';
import { type CloudSync, type PullStepFactory, startCloudSync } from '../../main/app/cloud-sync';
import { loadConfig, type PortsideConfig } from '../../main/config';
import type { Actor } from '../../main/services/unit-of-work';
import { CHANGE_FEED_SHARDS, changeFeedPartition, createTableIfMissing, GSI2 } from '../../sync/table-schema';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../tests/support/dynamodb-local';
import { type ResultRow, resultRow } from '../scenario';

const INTERVAL_MS = 500;
const TABLE = 'bench-latency';

/**
 * Stand-in for sync/pull.ts until it is merged: reads the GSI2 change feed past the last item seen
 * per shard, as pull does, and reports each item (it applies nothing). With the real pull step the
 * same scenario measures until the change is in the other database; swap `pull` below.
 */
function feedReader(onItem: (pk: string, version: number) => void): PullStepFactory {
  return ({ client, table }) => {
    const after = new Map<number, string>();
    return async () => {
      let pulled = 0;
      for (let shard = 0; shard < CHANGE_FEED_SHARDS; shard += 1) {
        let start: Record<string, AttributeValue> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: table,
              IndexName: GSI2.name,
              KeyConditionExpression: '#p = :p AND #s > :s',
              ExpressionAttributeNames: { '#p': GSI2.partition, '#s': GSI2.sort },
              ExpressionAttributeValues: { ':p': { S: changeFeedPartition(shard) }, ':s': { S: after.get(shard) ?? '0' } },
              ExclusiveStartKey: start,
            }),
          );
          for (const item of page.Items ?? []) {
            pulled += 1;
            after.set(shard, item[GSI2.sort]?.S ?? '');
            onItem(item.PK?.S ?? '', Number(item.version?.N ?? '0'));
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }
      return { pulled, bootstrapped: true };
    };
  };
}

interface Instance {
  dir: string;
  backend: Backend;
  sync: CloudSync;
  client: DynamoDBClient;
}

function startInstance(endpoint: string, region: string, pull?: PullStepFactory): Instance {
  const dir = mkdtempSync(join(tmpdir(), 'portside-bench-sync-'));
  const config: PortsideConfig = loadConfig(
    { PORTSIDE_TABLE: TABLE, PORTSIDE_DYNAMODB_ENDPOINT: endpoint, AWS_REGION: region, PORTSIDE_SYNC_INTERVAL_MS: String(INTERVAL_MS) },
    { dataDir: dir },
  );
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
  const backend = createBackend(config, { log: () => undefined, dynamoDb: client });
  const sync = startCloudSync(backend, config, { client, log: () => undefined, ...(pull ? { pull } : {}) });
  if (!sync) throw new Error('a table is configured: the loop must run');
  return { dir, backend, sync, client };
}

async function stopInstance(instance: Instance): Promise<void> {
  await instance.sync.stop();
  instance.backend.close();
  instance.client.destroy();
  rmSync(instance.dir, { recursive: true, force: true });
}

/** Edits a customer on A, `edits` times, and times until B's pull step sees each new version. */
export async function remoteEditLatencyScenario(edits: number): Promise<ResultRow[]> {
  let ddb;
  try {
    ddb = await startDynamoDbLocal();
  } catch (error) {
    console.log(`  remote edit latency: skipped, DynamoDB Local did not start (${(error as Error).message.split('\n')[0]})`);
    return [];
  }
  const admin = ddb.client();
  const instances: Instance[] = [];
  try {
    await createTableIfMissing(admin, TABLE, { pollMs: 100 });
    const waiting = new Map<string, { version: number; seen: () => void }>();
    const a = startInstance(ddb.endpoint, ddb.region);
    instances.push(a);
    const b = startInstance(
      ddb.endpoint,
      ddb.region,
      feedReader((pk, version) => {
        const wait = waiting.get(pk);
        if (wait && version >= wait.version) wait.seen();
      }),
    );
    instances.push(b);
    await Promise.all([a.sync.started, b.sync.started]);
    const actor: Actor = { id: null, name: 'Bench' };
    let customer = a.backend.services.customers.create(actor, { name: 'Latency Customer' });
    const samples: number[] = [];
    for (let i = 0; i < edits; i += 1) {
      // A random phase against B's 500 ms timer, as a real edit has.
      await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
      const started = performance.now();
      customer = a.backend.services.customers.update(actor, { id: customer.id, version: customer.version, notes: `edit ${i}` });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`edit ${i} did not reach B within 20 s`)), 20_000);
        waiting.set(`CUSTOMER#${customer.id}`, {
          version: customer.version,
          seen: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      samples.push(performance.now() - started);
    }
    return [
      resultRow(`remote edit shows on the other instance (${INTERVAL_MS} ms interval; feed-reader pull)`, samples, {
        metric: 'p95',
        maxMs: 2_000,
      }),
    ];
  } finally {
    for (const instance of instances) await stopInstance(instance);
    admin.destroy();
    await ddb.stop();
  }
}
