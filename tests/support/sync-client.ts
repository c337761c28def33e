// A device for sync specs: its own SQLite file and services, with the push, pull and merge steps of the real sync loop run on demand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { outboxItemKey, type SyncedEntity } from '../../core/domain/outbox';
import type { Clock, IdGenerator } from '../../core/domain/runtime';
import type { RemoteRecordDecoder } from '../../core/domain/sync-merge';
import { type Db, openDatabase } from '../../main/db/database';
import { linkRecordOf } from '../../main/db/repos/orders-repo';
import { createServices, type Services } from '../../main/services';
import { topUpOrderNumbers } from '../../main/services/order-number-reserver';
import { outboxData } from '../../main/services/order-writes';
import { type AfterApplyHook, RemoteApply } from '../../main/services/remote-apply';
import { detectRuleConflicts } from '../../main/services/sync-rule-conflicts';
import type { Actor } from '../../main/services/unit-of-work';
import type { PlainValue } from '../../sync/attribute-values';
import { fromTableRecord } from '../../sync/item-mapping';
import { dynamoPullClient, type PullClient, type PullResult, pullChanges } from '../../sync/pull';
import { dynamoPushClient, type PushResult, pushPending } from '../../sync/push';

export const decodeRemote: RemoteRecordDecoder = (item) => fromTableRecord(item as Record<string, PlainValue>);

/**
 * Sortable, UUID-shaped ids from the shared test clock, the device's number and its own counter:
 * the same run makes the same ids, so targets picked "the n-th order by id" replay from a seed.
 */
export function deterministicIds(clock: Clock, device: number): IdGenerator {
  let n = 0;
  const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0').slice(-width);
  return {
    next() {
      n += 1;
      const ms = hex(Date.parse(clock.now()), 12);
      return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(n, 3)}-8${hex(device, 3)}-${hex(n, 12)}`;
    },
  };
}

/**
 * Devices made in this process: each gets its own id space. A change set's id is its push's
 * ClientRequestToken, which DynamoDB remembers per account (not per table) for 10 minutes, so two
 * runs must never make the same ids.
 */
let devicesMade = 0;

export interface SyncClientOptions {
  index: number;
  clock: Clock;
  dynamo: DynamoDBClient;
  table: string;
  /** A data folder to reopen (a restart after a crash); a fresh one otherwise. */
  dir?: string;
  /** Runs inside each pulled page's transaction after the rule check (a test throws here to crash mid-pull). */
  afterApply?: AfterApplyHook;
}

export interface PullAndMerge {
  pull: PullResult;
  merged: number;
  conflicts: number;
}

/** One device: the steps main/app/cloud-sync.ts runs (order numbers + push; pull with the rule check, then merge), each when asked. */
export class SyncClient {
  readonly dir: string;
  readonly db: Db;
  readonly services: Services;
  readonly store: RemoteApply;
  actor: Actor = { id: null, name: 'nobody' };

  constructor(private readonly options: SyncClientOptions) {
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), `portside-sync-${options.index}-`));
    this.db = openDatabase(join(this.dir, 'portside.sqlite'));
    this.services = createServices(this.db, {
      clock: options.clock,
      ids: deterministicIds(options.clock, (devicesMade += 1)),
      timeZone: 'UTC',
      orderNumbering: 'blocks',
      syncMode: 'cloud',
    });
    this.store = new RemoteApply(this.services.deps, {
      emitEvents: false,
      afterApply: (touched, deps) => {
        detectRuleConflicts(deps, { vehicleIds: touched.vehicles, orderIds: touched.orders });
        options.afterApply?.(touched, deps);
      },
    });
  }

  /** Signs up this device's CSR (records carry user ids; the merge acts as the change set's author). */
  createUser(): this {
    const user = this.services.auth.createUser({
      username: `csr${this.options.index}`,
      displayName: `CSR ${this.options.index}`,
      password: 'correct horse battery staple',
      roles: ['CSR'],
    });
    this.actor = { id: user.id, name: user.displayName, roles: user.roles };
    return this;
  }

  /** Online: tops up the order-number blocks (small ones, so an offline spell also uses provisional numbers), then pushes. */
  async push(): Promise<PushResult> {
    const { dynamo, table, clock } = this.options;
    await topUpOrderNumbers(dynamo, table, this.services.deps.repos.orderNumberBlocks, {
      now: clock.now(),
      timeZone: 'UTC',
      blockSize: 3,
      keepAhead: 1,
    });
    return pushPending({ client: dynamoPushClient(dynamo), tableName: table, store: this.services.deps.repos.outbox });
  }

  /** PULL_FROM_FEED's pass: the change feed into RemoteApply, then the change sets parked as conflicts merged. */
  async pullAndMerge(options: { client?: PullClient; pageSize?: number; overlapMs?: number } = {}): Promise<PullAndMerge> {
    const pull = await pullChanges({
      client: options.client ?? dynamoPullClient(this.options.dynamo),
      tableName: this.options.table,
      store: this.store,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.overlapMs !== undefined ? { overlapMs: options.overlapMs } : {}),
    });
    const merge = this.services.syncMerge.mergeParked(decodeRemote);
    return { pull, merged: merge.merged, conflicts: merge.conflicts + merge.ruleConflicts };
  }

  counts(): { pending: number; conflictParked: number; rejected: string[]; retrying: string[] } {
    const outbox = this.services.deps.repos.outbox;
    const parked = outbox.parkedChangeSets();
    const retrying = this.db
      .prepare<[], { operation: string; last_error: string }>(
        `SELECT operation, last_error FROM outbox WHERE state = 'pending' AND last_error IS NOT NULL ORDER BY seq LIMIT 3`,
      )
      .all();
    return {
      pending: outbox.outboxCounts().pending,
      retrying: retrying.map((r) => `${r.operation}: ${r.last_error}`),
      conflictParked: parked.filter((p) => p.park.reason === 'conflict').length,
      rejected: parked.filter((p) => p.park.reason !== 'conflict').map((p) => `${p.operation}: ${p.park.message}`),
    };
  }

  /** Closes the database (as a process dies: whatever was not committed is gone); a second close does nothing. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Columns only this device keeps (search indexes): never compared between devices. */
const LOCAL_COLUMNS = new Set(['search_text']);

/** The synced tables, ordered by key, local columns left out: equal dumps mean the devices hold the same data. */
export function canonicalDump(db: Db): Record<string, unknown[]> {
  const tables: Record<string, string> = {
    customers: 'id',
    vehicles: 'id',
    vehicle_stage_events: 'id',
    orders: 'id',
    order_vehicles: 'order_id, vehicle_id',
  };
  const dump: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(tables)) {
    const rows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${key}`).all();
    dump[table] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !LOCAL_COLUMNS.has(column))));
  }
  return dump;
}

