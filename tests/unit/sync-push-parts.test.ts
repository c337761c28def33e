// Specification of how push cuts a change set into transactions: tokens, conditions, parts of at most 100 with the order's DETAILS last.
import { describe, expect, it } from 'vitest';
import type { OutboxChangeSet, OutboxItem } from '../../core/domain/outbox';
import { MAX_TRANSACTION_ITEMS, partToken, prepareWrites, splitParts } from '../../sync/push';

const AT = '2026-11-30T07:00:00.000Z';
const ORDER_ID = '019ad3c0-0000-7000-8000-000000000001';
const stamp = { createdAt: AT, createdBy: 'u1', updatedAt: AT, updatedBy: 'u1' };

const link = (n: number): OutboxItem => {
  const vehicleId = `019ad3c0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    entity: 'order_vehicle',
    key: { orderId: ORDER_ID, vehicleId },
    baseVersion: null,
    baseFields: null,
    data: { orderId: ORDER_ID, vehicleId, price: 100, status: 'Active', version: 1, ...stamp },
  };
};
const order: OutboxItem = {
  entity: 'order',
  key: { id: ORDER_ID },
  baseVersion: 4,
  baseFields: { status: 'Draft' },
  data: { id: ORDER_ID, orderId: ORDER_ID, status: 'Confirmed', orderDate: '2026-11-30', customerId: null, version: 5, ...stamp },
};
const changeSet = (items: OutboxItem[]): OutboxChangeSet => ({
  id: '019ad3c0-aaaa-7000-8000-00000000abcd',
  createdAt: AT,
  actorId: 'u1',
  operation: 'orders.update',
  items,
});

describe('push parts', () => {
  it('derives a token of at most 36 characters per part, the same on every retry and different per part', () => {
    const id = '019AD3C0-aaaa-7000-8000-00000000abcd';
    expect(partToken(id, 0)).toBe('019ad3c0aaaa7000800000000000abcd-0');
    expect(partToken(id, 999)).toHaveLength(36);
    expect(partToken(id, 1)).toBe(partToken(id, 1));
    expect(partToken(id, 1)).not.toBe(partToken(id, 2));
    expect(() => partToken(id, 1000)).toThrow(/out of range/);
  });

  it('puts the order DETAILS item last even when the service wrote it first, and splits into parts of 100', () => {
    const items = [order, ...Array.from({ length: 230 }, (_, i) => link(i + 1))];
    const parts = splitParts(prepareWrites(changeSet(items), AT));
    expect(parts.map((p) => p.length)).toEqual([MAX_TRANSACTION_ITEMS, MAX_TRANSACTION_ITEMS, 31]);
    expect(parts.at(-1)?.at(-1)).toMatchObject({ PK: `ORDER#${ORDER_ID}`, SK: 'DETAILS', expectedVersion: 4 });
    expect(
      parts
        .slice(0, 2)
        .flat()
        .some((w) => w.SK === 'DETAILS'),
    ).toBe(false);
  });

  it('writes a record met twice in one change set once, with its first base version and its last data', () => {
    const again: OutboxItem = { ...order, baseVersion: 5, data: { ...order.data, status: 'In Progress', version: 6 } };
    const writes = prepareWrites(changeSet([order, link(1), again]), AT);
    expect(writes).toHaveLength(2);
    expect(writes.at(-1)).toMatchObject({ expectedVersion: 4, item: { status: { S: 'In Progress' }, version: { N: '6' } } });
  });

  it('expects a stage event to be absent when recorded and at version 1 when retracted; audit entries are create-only', () => {
    // A retraction carries the base fields it changed (as retractStage writes it); a recording carries none.
    const event = (
      retractedAt: string | null,
      baseFields: OutboxItem['baseFields'] = retractedAt ? { retractedAt: null } : null,
    ): OutboxItem => ({
      entity: 'stage_event',
      key: { vehicleId: 'v1', id: 'e1' },
      baseVersion: null,
      baseFields,
      data: {
        id: 'e1',
        vehicleId: 'v1',
        stage: 'purchased',
        at: AT,
        recordedAt: AT,
        recordedBy: 'u1',
        retractedAt,
        retractedBy: retractedAt ? 'u1' : null,
      },
    });
    const audit: OutboxItem = {
      entity: 'audit',
      key: { id: 'a1' },
      baseVersion: null,
      baseFields: null,
      data: { id: 'a1', orderId: ORDER_ID, at: AT, deviceId: 'd1', seq: 1 },
    };
    const expected = (items: OutboxItem[]) => prepareWrites(changeSet(items), AT).map((w) => w.expectedVersion);
    expect(expected([event(null), audit])).toEqual([null, null]);
    expect(expected([event(AT)])).toEqual([1]);
    // Recorded and retracted before either was pushed, folded into one item by the merge: still a creation.
    expect(expected([event(AT, null)])).toEqual([null]);
  });
});
