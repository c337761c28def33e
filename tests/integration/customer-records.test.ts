// Customer records through the HTTP API: profile fields, E.164 phones, segment and type filters, duplicates, merge and every refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuditEntry } from '../../core/domain/audit';
import type { CustomerDetail, CustomerListItem, CustomerMergeResult, CustomerView, DuplicateMatch } from '../../core/domain/customer';
import type { Order, Page } from '../../core/domain/order';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { createCustomer, createOrder, createVehicle, lastOutboxSeq, outboxSince, snapshot } from '../support/fixtures';

let api: ApiHarness;
let managerToken: string;
let n = 0;
/** A fresh e-mail and phone each call, so customers of one test never match another's. */
const unique = () => {
  n += 1;
  return { email: `person${n}@example.com`, phone: `+64 21 ${String(600_000 + n)}` };
};

beforeAll(async () => {
  api = await startApi();
  api.backend.services.auth.createUser({ username: 'mona', displayName: 'Mona Manager', password: TEST_PASSWORD, roles: ['Manager'] });
  managerToken = (await api.signIn('mona', TEST_PASSWORD)).token;
});
afterAll(async () => {
  await api.close();
});

const post = (body: Record<string, unknown>) => api.call<CustomerView>('POST', '/customers', body);
const auditOf = (id: string) =>
  api.backend.db.prepare<[string], StoredAuditEntry>(`SELECT * FROM audit_entries WHERE entity_id = ? ORDER BY rowid`).all(id);

/** Asserts `refused` changed no row of any domain table and queued no change set. */
async function changesNothing(refused: () => Promise<unknown>): Promise<void> {
  const before = snapshot(api.backend.db);
  const seq = lastOutboxSeq(api.backend.db);
  await refused();
  expect(snapshot(api.backend.db)).toEqual(before);
  expect(outboxSince(api.backend.db, seq)).toEqual([]);
}

describe('a customer record', () => {
  it('keeps type, segments, tax id, contacts and addresses, with every phone in E.164', async () => {
    const created = expectOk(
      await post({
        name: 'Kenji Sato',
        company: 'Sato Trading',
        phone: '020 7946 0018',
        email: 'Kenji@Example.com',
        type: 'dealer',
        segments: [' trade ', 'JDM enthusiast'],
        taxId: 'GB123456789',
        contacts: [{ name: 'Yui Sato', role: 'Buyer', phone: '+81 90-1234-5678' }],
        addresses: [{ label: 'Billing', lines: ['1 Dock Rd'], city: 'Southampton', postcode: 'SO14 3GG', country: 'United Kingdom' }],
      }),
      201,
    );
    expect(created).toMatchObject({
      phone: '+442079460018',
      email: 'Kenji@Example.com',
      type: 'dealer',
      segments: ['trade', 'JDM enthusiast'],
      taxId: 'GB123456789',
      contacts: [{ name: 'Yui Sato', role: 'Buyer', email: null, phone: '+819012345678' }],
      addresses: [{ label: 'Billing', lines: ['1 Dock Rd'], city: 'Southampton', postcode: 'SO14 3GG', country: 'United Kingdom' }],
      mergedInto: null,
    });
  });

  it('is a private buyer unless told otherwise', async () => {
    expect(expectOk(await post({ name: 'Plain Person' }), 201)).toMatchObject({
      type: 'private',
      segments: [],
      contacts: [],
      addresses: [],
    });
  });

  it('refuses a phone that is no valid number with a 400 naming the field and an example, changing nothing', async () => {
    await changesNothing(async () => {
      const body = expectError(await post({ name: 'Bad Phone', phone: '123456' }), 'VALIDATION');
      expect(body.fields).toEqual({ phone: expect.stringMatching(/not a valid phone number.*e\.g\. \+44 20 7946 0018/) });
      const contact = expectError(await post({ name: 'Bad Contact', contacts: [{ name: 'X', phone: '0000000' }] }), 'VALIDATION');
      expect(Object.keys(contact.fields ?? {})).toEqual(['contacts.0.phone']);
    });
  });

  it('edits every field at its version and refuses a stale version with the current record', async () => {
    const c = expectOk(await post({ name: 'Edit Me', ...unique() }), 201);
    const edited = expectOk(
      await api.call<CustomerView>('PUT', `/customers/${c.id}`, {
        version: c.version,
        type: 'fleet',
        segments: ['repeat'],
        taxId: 'NZ-1',
        contacts: [{ name: 'Fleet Manager', email: 'fleet@example.com' }],
        addresses: [{ label: 'Delivery', lines: ['2 Wharf Rd', 'Unit 4'] }],
      }),
    );
    expect(edited).toMatchObject({ version: 2, type: 'fleet', segments: ['repeat'], taxId: 'NZ-1' });
    await changesNothing(async () => {
      const stale = expectError(await api.call('PUT', `/customers/${c.id}`, { version: 1, taxId: null }), 'CONFLICT');
      expect(stale.current).toMatchObject({ id: c.id, version: 2, taxId: 'NZ-1' });
    });
    const changes = auditOf(c.id).at(-1);
    expect(changes?.action).toBe('updated');
  });
});

