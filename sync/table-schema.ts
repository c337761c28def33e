// The single DynamoDB table of DESIGN.md §4: its keys, GSI1 (a customer's orders), GSI2 (the change feed), and creating it idempotently.
import {
  type AttributeDefinition,
  type CreateTableCommandInput,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';

export const TABLE_KEY = { partition: 'PK', sort: 'SK' } as const;

/** Lists a customer's orders: `GSI1PK = CUSTOMER#<customerId>`, `GSI1SK = ORDER#<orderDate>#<orderId>` (oldest first). */
export const GSI1 = { name: 'GSI1', partition: 'GSI1PK', sort: 'GSI1SK' } as const;

/**
 * The change feed for delta pull: `GSI2PK = CHANGES#<shard>`, `GSI2SK = <time>#<PK>#<SK>`, so a
 * pull queries each shard for `GSI2SK > <cursor>`. The time is when the change reached the
 * table (the pusher passes it), not when it was made: an edit made offline a week ago and pushed
 * today must sort after every other device's cursor, or it would never be pulled.
 */
export const GSI2 = { name: 'GSI2', partition: 'GSI2PK', sort: 'GSI2SK' } as const;

/**
 * Every write in the table also lands in the feed. One feed key would put all of them on one
 * index partition (roughly 1,000 writes/s, shared by every office): a hot key that throttles the
 * base table's writes. Four keys spread that fourfold while a pull still costs only four small
 * queries. The count is fixed: each item stores its shard, so changing it means re-keying every item.
 */
export const CHANGE_FEED_SHARDS = 4;

/**
 * The shard of an item: FNV-1a (32-bit) of its PK's UTF-8 bytes, modulo the shard count. Stable
 * across devices, platforms and versions (a retried push writes the same keys), and all items
 * of one partition (an order, its lines and its history) share a shard.
 */
export function changeFeedShard(pk: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(pk)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % CHANGE_FEED_SHARDS;
}

export function changeFeedPartition(shard: number): string {
  return `CHANGES#${shard}`;
}

const KEY_ATTRIBUTES = [TABLE_KEY.partition, TABLE_KEY.sort, GSI1.partition, GSI1.sort, GSI2.partition, GSI2.sort] as const;

const keySchema = (partition: string, sort: string): KeySchemaElement[] => [
  { AttributeName: partition, KeyType: 'HASH' },
  { AttributeName: sort, KeyType: 'RANGE' },
];

/** The CreateTable request: string keys, both indexes projecting whole items (a pull reads them without a second fetch), on demand. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: KEY_ATTRIBUTES.map((name): AttributeDefinition => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: keySchema(TABLE_KEY.partition, TABLE_KEY.sort),
    GlobalSecondaryIndexes: [GSI1, GSI2].map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partition, index.sort),
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** The table exists but is not Portside's shape, or did not become ACTIVE in time: say what and how to fix it. */
export class TableSetupError extends Error {
  override name = 'TableSetupError';
}

function describeKeys(keys: readonly KeySchemaElement[] | undefined, types: readonly AttributeDefinition[] | undefined): string {
  if (!keys || keys.length === 0) return 'no keys';
  return keys
    .map(
      (k) =>
        `${k.AttributeName ?? '?'} (${k.KeyType ?? '?'}, ${types?.find((t) => t.AttributeName === k.AttributeName)?.AttributeType ?? '?'})`,
    )
    .join(' + ');
}

function sameKeys(
  actual: readonly KeySchemaElement[] | undefined,
  types: readonly AttributeDefinition[] | undefined,
  partition: string,
  sort: string,
): boolean {
  const isString = (name: string): boolean => types?.find((t) => t.AttributeName === name)?.AttributeType === 'S';
  return (
    actual?.length === 2 &&
    actual.some((k) => k.AttributeName === partition && k.KeyType === 'HASH') &&
    actual.some((k) => k.AttributeName === sort && k.KeyType === 'RANGE') &&
    isString(partition) &&
    isString(sort)
  );
}

/** Throws a TableSetupError naming every difference between an existing table and Portside's design. */
export function assertTableShape(table: TableDescription, tableName: string): void {
  const types = table.AttributeDefinitions;
  const problems: string[] = [];
  if (!sameKeys(table.KeySchema, types, TABLE_KEY.partition, TABLE_KEY.sort)) {
    problems.push(`its key is ${describeKeys(table.KeySchema, types)}; Portside needs PK (HASH, S) + SK (RANGE, S)`);
  }
  for (const index of [GSI1, GSI2]) {
    const found = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.name);
    if (!found) problems.push(`it has no index ${index.name}`);
    else if (!sameKeys(found.KeySchema, types, index.partition, index.sort)) {
      problems.push(
        `index ${index.name} is keyed ${describeKeys(found.KeySchema, types)}; Portside needs ${index.partition} (HASH, S) + ${index.sort} (RANGE, S)`,
      );
    } else if (found.Projection?.ProjectionType !== 'ALL') {
      problems.push(`index ${index.name} projects ${found.Projection?.ProjectionType ?? 'nothing'}; Portside needs ALL`);
    }
  }
  if (problems.length > 0) {
    throw new TableSetupError(
      `DynamoDB table "${tableName}" exists but is not a Portside table: ${problems.join('; ')}. ` +
        'Set PORTSIDE_TABLE to another name (Portside creates it), or delete that table if nothing else uses it.',
    );
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | null> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return null;
    throw error;
  }
}

const isActive = (t: TableDescription): boolean =>
  t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');

export interface CreateTableOptions {
  /** How long to wait for the table and its indexes to become ACTIVE (AWS takes seconds to a minute). */
  timeoutMs?: number;
  pollMs?: number;
}

export interface CreateTableResult {
  created: boolean;
  table: TableDescription;
}

/**
 * Makes sure the table exists in Portside's shape and is ACTIVE: DescribeTable, CreateTable when
 * missing, then wait. Safe to run any number of times and from two devices at once (whoever
 * loses the CreateTable race waits for the winner's table). An existing table of another shape
 * is a TableSetupError, never altered.
 */
export async function createTableIfMissing(
  client: DynamoDBClient,
  tableName: string,
  options: CreateTableOptions = {},
): Promise<CreateTableResult> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const pollMs = options.pollMs ?? 1_000;
  let created = false;
  let table = await describe(client, tableName);
  if (!table) {
    try {
      table = (await client.send(new CreateTableCommand(tableDefinition(tableName)))).TableDescription ?? null;
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      table = await describe(client, tableName);
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (table) {
      assertTableShape(table, tableName);
      if (isActive(table)) return { created, table };
      if (table.TableStatus === 'DELETING')
        throw new TableSetupError(`DynamoDB table "${tableName}" is being deleted; run again once it is gone.`);
    }
    if (Date.now() >= deadline) {
      throw new TableSetupError(
        `DynamoDB table "${tableName}" is still ${table?.TableStatus ?? 'not visible'} after ${Math.round(timeoutMs / 1000)} s; run again to keep waiting.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    table = await describe(client, tableName);
  }
}
