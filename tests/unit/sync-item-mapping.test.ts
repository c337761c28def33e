// Specification of the DynamoDB item mapping: keys of DESIGN.md §4, the seed's attributes, GSI keys, and the way back.
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../core/domain/outbox';
import { fromAttributeValue, marshallItem, toAttributeValue } from '../../sync/attribute-values';
import { fromTableItem, ItemMappingError, toTableItem, toTableRecord } from '../../sync/item-mapping';
import { CHANGE_FEED_SHARDS, changeFeedShard } from '../../sync/table-schema';

const AT = '2026-11-30T07:00:00.000Z';
const PUSHED = '2026-11-30T07:05:00.000Z';
const ORDER_ID = '019ad3c0-0000-7000-8000-000000000001';
const CUSTOMER_ID = '019ad3c0-0000-7000-8000-000000000002';
const VEHICLE_ID = '019ad3c0-0000-7000-8000-000000000003';
const EVENT_ID = '019ad3c0-0000-7000-8000-000000000004';
const AUDIT_ID = '019ad3c0-0000-7000-8000-000000000005';
const DEVICE_ID = 'd7c9a1b2-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

const stamp = { version: 3, createdAt: AT, createdBy: 'Casey Tester', updatedAt: AT, updatedBy: 'Casey Tester' };

const orderData = {
  id: ORDER_ID,
  orderId: ORDER_ID,
  orderNumber: 'PS-2026-00042',
  customerId: CUSTOMER_ID,
  status: 'In Progress',
  vehicles: [VEHICLE_ID],
  totalVehicles: 1,
  completedVehicles: 0,
  orderValue: 1_250_000,
  currency: 'USD',
  progress: 0.3333,
  orderDate: AT,
  targetCompletionDate: null,
  estimatedCompletionDate: '2026-12-24',
  actualCompletionDate: null,
  notes: '',
  cancelReason: null,
  cancelSnapshot: null,
  ...stamp,
};