describe('customer lists', () => {
  it('filter by type and by segment (ignoring case), with order counts and the open balance per currency', async () => {
    const fleet = await createCustomer(api, { name: 'Listed Fleet Co', type: 'fleet', segments: ['Listing-Test'] });
    await createCustomer(api, { name: 'Listed Private', segments: ['listing-other'] });
    const vehicle = await createVehicle(api);
    await createOrder(api, { customerId: fleet.id, vehicles: [{ vehicleId: vehicle.id, price: 2_500_000 }] });

    const bySegment = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?segment=listing-test'));
    expect(bySegment.items.map((c) => c.name)).toEqual(['Listed Fleet Co']);
    expect(bySegment.items[0]).toMatchObject({ openOrders: 1, totalOrders: 1, openBalance: [{ currency: 'USD', amount: 2_500_000 }] });
    const byType = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?type=fleet&query=listed'));
    expect(byType.items.map((c) => c.name)).toEqual(['Listed Fleet Co']);
    expectError(await api.call('GET', '/customers?type=trader'), 'VALIDATION');
  });

  it('uses the segment index to filter', () => {
    const plan = api.backend.services.deps.repos.customers.listQueryPlan({ segment: 'trade', limit: 50 }).join('\n');
    // Each listed row is checked with one probe of the segments' key, never a read of its JSON.
    expect(plan).toMatch(/SEARCH s USING COVERING INDEX \w*customer_segments\w* \(customer_id=\? AND segment_key=\?\)/);
  });
});

describe('likely duplicates', () => {
  it('are listed with their reasons: same email, same phone in any format, similar name at the same company', async () => {
    const original = expectOk(
      await post({ name: 'Aroha Ngata', company: 'Ngata Motors Ltd', email: 'aroha.dup@example.com', phone: '+64 21 555 0177' }),
      201,
    );
    const byEmail = expectOk(await api.call<{ items: DuplicateMatch[] }>('GET', '/customers/duplicates?email=AROHA.DUP@example.com'));
    expect(byEmail.items).toEqual([{ customer: expect.objectContaining({ id: original.id }), reasons: ['same_email'] }]);
    const byPhone = expectOk(
      await api.call<{ items: DuplicateMatch[] }>('GET', `/customers/duplicates?phone=${encodeURIComponent('+64 (21) 555-0177')}`),
    );
    expect(byPhone.items[0]?.reasons).toEqual(['same_phone']);
    const byName = expectOk(
      await api.call<{ items: DuplicateMatch[] }>('GET', '/customers/duplicates?name=aroha%20ngatta&company=NGATA%20MOTORS%2C%20LTD.'),
    );
    expect(byName.items[0]?.reasons).toEqual(['similar_name_and_company']);
    const excluded = expectOk(
      await api.call<{ items: DuplicateMatch[] }>('GET', `/customers/duplicates?email=aroha.dup@example.com&excludeId=${original.id}`),
    );
    expect(excluded.items).toEqual([]);
  });

  it('refuse a create with 409 CONFLICT listing the matches, changing nothing, until allowDuplicate', async () => {
    const original = expectOk(await post({ name: 'Dup Original', email: 'dup.create@example.com' }), 201);
    await changesNothing(async () => {
      const body = expectError(await post({ name: 'Someone Else', email: 'Dup.Create@example.com' }), 'CONFLICT');
      expect(body.message).toMatch(/Dup Original \(same email\)/);
      expect(body.duplicates).toEqual([{ customer: expect.objectContaining({ id: original.id }), reasons: ['same_email'] }]);
    });
    expectOk(await post({ name: 'Someone Else', email: 'Dup.Create@example.com', allowDuplicate: true }), 201);
  });

  it('refuse an edit that makes a customer a duplicate, but not an edit of other fields', async () => {
    expectOk(await post({ name: 'Phone Owner', phone: '+64 21 555 0188' }), 201);
    const other = expectOk(await post({ name: 'Phone Taker', ...unique() }), 201);
    await changesNothing(async () => {
      const body = expectError(
        await api.call('PUT', `/customers/${other.id}`, { version: other.version, phone: '021 555 0188' }),
        'VALIDATION',
      );
      expect(body.fields).toHaveProperty('phone'); // GB is the default region: a NZ number needs its +64
      expectError(await api.call('PUT', `/customers/${other.id}`, { version: other.version, phone: '+64 21 555 0188' }), 'CONFLICT');
    });
    const notes = expectOk(await api.call<CustomerView>('PUT', `/customers/${other.id}`, { version: other.version, notes: 'Called.' }));
    expectOk(await api.call('PUT', `/customers/${other.id}`, { version: notes.version, phone: '+64 21 555 0188', allowDuplicate: true }));
  });
});

