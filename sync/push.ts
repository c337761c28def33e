// Push: drains the outbox in order into DynamoDB as conditional, idempotent TransactWriteItems; conflicts and refusals are parked, never dropped.
import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type CancellationReason,
  type DynamoDBClient,
  type KeysAndAttributes,
  TransactWriteItemsCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { type OutboxChangeSet, outboxItemKey } from '../core/domain/outbox';
import { type PlainValue, type TableItem, unmarshallItem } from './attribute-values';
import { nextAttemptAt } from './backoff';
import { SingleFlight } from './single-flight';
import { tableKeyOf, toTableItem } from './item-mapping';
import type { LocalStore, ParkRecord } from './local-store';
import { GSI2 } from './table-schema';

/** DynamoDB's limit of items in one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The two calls push makes; a test wraps them to inject faults and crashes. */
export interface PushClient {
  transactWrite(input: { TransactItems: TransactWriteItem[]; ClientRequestToken: string }): Promise<unknown>;
  /** Consistent reads of up to 100 items by key. */
  getItems(tableName: string, keys: { PK: string; SK: string }[]): Promise<TableItem[]>;
}

export function dynamoPushClient(client: DynamoDBClient): PushClient {
  return {
    transactWrite: (input) => client.send(new TransactWriteItemsCommand(input)),
    async getItems(tableName, keys) {
      const found: TableItem[] = [];
      let request: Record<string, KeysAndAttributes> | undefined = {
        [tableName]: { ConsistentRead: true, Keys: keys.map((k) => ({ PK: { S: k.PK }, SK: { S: k.SK } })) },
      };
      while (request && Object.keys(request).length > 0) {
        const page: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: request }));
        found.push(...(page.Responses?.[tableName] ?? []));
        request = page.UnprocessedKeys;
      }
      return found;
    },
  };
}

/** One table write of a change set. */
interface PreparedWrite {
  PK: string;
  SK: string;
  /** The outbox item key of the record written (`outboxItemKey`): how the merge names what already reached the table. */
  itemKey: string;
  item: TableItem;
  /** Version the table item must have; null: it must not exist yet. */
  expectedVersion: number | null;
}

/**
 * The ClientRequestToken of one part: the change-set id's 32 hex digits and the part index,
 * at most 36 characters, the same on every retry (so DynamoDB applies a retried part once).
 */
export function partToken(changeSetId: string, partIndex: number): string {
  const hex = changeSetId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(hex)) throw new Error(`Change set id ${changeSetId} is not a UUID; it cannot name its push.`);
  if (!Number.isSafeInteger(partIndex) || partIndex < 0 || partIndex > 999) throw new Error(`Part ${partIndex} is out of range (0-999).`);
  return `${hex}-${partIndex}`;
}

const writeKey = (w: { PK: string; SK: string } | undefined): string => (w ? `${w.PK}|${w.SK}` : '');

/** JSON with sorted keys: two records holding the same values compare equal whatever their key order. */
function canonical(value: PlainValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k] ?? null)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The item as plain data without its change-feed keys (they hold the push time, which differs between
 * a part and its retry): what "the table already holds our change" is compared on. Computed only when
 * a write failed: done for every item up front it was ~40 % of push's own CPU time (bench:push profile).
 */
function contentOf(item: TableItem): string {
  const { [GSI2.partition]: _shard, [GSI2.sort]: _feed, ...rest } = unmarshallItem(item);
  return canonical(rest);
}

/**
 * The change set's table writes, one per item (a record written twice in one change set keeps
 * its first base and its last data: a transaction may touch an item once), each order's DETAILS
 * last so it lands in the last part.
 */