const ITEMS: Record<string, Pick<OutboxItem, 'entity' | 'key' | 'data'>> = {
  order: { entity: 'order', key: { id: ORDER_ID }, data: orderData },
  order_vehicle: {
    entity: 'order_vehicle',
    key: { orderId: ORDER_ID, vehicleId: VEHICLE_ID },
    data: {
      orderId: ORDER_ID,
      vehicleId: VEHICLE_ID,
      status: 'Removed',
      price: 1_250_000,
      addedDate: AT,
      notes: null,
      removedReason: 'Customer changed their mind.',
      removedDate: AT,
      version: 2,
      updatedAt: AT,
      updatedBy: 'Casey Tester',
    },
  },
  customer: {
    entity: 'customer',
    key: { id: CUSTOMER_ID },
    data: {
      id: CUSTOMER_ID,
      name: 'Aroha Ngata',
      company: null,
      email: 'aroha@example.com',
      phone: null,
      address: null,
      preferredChannel: 'email',
      notes: null,
      ...stamp,
    },
  },
  vehicle: {
    entity: 'vehicle',
    key: { id: VEHICLE_ID },
    data: {
      id: VEHICLE_ID,
      vin: 'ZVW30-1234567',
      make: 'Toyota',
      model: 'Prius',
      year: 2019,
      colour: null,
      originCountry: 'JP',
      originPort: null,
      purchasePrice: 1_250_000,
      currency: 'USD',
      stage: 'purchased',
      stageAt: AT,
      etaDelivery: null,
      onHold: false,
      holdReason: null,
      ...stamp,
    },
  },
  stage_event: {
    entity: 'stage_event',
    key: { vehicleId: VEHICLE_ID, id: EVENT_ID },
    data: {
      id: EVENT_ID,
      vehicleId: VEHICLE_ID,
      stage: 'purchased',
      at: AT,
      note: null,
      recordedBy: 'Casey Tester',
      recordedAt: AT,
      retractedAt: null,
      retractedBy: null,
      retractReason: null,
    },
  },
  payment: {
    entity: 'payment',
    key: { orderId: ORDER_ID, id: 'payment-1' },
    data: {
      id: 'payment-1',
      orderId: ORDER_ID,
      kind: 'deposit',
      amount: 125_000,
      currency: 'USD',
      method: 'bank_transfer',
      reference: 'TT-1',
      paidAt: AT,
      recordedAt: AT,
      recordedBy: 'user-1',
    },
  },
  audit: {
    entity: 'audit',
    key: { id: AUDIT_ID },
    data: {
      id: AUDIT_ID,
      at: AT,
      actorId: 'user-1',
      actorName: 'Casey Tester',
      entityType: 'order',
      entityId: ORDER_ID,
      orderId: ORDER_ID,
      action: 'cancelled',
      changes: [
        { field: 'status', before: 'Confirmed', after: 'Cancelled' },
        { field: 'cancelSnapshot', before: null, after: { stages: { [VEHICLE_ID]: 'purchased' } } },
      ],
      reason: 'Customer withdrew.',
      origin: 'local',
      deviceId: DEVICE_ID,
      seq: 42,
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
  },
};

function item(name: string): Pick<OutboxItem, 'entity' | 'key' | 'data'> {
  const found = ITEMS[name];
  if (!found) throw new Error(`no sample ${name}`);
  return found;
}

describe('DynamoDB keys', () => {
  it.each([
    ['order', `ORDER#${ORDER_ID}`, 'DETAILS'],
    ['order_vehicle', `ORDER#${ORDER_ID}`, `VEHICLE#${VEHICLE_ID}`],
    ['customer', `CUSTOMER#${CUSTOMER_ID}`, 'PROFILE'],
    ['vehicle', `VEHICLE#${VEHICLE_ID}`, 'DETAILS'],
    ['stage_event', `VEHICLE#${VEHICLE_ID}`, `STAGE#${AT}#${EVENT_ID}`],
    ['audit', `ORDER#${ORDER_ID}`, `AUDIT#${AT}#${AUDIT_ID}`],
    ['payment', `ORDER#${ORDER_ID}`, 'PAYMENT#payment-1'],
  ])('keys a %s item as %s / %s', (name, pk, sk) => {
    const record = toTableRecord(item(name), { changedAt: PUSHED });
    expect([record.PK, record.SK]).toEqual([pk, sk]);
  });

  it('keys an audit entry about no order by its place in the device chain', () => {
    const entry = item('audit');
    const record = toTableRecord({ ...entry, data: { ...entry.data, orderId: null, entityType: 'customer' } }, { changedAt: PUSHED });
    expect([record.PK, record.SK]).toEqual([`AUDIT#${DEVICE_ID}`, 'SEQ#000000000042']);
  });

  it('puts every item in the change feed at the time it was pushed, in a stable shard of its PK', () => {
    for (const name of Object.keys(ITEMS)) {
      const record = toTableRecord(item(name), { changedAt: PUSHED });
      expect(record.GSI2PK).toBe(`CHANGES#${changeFeedShard(String(record.PK))}`);
      expect(record.GSI2SK).toBe(`${PUSHED}#${String(record.PK)}#${String(record.SK)}`);
    }
  });

  it('lists an order under its customer in GSI1, and an order without a customer not at all', () => {
    const record = toTableRecord(item('order'), { changedAt: PUSHED });
    expect([record.GSI1PK, record.GSI1SK]).toEqual([`CUSTOMER#${CUSTOMER_ID}`, `ORDER#${AT}#${ORDER_ID}`]);
    const noCustomer = toTableRecord({ ...item('order'), data: { ...orderData, customerId: null } }, { changedAt: PUSHED });
    expect(noCustomer).not.toHaveProperty('GSI1PK');
    expect(noCustomer).not.toHaveProperty('GSI1SK');
  });
});

describe('change-feed shards', () => {
  it('hashes a PK to the same shard on every device (FNV-1a, pinned)', () => {
    expect(changeFeedShard('')).toBe(0x811c9dc5 % CHANGE_FEED_SHARDS);
    expect(changeFeedShard(`ORDER#${ORDER_ID}`)).toBe(changeFeedShard(`ORDER#${ORDER_ID}`));
    // Reference values from an independent FNV-1a: 0x6bb6ef67, 0x6cb6f0fa, 0x45d9c342.
    expect([changeFeedShard('ORDER#a'), changeFeedShard('ORDER#b'), changeFeedShard('CUSTOMER#x')]).toEqual([3, 2, 2]);
  });

  it('spreads many PKs over every shard', () => {
    const counts = new Array<number>(CHANGE_FEED_SHARDS).fill(0);
    for (let i = 0; i < 4000; i++) {
      const shard = changeFeedShard(`ORDER#019ad3c0-${String(i).padStart(4, '0')}-7000-8000-000000000000`);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    for (const n of counts) expect(n).toBeGreaterThan(700);
  });
});

describe('attributes', () => {
  it("carries the seed's order attributes one for one, plus the local order's other fields", () => {
    const stored = toTableItem(item('order'), { changedAt: PUSHED });
    expect(stored).toMatchObject({
      orderId: { S: ORDER_ID },
      customerId: { S: CUSTOMER_ID },
      orderNumber: { S: 'PS-2026-00042' },
      status: { S: 'In Progress' },
      vehicles: { L: [{ S: VEHICLE_ID }] },
      totalVehicles: { N: '1' },
      completedVehicles: { N: '0' },
      orderValue: { N: '1250000' },
      currency: { S: 'USD' },
      orderDate: { S: AT },
      estimatedCompletionDate: { S: '2026-12-24' },
      actualCompletionDate: { NULL: true },
      notes: { S: '' },
      createdAt: { S: AT },
      updatedAt: { S: AT },
      createdBy: { S: 'Casey Tester' },
      updatedBy: { S: 'Casey Tester' },
      version: { N: '3' },
      deleted: { BOOL: false },
      progress: { N: '0.3333' },
      targetCompletionDate: { NULL: true },
      cancelReason: { NULL: true },
      cancelSnapshot: { NULL: true },
    });
    // The id is stored once, under the seed's name.
    expect(stored).not.toHaveProperty('id');
  });

  it("stores each record's id under its own name", () => {
    expect(toTableItem(item('customer'), { changedAt: PUSHED }).customerId).toEqual({ S: CUSTOMER_ID });
    expect(toTableItem(item('vehicle'), { changedAt: PUSHED }).vehicleId).toEqual({ S: VEHICLE_ID });
    expect(toTableItem(item('stage_event'), { changedAt: PUSHED }).eventId).toEqual({ S: EVENT_ID });
    expect(toTableItem(item('audit'), { changedAt: PUSHED }).auditId).toEqual({ S: AUDIT_ID });
  });

  it('gives every mutable item version, updatedAt, updatedBy and deleted; audit entries are append-only', () => {
    for (const name of ['order', 'order_vehicle', 'customer', 'vehicle', 'stage_event']) {
      const record = toTableRecord(item(name), { changedAt: PUSHED });
      expect(record, name).toMatchObject({ version: expect.any(Number), updatedAt: AT, updatedBy: 'Casey Tester', deleted: false });
    }
    const audit = toTableRecord(item('audit'), { changedAt: PUSHED });
    expect(audit).not.toHaveProperty('version');
    expect(audit).not.toHaveProperty('deleted');
    expect(audit).toMatchObject({ deviceId: DEVICE_ID, seq: 42, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) });
  });

  it('versions a stage event 1 as recorded and 2 once retracted, by its retractor', () => {
    const event = item('stage_event');
    const retracted = { ...event.data, retractedAt: PUSHED, retractedBy: 'Morgan Manager', retractReason: 'Wrong vehicle.' };
    expect(toTableRecord(event, { changedAt: PUSHED })).toMatchObject({ version: 1, updatedAt: AT, updatedBy: 'Casey Tester' });
    expect(toTableRecord({ ...event, data: retracted }, { changedAt: PUSHED })).toMatchObject({
      version: 2,
      updatedAt: PUSHED,
      updatedBy: 'Morgan Manager',
    });
  });

  it('writes a tombstone as deleted = true', () => {
    expect(toTableItem(item('order_vehicle'), { changedAt: PUSHED, deleted: true }).deleted).toEqual({ BOOL: true });
  });
});

describe('the way back', () => {
  it.each(Object.keys(ITEMS))('reads a %s item back as the same record', (name) => {
    const original = item(name);
    const back = fromTableItem(toTableItem(original, { changedAt: PUSHED }));
    const version = name === 'audit' || name === 'payment' ? null : name === 'stage_event' ? 1 : original.data.version;
    expect(back).toEqual({ entity: original.entity, key: original.key, data: original.data, version, deleted: false });
  });

  it('reads an audit entry keyed by its chain place back with its id', () => {
    const entry = item('audit');
    const data = { ...entry.data, orderId: null };
    expect(fromTableItem(toTableItem({ ...entry, data }, { changedAt: PUSHED }))).toMatchObject({ key: { id: AUDIT_ID }, data });
  });

  it('reads a tombstone as deleted', () => {
    expect(fromTableItem(toTableItem(item('customer'), { changedAt: PUSHED, deleted: true }))?.deleted).toBe(true);
  });

  it('skips an item kind this version does not know (a newer Portside may add some)', () => {
    expect(fromTableItem({ PK: { S: `ORDER#${ORDER_ID}` }, SK: { S: 'MESSAGE#m1' } })).toBeNull();
    expect(fromTableItem({ PK: { S: 'COUNTER#ORDER_NUMBER' }, SK: { S: '2026' } })).toBeNull();
  });

  it('refuses an item whose attributes contradict its keys', () => {
    const stored = toTableItem(item('order'), { changedAt: PUSHED });
    expect(() => fromTableItem({ ...stored, orderId: { S: CUSTOMER_ID } })).toThrow(ItemMappingError);
    const event = toTableItem(item('stage_event'), { changedAt: PUSHED });
    expect(() => fromTableItem({ ...event, at: { S: PUSHED } })).toThrow(/belong under/);
  });
});

describe('refused items', () => {
  it('refuses data whose key fields differ from the outbox key', () => {
    expect(() => toTableRecord({ ...item('customer'), key: { id: ORDER_ID } }, { changedAt: PUSHED })).toThrow(/differs from its key/);
  });

  it('refuses ids that cannot be part of a key', () => {
    expect(() =>
      toTableRecord({ entity: 'customer', key: { id: 'a#b' }, data: { ...item('customer').data, id: 'a#b' } }, { changedAt: PUSHED }),
    ).toThrow(/without "#"/);
  });

  it('refuses a record field named like a table attribute', () => {
    expect(() => toTableRecord({ ...item('vehicle'), data: { ...item('vehicle').data, PK: 'x' } }, { changedAt: PUSHED })).toThrow(
      /field named PK/,
    );
  });

  it('refuses a mutable item without a version, and a deleted audit entry', () => {
    const { version: _version, ...unversioned } = item('customer').data;
    expect(() => toTableRecord({ ...item('customer'), data: unversioned }, { changedAt: PUSHED })).toThrow(/needs a version/);
    expect(() => toTableRecord(item('audit'), { changedAt: PUSHED, deleted: true })).toThrow(/append-only/);
  });
});

describe('attribute values', () => {
  it('keeps null, empty text, booleans, fractions, lists and maps exactly', () => {
    const value = { a: null, b: '', c: false, d: 0.1 + 0.2, e: [1, 'x', [null]], f: { g: { h: -0.5 } }, i: [] };
    const av = toAttributeValue(value, 'v');
    expect(fromAttributeValue(av, 'v')).toEqual(value);
  });

  it('refuses values DynamoDB cannot hold or Portside cannot read back exactly', () => {
    expect(() => marshallItem({ n: Number.NaN })).toThrow(/n is NaN/);
    expect(() => marshallItem({ when: new Date() })).toThrow(/when is a Date/);
    expect(() => fromAttributeValue({ N: '9007199254740993' }, 'orderValue')).toThrow(/too large/);
    expect(() => fromAttributeValue({ SS: ['a'] }, 'tags')).toThrow(/tags holds SS/);
  });
});