describe('merging duplicates', () => {
  async function pair() {
    const target = expectOk(
      await post({ name: 'Merge Target', email: `t${++n}@example.com`, segments: ['repeat'], contacts: [{ name: 'Tia' }] }),
      201,
    );
    const source = expectOk(
      await post({
        name: 'Merge Source',
        email: `s${++n}@example.com`,
        phone: `+64 21 ${String(700_000 + n)}`,
        taxId: 'TAX-9',
        segments: ['Repeat', 'trade'],
        addresses: [{ label: 'Billing', lines: ['9 Pier St'] }],
      }),
      201,
    );
    const vehicles = [await createVehicle(api), await createVehicle(api)];
    const orders: Order[] = [];
    for (const v of vehicles)
      orders.push(await createOrder(api, { customerId: source.id, vehicles: [{ vehicleId: v.id, price: 100_000 }] }));
    return { target, source, orders };
  }
  const merge = (targetId: string, body: Record<string, unknown>, token = managerToken) =>
    api.call<CustomerMergeResult>('POST', `/customers/${targetId}/merge`, body, { token });

  it('moves every order, fills empty fields, unions lists and retires the duplicate, in one audited change set', async () => {
    const { target, source, orders } = await pair();
    const seq = lastOutboxSeq(api.backend.db);
    const result = expectOk(await merge(target.id, { sourceId: source.id, version: target.version, sourceVersion: source.version }));
    expect(result.movedOrders.map((o) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(result.customer).toMatchObject({
      id: target.id,
      version: target.version + 1,
      email: target.email,
      phone: source.phone,
      taxId: 'TAX-9',
      segments: ['repeat', 'trade'],
      addresses: [{ label: 'Billing', lines: ['9 Pier St'] }],
    });
    // The source's own e-mail is kept as a contact, since the target keeps its own.
    expect(result.customer.contacts).toEqual([
      { name: 'Tia', role: null, email: null, phone: null },
      { name: 'Merge Source', role: 'From merged record', email: source.email, phone: null },
    ]);

    const detail = expectOk(await api.call<CustomerDetail>('GET', `/customers/${target.id}`));
    expect(detail.orders.map((o) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(detail.mergedFrom).toEqual([{ id: source.id, name: 'Merge Source' }]);
    expect(detail.lifetimeValue).toEqual([{ currency: 'USD', amount: 200_000 }]);
    const gone = expectError(await api.call('GET', `/customers/${source.id}`), 'NOT_FOUND');
    expect(gone.message).toMatch(/was merged into Merge Target/);
    const listed = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?query=merge%20source'));
    expect(listed.items.map((c) => c.id)).not.toContain(source.id);

    expect(auditOf(target.id).at(-1)?.action).toBe('merged');
    expect(auditOf(source.id).at(-1)).toMatchObject({ action: 'merged' });
    for (const o of orders) expect(auditOf(o.id).at(-1)).toMatchObject({ action: 'customer_changed', reason: 'Customer records merged.' });
    const sets = outboxSince(api.backend.db, seq);
    expect(sets.map((s) => s.operation)).toEqual(['customers.merge']);
    const items = JSON.parse(sets[0]?.items ?? '[]') as { entity: string; data: Record<string, unknown> }[];
    expect(items.filter((i) => i.entity === 'order').map((i) => i.data.customerId)).toEqual([target.id, target.id]);
    expect(items.find((i) => i.entity === 'customer' && i.data.id === source.id)?.data.mergedInto).toBe(target.id);
  });

  it("brings the duplicate's payments, communication and balance along with its orders", async () => {
    const { target, source, orders } = await pair();
    const [first] = orders;
    if (!first) throw new Error('an order expected');
    const confirmed = expectOk(await api.call<Order>('PUT', `/orders/${first.id}`, { version: first.version, status: 'Confirmed' }));
    const deposit = { kind: 'deposit', amount: 30_000, currency: 'USD', method: 'card' };
    expectOk(await api.call('POST', `/orders/${confirmed.id}/payments`, deposit), 201);
    const call = { channel: 'phone', direction: 'in', body: 'Called about the merge test order.' };
    expectOk(await api.call('POST', `/orders/${confirmed.id}/communication`, call), 201);

    const before = expectOk(await api.call<CustomerDetail>('GET', `/customers/${source.id}`));
    expect(before.communication.map((c) => c.body)).toEqual(['Called about the merge test order.']);
    expect(before.outstandingBalance).toEqual([{ currency: 'USD', amount: 170_000 }]);
    expectOk(await merge(target.id, { sourceId: source.id, version: target.version, sourceVersion: source.version }));

    const after = expectOk(await api.call<CustomerDetail>('GET', `/customers/${target.id}`));
    expect(after.communication.map((c) => c.body)).toEqual(['Called about the merge test order.']);
    expect(after.outstandingBalance).toEqual([{ currency: 'USD', amount: 170_000 }]);
    const moved = after.orders.find((o) => o.id === confirmed.id);
    expect(moved).toMatchObject({ paid: 30_000, balanceDue: 70_000, paymentStatus: 'Deposit paid' });
  });

  it('is for Managers and Admins: a CSR gets 403 and nothing changes', async () => {
    const { target, source } = await pair();
    await changesNothing(async () => {
      expectError(await merge(target.id, { sourceId: source.id, version: 1, sourceVersion: 1 }, api.token), 'FORBIDDEN');
    });
  });

  it('refuses a merge into itself, into or from a merged customer, and stale versions, each changing nothing', async () => {
    const { target, source } = await pair();
    await changesNothing(async () => {
      const self = expectError(await merge(target.id, { sourceId: target.id, version: 1, sourceVersion: 1 }), 'VALIDATION');
      expect(self.fields).toHaveProperty('sourceId');
      const stale = expectError(await merge(target.id, { sourceId: source.id, version: 7, sourceVersion: 1 }), 'CONFLICT');
      expect(stale.fields).toHaveProperty('version');
      const staleSource = expectError(await merge(target.id, { sourceId: source.id, version: 1, sourceVersion: 3 }), 'CONFLICT');
      expect(staleSource.fields).toHaveProperty('sourceVersion');
      expectError(await merge(target.id, { sourceId: 'no-such-customer', version: 1, sourceVersion: 1 }), 'NOT_FOUND');
    });
    expectOk(await merge(target.id, { sourceId: source.id, version: 1, sourceVersion: 1 }));
    const third = expectOk(await post({ name: 'Third One', ...unique() }), 201);
    await changesNothing(async () => {
      const into = expectError(await merge(source.id, { sourceId: third.id, version: 2, sourceVersion: 1 }), 'RULE_VIOLATION');
      expect(into.message).toMatch(/already merged into Merge Target: merge into Merge Target instead/);
      const again = expectError(await merge(third.id, { sourceId: source.id, version: 1, sourceVersion: 2 }), 'RULE_VIOLATION');
      expect(again.fields).toHaveProperty('sourceId');
    });
  });
});
