// Pull: reads the GSI2 change feed, shard by shard, from each saved cursor less an overlap window, and hands pages to the local store.
import { type DynamoDBClient, QueryCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import type { TableItem } from './attribute-values';
import { fromTableItem, type SyncedRecord } from './item-mapping';
import type { PullApplyResult, PullStore, TouchedIds } from './local-store';
import { SingleFlight } from './single-flight';
import { CHANGE_FEED_SHARDS, changeFeedPartition, GSI2 } from './table-schema';

/**
 * How far behind its saved cursor a shard is read again. The feed time is the pusher's clock, so
 * an item pushed just after our last pull by a device whose clock runs behind sorts before our
 * cursor; and the index itself is eventually consistent (an item written a moment earlier can
 * appear in it a moment later). Re-reading costs a few items the store skips by version.
 */
export const DEFAULT_OVERLAP_MS = 2 * 60_000;

/** Items per Query page (DynamoDB also stops a page at 1 MB): one page = one local transaction. */
export const DEFAULT_PULL_PAGE_SIZE = 500;

/** The one call pull makes; a test wraps it to inject faults. */
export interface PullClient {
  /** One page of `GSI2PK = <partition>` [AND `GSI2SK > <after>`], ascending. */
  queryFeed(input: {
    tableName: string;
    partition: string;
    after: string | null;
    limit: number;
    startKey: TableItem | null;
  }): Promise<{ items: TableItem[]; nextKey: TableItem | null }>;
}

export function dynamoPullClient(client: DynamoDBClient): PullClient {
  return {
    async queryFeed({ tableName, partition, after, limit, startKey }) {
      const page: QueryCommandOutput = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI2.name,
          KeyConditionExpression: after === null ? '#pk = :pk' : '#pk = :pk AND #sk > :after',
          ExpressionAttributeNames: after === null ? { '#pk': GSI2.partition } : { '#pk': GSI2.partition, '#sk': GSI2.sort },
          ExpressionAttributeValues: after === null ? { ':pk': { S: partition } } : { ':pk': { S: partition }, ':after': { S: after } },
          ScanIndexForward: true,
          Limit: limit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      return { items: page.Items ?? [], nextKey: page.LastEvaluatedKey ?? null };
    },
  };
}

/** How often a pull re-reads the overlap window (the loop may pull every 500 ms). */
export const OVERLAP_EVERY_MS = 30_000;

/**
 * When a pull re-reads the overlap window. Re-reading costs a read of every item pushed in the last
 * two minutes, on every shard: at a 500 ms interval after a big push that is thousands of items per
 * pass, for nothing. Items pushed by a device whose clock runs behind land before the cursor, and
 * only the overlap finds them; reading it every 30 s finds them at most 30 s late, while the passes
 * in between read only what is new since the cursor.
 */
export class OverlapSchedule {
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly everyMs = OVERLAP_EVERY_MS,
    private readonly overlapMs = DEFAULT_OVERLAP_MS,
  ) {}

  /** The overlap for a pull starting at `nowMs`: the whole window at most every `everyMs`, none in between. */
  next(nowMs: number): number {
    if (nowMs - this.lastAt < this.everyMs) return 0;
    this.lastAt = nowMs;
    return this.overlapMs;
  }
}

/** The cursor of a shard read to its end while it held nothing: it starts the next Query at the beginning. */
export const EMPTY_SHARD_CURSOR = '';

/** The feed time at the head of a GSI2SK (`<ISO time>#PK#SK`). */
export function feedTimeOf(sortKey: string): string {
  const hash = sortKey.indexOf('#');
  return hash === -1 ? sortKey : sortKey.slice(0, hash);
}

/**
 * Where a shard's Query starts: the saved cursor's time less the overlap, as an ISO time. Every
 * sort key at or after that instant compares greater (`<time>#...` > `<time>`). A cursor whose
 * time does not parse (written by hand, or damaged) starts the shard over: re-reading is safe.
 */
export function queryStartFor(cursor: string | undefined, overlapMs: number): string | null {
  if (cursor === undefined) return null;
  const time = Date.parse(feedTimeOf(cursor));
  if (Number.isNaN(time)) return null;
  return new Date(Math.max(0, time - overlapMs)).toISOString();
}

/** The cursor after a page: its last sort key, never behind the saved one (the overlap re-reads older keys). */
export function advanceCursor(saved: string | undefined, pageLast: string | undefined): string | undefined {
  if (pageLast === undefined) return saved;
  if (saved === undefined) return pageLast;
  return pageLast > saved ? pageLast : saved;
}

export interface PullProgress {
  phase: 'pulling' | 'bootstrapping';
  /** Feed items read so far in this pull. */
  done: number;
  total: null;
}

