// A week offline: 2,000 local change sets pushed after reconnect while another device changed some of the same orders meanwhile.
import { randomUUID } from 'node:crypto';
import { type DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marshallItem, type PlainValue, unmarshallItem } from '../../sync/attribute-values';
import { changeFeedPartition, changeFeedShard, createTableIfMissing } from '../../sync/table-schema';
import { dynamoPushClient, pushPending } from '../../sync/push';
import { type ApiHarness, startApi } from '../support/api-harness';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { pickIndex, seededRandom } from '../support/seeded-random';
import {
  auditIdsInOutbox,
  auditIdsInTable,
  itemKey,
  ordersWithMissingLines,
  outboxRows,
  type OutboxRowItems,
  type PlainItem,
  scanTable,
  tableVersusDone,
  text,
} from '../support/sync-table-check';
import { DeviceWorkload } from '../support/sync-workload';

const SEED = 7;
const ORDERS = 30;
/** 2,000 change sets, most pushed one transaction each: the run's cost is DynamoDB Local's (~10 ms a transaction). */
const OFFLINE_CHANGE_SETS = 2_000;
/** Orders the other device changes while this one is offline: their DETAILS and one line each. */
const THEIR_ORDERS = 6;
const THEIR_USER = 'user-of-device-b';

let ddb: DynamoDbLocal;
let direct: DynamoDBClient;
let api: ApiHarness;
const TABLE = 'week-offline';

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  direct = ddb.client();
  [api] = await Promise.all([startApi(), createTableIfMissing(direct, TABLE, { pollMs: 100 })]);
});
afterAll(async () => {
  await api.close();
  direct.destroy();
  await ddb.stop();
});

const push = () =>
  pushPending({ client: dynamoPushClient(direct), tableName: TABLE, store: api.backend.services.deps.repos.outbox, pageSize: 200 });

/**
 * The other device's push of one edit, as its push engine writes it: the whole item with the field
 * changed, the version one up, conditioned on the version it read, and its audit entry beside it.
 */
const theirAudit = new Set<string>();

async function theirEdit(PK: string, SK: string, change: Record<string, PlainValue>, at: string): Promise<PlainItem> {
  const read = await direct.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: PK }, SK: { S: SK } }, ConsistentRead: true }));
  if (!read.Item) throw new Error(`${PK} / ${SK} is not in the table`);
  const current = unmarshallItem(read.Item);
  const version = typeof current.version === 'number' ? current.version : 0;
  const next: PlainItem = {
    ...current,
    ...change,
    version: version + 1,
    updatedAt: at,
    updatedBy: THEIR_USER,
    GSI2SK: `${at}#${PK}#${SK}`,
  };
  const auditId = randomUUID();
  const audit: PlainItem = {
    PK,
    SK: `AUDIT#${at}#${auditId}`,
    auditId,
    at,
    actorId: THEIR_USER,
    action: 'updated',
    changes: Object.entries(change).map(([field, after]) => ({ field, before: current[field] ?? null, after })),
    GSI2PK: changeFeedPartition(changeFeedShard(PK)),
    GSI2SK: `${at}#${PK}#AUDIT#${at}#${auditId}`,
  };
  await direct.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE,
            Item: marshallItem(next),
            ConditionExpression: '#v = :base',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':base': { N: String(version) } },
          },
        },
        { Put: { TableName: TABLE, Item: marshallItem(audit), ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    }),
  );
  theirAudit.add(auditId);
  return next;
}

/** Push's rule, replayed: a change set touching an item the other device changed is a conflict; later ones touching its items wait. */
function expectedStates(rows: readonly OutboxRowItems[], theirs: ReadonlySet<string>): Map<string, string> {
  const held = new Set<string>();
  const states = new Map<string, string>();
  for (const row of rows) {
    const keys = row.items.map(itemKey);
    let state = 'done';
    if (keys.some((k) => held.has(k))) state = 'pending';
    else if (keys.some((k) => theirs.has(k))) state = 'conflict';
    if (state !== 'done') keys.forEach((k) => held.add(k));
    states.set(row.id, state);
  }
  return states;
}