export function prepareWrites(cs: OutboxChangeSet, changedAt: string): PreparedWrite[] {
  const byKey = new Map<string, PreparedWrite>();
  for (const outboxItem of cs.items) {
    const { PK, SK } = tableKeyOf(outboxItem.entity, outboxItem.key, outboxItem.data);
    const item = toTableItem(outboxItem, { changedAt, ...(outboxItem.deleted ? { deleted: true } : {}) });
    let expectedVersion: number | null;
    if (outboxItem.entity === 'audit') expectedVersion = null;
    else if (outboxItem.entity === 'stage_event') {
      // Its version is derived (1 recorded, 2 retracted): a retraction expects the recorded item. A
      // recording (no base fields) expects none, even one retracted before it was pushed (the merge
      // folds the two change sets into one item): there is no recorded item in the table to expect.
      const version = Number(item.version?.N ?? '1');
      expectedVersion = version > 1 && outboxItem.baseFields !== null ? version - 1 : null;
    } else expectedVersion = outboxItem.baseVersion;
    const key = `${PK}|${SK}`;
    const earlier = byKey.get(key);
    byKey.delete(key);
    const itemKey = outboxItemKey(outboxItem.entity, outboxItem.key);
    byKey.set(key, { PK, SK, itemKey, item, expectedVersion: earlier ? earlier.expectedVersion : expectedVersion });
  }
  const writes = [...byKey.values()];
  const isDetails = (w: PreparedWrite): boolean => w.PK.startsWith('ORDER#') && w.SK === 'DETAILS';
  return [...writes.filter((w) => !isDetails(w)), ...writes.filter(isDetails)];
}

/** Splits writes into parts of at most 100, in order: the last part holds the order's DETAILS. */
export function splitParts<T>(writes: T[], size = MAX_TRANSACTION_ITEMS): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < writes.length; i += size) parts.push(writes.slice(i, i + size));
  return parts;
}

/** The conditional put of one prepared write (version = base, or not there yet), returning the old item when it fails. */
export function transactItem(tableName: string, w: PreparedWrite): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: w.item,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ...(w.expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#version = :baseVersion',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':baseVersion': { N: String(w.expectedVersion) } },
          }),
    },
  };
}

type PartOutcome =
  | { kind: 'applied' }
  /**
   * Some writes of the part are refused only because the table already holds exactly what they write (put there
   * by an earlier transaction of ours: a part of the change set this one was merged from), the rest are not
   * applied yet: the part goes again without them (`keys` are `PK|SK`).
   */
  | { kind: 'already-stored'; keys: Set<string> }
  | { kind: 'conflict'; message: string; remoteItems: Record<string, unknown>[]; appliedItems?: string[] }
  | { kind: 'rejected'; message: string }
  | { kind: 'retry'; message: string };

const TRANSIENT_REASONS = new Set(['ThrottlingError', 'TransactionConflict', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const PERMANENT_ERRORS = new Set(['ValidationException', 'ItemMappingError', 'AttributeValueError', 'SerializationException']);

interface AwsError {
  name?: string;
  message?: string;
  CancellationReasons?: CancellationReason[];
  $metadata?: { httpStatusCode?: number };
}

const describe = (error: unknown): string => {
  const e = error as AwsError;
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
};

/** What a canceled transaction means: our part already applied, another device got there first, a refusal, or try later. */
function classifyCancellation(part: PreparedWrite[], reasons: CancellationReason[], error: unknown): PartOutcome {
  const codes = reasons.map((r) => r.Code ?? 'None');
  if (codes.some((c) => TRANSIENT_REASONS.has(c))) return { kind: 'retry', message: describe(error) };
  const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [{ write: part[i], old: r.Item }] : []));
  if (failed.length === 0 || codes.some((c) => c !== 'None' && c !== 'ConditionalCheckFailed')) {
    return { kind: 'rejected', message: `DynamoDB refused the change (${codes.join(', ')}): ${describe(error)}` };
  }
  const theirs = failed.filter(({ write, old }) => !write || !old || contentOf(old) !== contentOf(write.item));
  // Every condition failed and an item holds exactly what this part writes (ids, version, times): only this part's
  // transaction can have put it there, and a transaction is all or nothing, so the part was applied earlier (a retry
  // after a lost acknowledgement). Its other items may have moved on since, changed by later pushes or other devices.
  if (failed.length === part.length && theirs.length < failed.length) return { kind: 'applied' };
  // Only writes the table already holds failed, while others would have gone through: a change set merged after a
  // conflict carries the items its earlier parts already stored beside new ones. Not a conflict: send the rest.
  if (theirs.length === 0) return { kind: 'already-stored', keys: new Set(failed.map(({ write }) => writeKey(write))) };
  const remoteItems = theirs.flatMap(({ old }) => (old ? [unmarshallItem(old)] : []));
  const names = theirs.map(({ write }) => (write ? `${write.PK} / ${write.SK}` : '?')).join(', ');
  return {
    kind: 'conflict',
    message: `Another device changed ${names} before this change reached the table; it waits for a person to merge it.`,
    remoteItems,
  };
}