/** A feed item that does not read as a record: reported, skipped, never stops the pull. */
export interface MalformedItem {
  PK: string;
  SK: string;
  message: string;
}

export interface PullOptions {
  client: PullClient;
  tableName: string;
  store: PullStore;
  overlapMs?: number;
  pageSize?: number;
  onProgress?: (progress: PullProgress) => void;
  /** After each page's transaction committed: the rows it touched (the loop forwards change events from here). */
  onPageApplied?: (result: PullApplyResult, shard: number) => void;
}

export interface PullResult {
  /** Feed items read (overlap included). */
  read: number;
  applied: number;
  skippedOlder: number;
  skippedPending: number;
  /** Items of a kind this version does not know (a newer Portside's). */
  skippedUnknown: number;
  waiting: number;
  malformed: MalformedItem[];
  refused: PullApplyResult['refused'];
  touched: TouchedIds;
  /** True when some shard had no cursor: this pull was (part of) the first download. */
  bootstrap: boolean;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The records of a page, with what could not be read set aside. */
function readItems(items: TableItem[], result: PullResult): SyncedRecord[] {
  const records: SyncedRecord[] = [];
  for (const item of items) {
    try {
      const record = fromTableItem(item);
      if (record) records.push(record);
      else result.skippedUnknown += 1;
    } catch (error) {
      result.malformed.push({ PK: item.PK?.S ?? '?', SK: item.SK?.S ?? '?', message: describeError(error) });
    }
  }
  return records;
}

function addTouched(into: TouchedIds, more: TouchedIds): void {
  for (const kind of ['orders', 'vehicles', 'customers'] as const) {
    const seen = new Set(into[kind]);
    for (const id of more[kind]) if (!seen.has(id)) into[kind].push(id);
  }
}

async function pullShard(options: PullOptions, shard: number, cursor: string | undefined, result: PullResult): Promise<void> {
  const { client, tableName, store } = options;
  const phase = cursor === undefined ? 'bootstrapping' : 'pulling';
  const after = queryStartFor(cursor, options.overlapMs ?? DEFAULT_OVERLAP_MS);
  let saved = cursor;
  let startKey: TableItem | null = null;
  do {
    const page = await client.queryFeed({
      tableName,
      partition: changeFeedPartition(shard),
      after,
      limit: options.pageSize ?? DEFAULT_PULL_PAGE_SIZE,
      startKey,
    });
    startKey = page.nextKey;
    const last = page.items.at(-1)?.[GSI2.sort]?.S;
    const next = advanceCursor(saved, last);
    result.read += page.items.length;
    const records = readItems(page.items, result);
    if (next !== undefined && (next !== saved || records.length > 0)) {
      const applied = store.applyPulledPage({ shard, records, cursor: next });
      saved = next;
      result.applied += applied.applied;
      result.skippedOlder += applied.skippedOlder;
      result.skippedPending += applied.skippedPending;
      result.waiting += applied.waiting;
      result.refused.push(...applied.refused);
      addTouched(result.touched, applied.touched);
      options.onPageApplied?.(applied, shard);
    }
    options.onProgress?.({ phase, done: result.read, total: null });
  } while (startKey);
  // A shard read to its end with nothing in it yet: remember that it was read (the empty cursor still
  // starts at the beginning of the feed), or every later pull would count as a first download.
  if (saved === undefined) {
    store.applyPulledPage({ shard, records: [], cursor: EMPTY_SHARD_CURSOR });
  }
}

async function runPull(options: PullOptions): Promise<PullResult> {
  const cursors = options.store.pullCursors();
  const result: PullResult = {
    read: 0,
    applied: 0,
    skippedOlder: 0,
    skippedPending: 0,
    skippedUnknown: 0,
    waiting: 0,
    malformed: [],
    refused: [],
    touched: { orders: [], vehicles: [], customers: [] },
    bootstrap: false,
  };
  const shards = Array.from({ length: CHANGE_FEED_SHARDS }, (_, shard) => shard);
  result.bootstrap = shards.some((shard) => cursors[shard] === undefined);
  options.onProgress?.({ phase: result.bootstrap ? 'bootstrapping' : 'pulling', done: 0, total: null });
  for (const shard of shards) await pullShard(options, shard, cursors[shard], result);
  return result;
}

const running = new SingleFlight<PullStore, PullResult>();

/**
 * One pull over every shard of the change feed into the store. Only one pull runs per store at a
 * time: a call while one runs gets that pull's result (two would apply the same pages and race
 * on the cursors). A failed Query rejects; what was applied before it stays, with its cursor.
 */
export function pullChanges(options: PullOptions): Promise<PullResult> {
  return running.run(options.store, () => runPull(options));
}