describe('a week offline', () => {
  it('pushes 2,000 offline change sets after reconnect: the rest land, those over the other device’s edits are parked as conflicts or wait, nothing is lost or overwritten', async () => {
    const random = seededRandom(SEED);
    const workload = new DeviceWorkload(api, random, {
      createOrder: 0.2,
      notes: 3,
      price: 3,
      stage: 4,
      addVehicle: 0.5,
      removeVehicle: 0.5,
      customerPhone: 1,
    });
    for (let i = 0; i < ORDERS; i++) await workload.createOrder(2 + pickIndex(random, 3));
    expect(await push()).toMatchObject({ conflicts: 0, parked: 0, stoppedEarly: false });
    const changeSets = api.backend.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
    const online = changeSets.get()?.n ?? 0;

    // Offline: this device works on; the other device changes some of the same orders and pushes.
    const theirs = new Map<string, PlainItem>();
    for (const orderId of workload.orderIds.slice(0, THEIR_ORDERS)) {
      const at = new Date().toISOString();
      const details = await theirEdit(`ORDER#${orderId}`, 'DETAILS', { notes: 'Customer called device B: deliver to Napier.' }, at);
      theirs.set(`ORDER#${orderId}|DETAILS`, details);
      const line = text((details.vehicles as PlainValue[] | undefined)?.[0]);
      theirs.set(`ORDER#${orderId}|VEHICLE#${line}`, await theirEdit(`ORDER#${orderId}`, `VEHICLE#${line}`, { price: 4_242_00 }, at));
    }
    while ((changeSets.get()?.n ?? 0) - online < OFFLINE_CHANGE_SETS) await workload.step();

    // Reconnect: passes until one has nothing left it may push.
    let passes = 0;
    while ((await push()).pushed > 0) passes += 1;
    expect(passes).toBeGreaterThan(0);

    const rows = outboxRows(api.backend.db);
    const offline = rows.slice(-(rows.length - online));
    const expected = expectedStates(offline, new Set(theirs.keys()));
    expect(new Map(offline.map((r) => [r.id, r.state]))).toEqual(expected);
    const tally = (state: string) => [...expected.values()].filter((s) => s === state).length;
    expect(tally('done')).toBeGreaterThan(OFFLINE_CHANGE_SETS / 2);
    expect(tally('conflict')).toBeGreaterThan(0);
    expect(tally('pending')).toBeGreaterThan(0);

    // Every conflict keeps the other device's item as it found it, for the person who merges.
    const parked = api.backend.services.deps.repos.outbox.parkedChangeSets();
    expect(parked).toHaveLength(tally('conflict'));
    for (const cs of parked) {
      expect(cs.park.reason).toBe('conflict');
      expect(cs.park.remoteItems.length).toBeGreaterThan(0);
      for (const remote of cs.park.remoteItems) expect(remote).toMatchObject({ updatedBy: THEIR_USER });
    }

    const items = await scanTable(direct, TABLE);
    // The other device's items stand as it wrote them; everything this device pushed is there as its last pushed change.
    for (const [key, item] of theirs) expect(items.find((i) => `${text(i.PK)}|${text(i.SK)}` === key)).toEqual(item);
    expect(tableVersusDone(items, rows, new Set(theirs.keys()))).toEqual([]);
    expect(ordersWithMissingLines(items)).toEqual([]);
    // Audit entries: each pushed one once, the other device's untouched, none of a change set still waiting.
    const inTable = auditIdsInTable(items);
    expect([...inTable.values()].filter((n) => n > 1)).toEqual([]);
    expect(new Set(inTable.keys())).toEqual(new Set([...auditIdsInOutbox(rows, ['done']), ...theirAudit]));
    for (const id of auditIdsInOutbox(rows, ['conflict', 'pending'])) expect(inTable.has(id)).toBe(false);
  }, 180_000); // ~45 s on two idle cores; the margin is for a loaded CI machine.
});