/** Every synced record a device holds, as the outbox item's data (what the table item maps back to), by item key. */
export function localRecords(services: Services): Map<string, Record<string, unknown>> {
  const { repos } = services.deps;
  const out = new Map<string, Record<string, unknown>>();
  const put = (entity: SyncedEntity, key: Record<string, string>, data: Record<string, unknown>): void => {
    out.set(outboxItemKey(entity, key), data);
  };
  const ids = (table: string): string[] =>
    services.deps.db
      .prepare<[], { id: string }>(`SELECT id FROM ${table} ORDER BY id`)
      .all()
      .map((r) => r.id);
  for (const id of ids('customers')) {
    const customer = repos.customers.get(id);
    if (customer) put('customer', { id }, { ...customer });
  }
  for (const id of ids('vehicles')) {
    const vehicle = repos.vehicles.get(id);
    if (!vehicle) continue;
    const { openOrder: _openOrder, ...record } = vehicle;
    put('vehicle', { id }, record);
    for (const event of repos.vehicles.stageEvents(id)) put('stage_event', { vehicleId: id, id: event.id }, { ...event });
  }
  for (const id of ids('orders')) {
    const order = repos.orders.get(id);
    if (!order) continue;
    const links = repos.orders.links(id);
    put('order', { id }, outboxData(order, links));
    for (const link of links) put('order_vehicle', { orderId: id, vehicleId: link.vehicleId }, { ...linkRecordOf(link, id) });
  }
  return out;
}

/** The entities `localRecords` reads back (the order core the convergence workload edits); the others have their own sync tests. */
const COMPARED_ENTITIES: ReadonlySet<SyncedEntity> = new Set(['customer', 'vehicle', 'stage_event', 'order', 'order_vehicle']);

/** The records of a table scan (audit entries, counters and entities outside the order core left out), by item key. */
export function tableRecords(items: readonly Record<string, PlainValue>[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const record = fromTableRecord(item);
    if (!record || !COMPARED_ENTITIES.has(record.entity)) continue;
    out.set(outboxItemKey(record.entity, record.key), record.data);
  }
  return out;
}
