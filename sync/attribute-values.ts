// DynamoDB AttributeValues for the JSON-shaped data Portside syncs, both ways (small on purpose: @aws-sdk/util-dynamodb is not installed).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** What an outbox item's data can hold once it has been through JSON, and what a table item reads back as. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

export type TableItem = Record<string, AttributeValue>;

/** A value that cannot be stored or read back exactly; `path` names where it sits (e.g. `data.changes.2.after`). */
export class AttributeValueError extends Error {
  override name = 'AttributeValueError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * null is stored as NULL (not left out), so an item names every field of its record and reads
 * back with the same fields. Inside maps `undefined` is skipped as JSON.stringify does (the outbox
 * keeps its items as JSON, so that is what a field left undefined already means there).
 */
export function toAttributeValue(value: unknown, path: string): AttributeValue {
  if (value === null) return { NULL: true };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (!Number.isFinite(value)) throw new AttributeValueError(path, `is ${value}, which DynamoDB cannot store: use a finite number.`);
      // String() gives the shortest text that reads back as the same double.
      return { N: String(value) };
    case 'object':
      if (Array.isArray(value)) return { L: value.map((v, i) => toAttributeValue(v, `${path}.${i}`)) };
      if (isPlainObject(value)) return { M: toAttributeMap(value, path) };
      throw new AttributeValueError(
        path,
        `is a ${value.constructor.name}; only text, numbers, booleans, null, lists and plain objects are synced.`,
      );
    default:
      throw new AttributeValueError(path, `is ${typeof value}; only text, numbers, booleans, null, lists and plain objects are synced.`);
  }
}

function toAttributeMap(record: Record<string, unknown>, path: string): TableItem {
  const out: TableItem = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) out[key] = toAttributeValue(value, path ? `${path}.${key}` : key);
  }
  return out;
}

/** A whole record as a table item (its top-level fields become attributes). */
export function marshallItem(record: Record<string, unknown>): TableItem {
  return toAttributeMap(record, '');
}

function readNumber(text: string, path: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new AttributeValueError(path, `holds the number ${text}, which is not a finite number.`);
  // Money is integer minor units: an integer past 2^53 would read back as a different amount.
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new AttributeValueError(path, `holds ${text}, too large to read exactly.`);
  return n;
}

/** Reads an AttributeValue back; the types Portside never writes (sets, binary) are refused by name. */
export function fromAttributeValue(av: AttributeValue, path: string): PlainValue {
  if (av.S !== undefined) return av.S;
  if (av.N !== undefined) return readNumber(av.N, path);
  if (av.BOOL !== undefined) return av.BOOL;
  if (av.NULL !== undefined) return null;
  if (av.L !== undefined) return av.L.map((v, i) => fromAttributeValue(v, `${path}.${i}`));
  if (av.M !== undefined) return unmarshallMap(av.M, path);
  const kind = Object.keys(av).join(', ') || 'nothing';
  throw new AttributeValueError(path, `holds ${kind}; Portside items hold only S, N, BOOL, NULL, L and M values.`);
}

function unmarshallMap(map: TableItem, path: string): { [key: string]: PlainValue } {
  const out: { [key: string]: PlainValue } = {};
  for (const [key, value] of Object.entries(map)) out[key] = fromAttributeValue(value, path ? `${path}.${key}` : key);
  return out;
}

/** A table item as a plain record (attributes become fields). */
export function unmarshallItem(item: TableItem): { [key: string]: PlainValue } {
  return unmarshallMap(item, '');
}
