// What a pushed table must hold, read back from DynamoDB Local: the done change sets' items once each, every audit entry once, no half order.
import { type DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { OutboxItem } from '../../core/domain/outbox';
import type { Db } from '../../main/db/database';
import { type PlainValue, unmarshallItem } from '../../sync/attribute-values';
import { tableKeyOf, toTableItem } from '../../sync/item-mapping';

export type PlainItem = Record<string, PlainValue>;

/** Every item, or only the attributes named (a cheaper read for checks that need few). */
export async function scanTable(client: DynamoDBClient, table: string, attributes?: readonly string[]): Promise<PlainItem[]> {
  const out: PlainItem[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  const projection = attributes
    ? {
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
      }
    : {};
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start, ...projection }));
    out.push(...(page.Items ?? []).map(unmarshallItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export const text = (value: PlainValue | undefined): string => (typeof value === 'string' ? value : '');
export const keyOf = (item: PlainItem): string => `${text(item.PK)}|${text(item.SK)}`;

/** The item without its push time (a retried part writes a later one). */
export const withoutFeedTime = ({ GSI2SK: _time, ...rest }: PlainItem): PlainItem => rest;

export interface OutboxRowItems {
  seq: number;
  id: string;
  state: string;
  items: OutboxItem[];
}

export function outboxRows(db: Db): OutboxRowItems[] {
  return db
    .prepare<[], { seq: number; id: string; state: string; items: string }>('SELECT seq, id, state, items FROM outbox ORDER BY seq')
    .all()
    .map((r) => ({ seq: r.seq, id: r.id, state: r.state, items: JSON.parse(r.items) as OutboxItem[] }));
}

export const itemKey = (item: OutboxItem): string => {
  const { PK, SK } = tableKeyOf(item.entity, item.key, item.data);
  return `${PK}|${SK}`;
};

/** Per table key, the item the last done change set touching it maps to (push time aside). */
export function expectedFromDone(rows: readonly OutboxRowItems[]): Map<string, PlainItem> {
  const expected = new Map<string, PlainItem>();
  for (const row of rows) {
    if (row.state !== 'done') continue;
    for (const item of row.items) expected.set(itemKey(item), withoutFeedTime(unmarshallItem(toTableItem(item, { changedAt: 'x' }))));
  }
  return expected;
}

/** Differences between the table and what the done change sets say it must hold, as lines (empty: they agree). */
export function tableVersusDone(items: readonly PlainItem[], rows: readonly OutboxRowItems[], ignoreKeys = new Set<string>()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) problems.push(`${key} is in the table twice`);
    seen.add(key);
  }
  const stored = new Map(items.map((i) => [keyOf(i), withoutFeedTime(i)]));
  for (const [key, want] of expectedFromDone(rows)) {
    if (ignoreKeys.has(key)) continue;
    const got = stored.get(key);
    if (!got) problems.push(`${key} is missing from the table`);
    else if (JSON.stringify(sortKeys(got)) !== JSON.stringify(sortKeys(want))) problems.push(`${key} differs from its last pushed change`);
  }
  return problems;
}

function sortKeys(item: PlainItem): [string, PlainValue][] {
  return Object.entries(item).sort(([a], [b]) => a.localeCompare(b));
}

export const isAuditItem = (item: PlainItem): boolean => text(item.SK).startsWith('AUDIT#') || text(item.SK).startsWith('SEQ#');

/** Audit ids in the table with how often each appears (more than once would be a duplicated entry). */
export function auditIdsInTable(items: readonly PlainItem[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const item of items.filter(isAuditItem)) ids.set(text(item.auditId), (ids.get(text(item.auditId)) ?? 0) + 1);
  return ids;
}

/** Audit ids carried by change sets in the given states. */
export function auditIdsInOutbox(rows: readonly OutboxRowItems[], states: readonly string[] = ['done']): Set<string> {
  return new Set(
    rows.filter((r) => states.includes(r.state)).flatMap((r) => r.items.filter((i) => i.entity === 'audit').map((i) => i.key.id ?? '')),
  );
}

/**
 * Orders a reader would see half-applied: a DETAILS item listing a vehicle whose line
 * (ORDER#id / VEHICLE#vehicleId) is not in the table. Push writes DETAILS last so there are none.
 */
/** The attributes `ordersWithMissingLines` and `auditIdsInTable` read. */
export const READER_CHECK_ATTRIBUTES = ['PK', 'SK', 'vehicles', 'auditId'] as const;

export function ordersWithMissingLines(items: readonly PlainItem[]): string[] {
  const keys = new Set(items.map(keyOf));
  const broken: string[] = [];
  for (const details of items.filter((i) => text(i.PK).startsWith('ORDER#') && i.SK === 'DETAILS')) {
    const listed = Array.isArray(details.vehicles) ? details.vehicles : [];
    const missing = listed.filter((v) => !keys.has(`${text(details.PK)}|VEHICLE#${text(v)}`));
    if (missing.length > 0) broken.push(`${text(details.PK)} lists ${missing.length} vehicle(s) without their line`);
  }
  return broken;
}

export function localAuditIds(db: Db): Set<string> {
  return new Set(
    db
      .prepare<[], { id: string }>('SELECT id FROM audit_entries')
      .all()
      .map((r) => r.id),
  );
}