/** A token reused with other parameters (the retry's push time differs): applied if the table already holds this part. */
async function checkApplied(client: PushClient, tableName: string, part: PreparedWrite[], error: unknown): Promise<PartOutcome> {
  const stored = new Map<string, string>();
  for (const item of await client.getItems(
    tableName,
    part.map(({ PK, SK }) => ({ PK, SK })),
  )) {
    stored.set(`${item.PK?.S ?? ''}|${item.SK?.S ?? ''}`, contentOf(item));
  }
  // As for a failed condition: one item holding exactly this part's content proves the whole part committed.
  if (part.some((w) => stored.get(writeKey(w)) === contentOf(w.item))) return { kind: 'applied' };
  return {
    kind: 'retry',
    message: `${describe(error)} (the token's earlier use did not apply this part; it is retried once the token expires)`,
  };
}

async function pushPart(client: PushClient, tableName: string, part: PreparedWrite[], token: string): Promise<PartOutcome> {
  try {
    await client.transactWrite({ TransactItems: part.map((w) => transactItem(tableName, w)), ClientRequestToken: token });
    return { kind: 'applied' };
  } catch (error) {
    const e = error as AwsError;
    if (e.name === 'TransactionCanceledException' && e.CancellationReasons) return classifyCancellation(part, e.CancellationReasons, error);
    if (e.name === 'IdempotentParameterMismatchException') {
      // The read that tells whether the part landed can fail the same ways (throttled, cut off): then try the part later.
      return checkApplied(client, tableName, part, error).catch((readError: unknown): PartOutcome => ({
        kind: 'retry',
        message: `${describe(error)}; checking the table failed: ${describe(readError)}`,
      }));
    }
    if (e.name && PERMANENT_ERRORS.has(e.name)) return { kind: 'rejected', message: describe(error) };
    // Throttling, 5xx, timeouts, lost connections, credentials not yet valid: not this change set's fault.
    return { kind: 'retry', message: describe(error) };
  }
}

export interface PushOptions {
  client: PushClient;
  tableName: string;
  store: LocalStore;
  now?: () => Date;
  /** [0, 1), for the backoff's jitter. */
  random?: () => number;
  /** Change sets read per page. */
  pageSize?: number;
}

export interface PushResult {
  pushed: number;
  parked: number;
  conflicts: number;
  /** Left pending because they touch items of a parked change set. */
  held: number;
  /** The pass stopped at a transient failure (or a change set not yet due); the rest waits for the next pass. */
  stoppedEarly: boolean;
  lastError: string | null;
}

const itemKeys = (cs: OutboxChangeSet): string[] =>
  cs.items.map((i) => {
    const { PK, SK } = tableKeyOf(i.entity, i.key, i.data);
    return `${PK}|${SK}`;
  });

/** A change set parked because its items do not map has no table keys to hold: nothing later waits on it. */
function keysIfMappable(cs: OutboxChangeSet): string[] {
  try {
    return itemKeys(cs);
  } catch {
    return [];
  }
}

