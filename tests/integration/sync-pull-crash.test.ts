// A pull killed at a random page against DynamoDB Local, resumed by a fresh pull over the same SQLite file: nothing lost, nothing twice.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/domain/runtime';
import type { AfterApplyHook } from '../../main/services/remote-apply';
import { dynamoPullClient, type PullClient } from '../../sync/pull';
import { createTableIfMissing } from '../../sync/table-schema';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local';
import { uniqueVin } from '../support/fixtures';
import { pickIndex, seededRandom } from '../support/seeded-random';
import { canonicalDump, SyncClient } from '../support/sync-client';
import { localAuditIds } from '../support/sync-table-check';

let ddb: DynamoDbLocal;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  dynamo = ddb.client();
});
afterAll(async () => {
  dynamo.destroy();
  await ddb.stop();
});

const KILLED = 'killed mid-pull';
/**
 * Small pages: a pull of this history is dozens of page transactions, each a place to die. No
 * overlap window: in a test everything is pushed within a minute, so re-reading two minutes back
 * would re-read the whole feed and hide a cursor saved ahead of the data it covers.
 */
const PULL = { pageSize: 4, overlapMs: 0 } as const;
const SEED = Number(process.env.PULL_CRASH_SEED ?? 20261130);
const TRIALS = 4;

/** The feed as the pull reads it, dying at its `at`-th Query (between two page transactions). */
function dyingFeed(inner: PullClient, at: number): PullClient {
  let calls = 0;
  return {
    queryFeed(input) {
      calls += 1;
      if (calls === at) return Promise.reject(new Error(KILLED));
      return inner.queryFeed(input);
    },
  };
}

/** Dies inside the `at`-th page's transaction, after its rows and cursor were written (they roll back with it). */
function dyingApply(at: number): AfterApplyHook {
  let pages = 0;
  return () => {
    pages += 1;
    if (pages === at) throw new Error(KILLED);
  };
}

/** A working day on the writer: customers, orders of several vehicles, confirmations, prices, a removal, stages, a retraction. */
function busyDay(writer: SyncClient, clock: ManualClock, orders = 4): void {
  const { actor } = writer;
  const { customers, vehicles, orders: ordersService } = writer.services;
  for (let o = 0; o < orders; o += 1) {
    clock.advance(60_000);
    const customerId = customers.create(actor, { name: `Customer ${o}` }).id;
    const lines = Array.from({ length: 3 }, (_, i) => ({
      vehicleId: vehicles.create(actor, { vin: uniqueVin(), make: 'Toyota', model: 'Hilux', year: 2018 }).id,
      price: 900_000 + i,
    }));
    let order = ordersService.create(actor, { customerId, currency: 'USD', vehicles: lines });
    order = ordersService.update(actor, { id: order.id, version: order.version, status: 'Confirmed', reason: 'Signed.' });
    const [first, second, third] = lines;
    if (!first || !second || !third) continue;
    order = ordersService.updateVehicle(actor, { id: order.id, version: order.version, vehicleId: second.vehicleId, price: 950_000 });
    ordersService.removeVehicle(actor, { id: order.id, version: order.version, vehicleId: third.vehicleId, reason: 'Not needed.' });
    clock.advance(60_000);
    vehicles.recordStage(actor, { id: first.vehicleId, stage: 'purchased' });
    clock.advance(60_000);
    const wrong = vehicles.recordStage(actor, { id: first.vehicleId, stage: 'export_cleared' }).stageHistory.at(-1)?.id ?? '';
    vehicles.retractStage(actor, { id: first.vehicleId, eventId: wrong, reason: 'Recorded too early.' });
  }
}

/** What a device must hold after a complete pull: the synced rows, the audit entries, nothing waiting. */
function holdings(c: SyncClient): { data: Record<string, unknown[]>; audit: string[]; waiting: number } {
  return {
    data: canonicalDump(c.db),
    audit: [...localAuditIds(c.db)].sort(),
    waiting: c.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM pulled_waiting').get()?.n ?? -1,
  };
}

describe('a pull killed at a random page', () => {
  it('is resumed by a fresh pull over the same database file that ends with what an uninterrupted pull holds', async () => {
    await createTableIfMissing(dynamo, 'pull-crash', { pollMs: 100 });
    const clock = new ManualClock('2026-03-02T09:00:00.000Z');
    const options = { clock, dynamo, table: 'pull-crash' };
    const writer = new SyncClient({ index: 0, ...options }).createUser();
    const reference = new SyncClient({ index: 1, ...options });
    const made: SyncClient[] = [writer, reference];
    try {
      busyDay(writer, clock);
      expect(await writer.push()).toMatchObject({ stoppedEarly: false, parked: 0, conflicts: 0 });

      for (let trial = 0; trial < TRIALS; trial += 1) {
        const random = seededRandom(SEED + trial);
        const deaths = 1 + pickIndex(random, 3);
        let dir: string | undefined;
        const story: string[] = [];
        for (let death = 0; death < deaths; death += 1) {
          const inQuery = random() < 0.5;
          const at = 1 + pickIndex(random, 30);
          const victim = new SyncClient({
            index: 2,
            ...options,
            ...(dir ? { dir } : {}),
            ...(inQuery ? {} : { afterApply: dyingApply(at) }),
          });
          made.push(victim);
          dir = victim.dir;
          const outcome = await victim
            .pullAndMerge({ ...PULL, ...(inQuery ? { client: dyingFeed(dynamoPullClient(dynamo), at) } : {}) })
            .then(
              () => 'finished before the kill',
              (error: unknown) => {
                if (!(error instanceof Error) || error.message !== KILLED) throw error;
                return 'killed';
              },
            );
          story.push(`${inQuery ? 'query' : 'page transaction'} ${at}: ${outcome}`);
          victim.close();
          // Meanwhile the other device works on: the resumed pull finds items past the saved cursors too.
          busyDay(writer, clock, 1);
          await writer.push();
        }
        if (!dir) throw new Error('the victim never ran');
        const resumed = new SyncClient({ index: 2, ...options, dir });
        made.push(resumed);
        const finished = await resumed.pullAndMerge(PULL);
        expect(finished.pull.refused, story.join('; ')).toEqual([]);
        await reference.pullAndMerge(PULL);

        const got = holdings(resumed);
        expect(got, `seed ${SEED + trial}: ${story.join('; ')}`).toEqual(holdings(reference));
        expect(got.data, 'every device holds what the writer holds').toEqual(canonicalDump(writer.db));
        expect(got.audit, 'every audit entry of the writer, once').toEqual([...localAuditIds(writer.db)].sort());
        expect(resumed.services.integrity.verify().ok).toBe(true);
        expect(resumed.services.deps.repos.outbox.outboxCounts().pending, 'a pull queues nothing to push').toBe(0);
        resumed.close();
      }
    } finally {
      for (const c of made) {
        c.close();
        c.remove();
      }
    }
  }, 120_000);
});