async function runPass(options: PushOptions): Promise<PushResult> {
  const { client, tableName, store } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const result: PushResult = { pushed: 0, parked: 0, conflicts: 0, held: 0, stoppedEarly: false, lastError: null };
  // Items a parked change set touches: later changes to them were made on top of it and wait with it.
  const held = new Set(options.store.parkedChangeSets().flatMap(keysIfMappable));
  let afterSeq = 0;
  for (;;) {
    const page = store.pendingChangeSets(options.pageSize ?? 50, afterSeq);
    if (page.length === 0) return result;
    for (const cs of page) {
      afterSeq = cs.seq;
      let keys: string[];
      try {
        keys = itemKeys(cs);
      } catch (error) {
        store.park(cs.id, {
          reason: 'rejected',
          message: `This change cannot be stored in the table: ${describe(error)}`,
          remoteItems: [],
        });
        result.parked += 1;
        continue;
      }
      if (keys.some((k) => held.has(k))) {
        keys.forEach((k) => held.add(k));
        result.held += 1;
        continue;
      }
      if (cs.nextAttemptAt !== null && cs.nextAttemptAt > now().toISOString()) {
        result.stoppedEarly = true;
        return result;
      }
      const outcome = await pushChangeSet(client, tableName, cs, now().toISOString());
      if (outcome.kind === 'applied') {
        store.markPushed(cs.id);
        result.pushed += 1;
      } else if (outcome.kind === 'retry') {
        store.scheduleRetry(cs.id, { error: outcome.message, nextAttemptAt: nextAttemptAt(now(), cs.attempts + 1, random) });
        result.stoppedEarly = true;
        result.lastError = outcome.message;
        return result;
      } else {
        const park: ParkRecord =
          outcome.kind === 'conflict'
            ? {
                reason: 'conflict',
                message: outcome.message,
                remoteItems: outcome.remoteItems,
                ...(outcome.appliedItems ? { appliedItems: outcome.appliedItems } : {}),
              }
            : { reason: 'rejected', message: outcome.message, remoteItems: [] };
        store.park(cs.id, park);
        keys.forEach((k) => held.add(k));
        result.lastError = outcome.message;
        if (outcome.kind === 'conflict') result.conflicts += 1;
        else result.parked += 1;
      }
    }
  }
}

/**
 * The token of a part sent again without the writes the table already held (`round` 1, 2, ...): other
 * parameters need another token, and the same one on every retry of that same remainder.
 */
export function remainderToken(changeSetId: string, partIndex: number, round: number): string {
  return createHash('sha256')
    .update(`${partToken(changeSetId, partIndex)}/remainder/${round}`)
    .digest('hex')
    .slice(0, 36);
}

/** All parts in order, each its own idempotent transaction; stops at the first part that did not apply. */
async function pushChangeSet(
  client: PushClient,
  tableName: string,
  cs: OutboxChangeSet,
  changedAt: string,
): Promise<Exclude<PartOutcome, { kind: 'already-stored' }>> {
  let parts: PreparedWrite[][];
  try {
    parts = splitParts(prepareWrites(cs, changedAt));
  } catch (error) {
    return { kind: 'rejected', message: `This change cannot be stored in the table: ${describe(error)}` };
  }
  for (const [index, part] of parts.entries()) {
    let writes = part;
    // Each round leaves out at least one write, so this ends within the part's size.
    for (let round = 0; writes.length > 0; round += 1) {
      const token = round === 0 ? partToken(cs.id, index) : remainderToken(cs.id, index, round);
      const outcome = await pushPart(client, tableName, writes, token);
      if (outcome.kind === 'applied') break;
      if (outcome.kind === 'conflict' && index > 0) {
        // The earlier parts are in the table (each part is all or nothing): the merge queues only what is still missing.
        return { ...outcome, appliedItems: parts.slice(0, index).flatMap((p) => p.map((w) => w.itemKey)) };
      }
      if (outcome.kind !== 'already-stored') return outcome;
      const left = writes.filter((w) => !outcome.keys.has(writeKey(w)));
      if (left.length === writes.length) return { kind: 'retry', message: 'The table answered about items this part does not write.' };
      writes = left;
    }
  }
  return { kind: 'applied' };
}

const running = new SingleFlight<LocalStore, PushResult>();

/**
 * One push pass over the store's pending change sets. Only one pass runs per store at a time:
 * a call while one runs gets that pass's result instead of starting a second (two passes would
 * push the same change set twice and race on its state).
 */
export function pushPending(options: PushOptions): Promise<PushResult> {
  return running.run(options.store, () => runPass(options));
}
