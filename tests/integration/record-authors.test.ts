// Who made a record: rows and synced data carry the user's id, every answer of the API names them as they are called now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/auth/permissions';
import type { AuditEntryView } from '../../core/domain/audit';
import type { LoginResult } from '../../core/domain/auth';
import type { CustomerDetail, CustomerListItem, CustomerView } from '../../core/domain/customer';
import type { Order, Page } from '../../core/domain/order';
import { SYSTEM_USER_ID } from '../../core/domain/people';
import type { VehicleDetail, VehicleView } from '../../core/domain/vehicle';
import { fromCustomer } from '../../main/db/repos/customers-repo';
import { SYSTEM_ACTOR } from '../../main/services/unit-of-work';
import { type ApiHarness, expectError, expectOk, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { createCustomer, createOrder, lastOutboxSeq, outboxSince, snapshot, uniqueVin } from '../support/fixtures';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/** Another local account, signed in. */
async function signedInUser(username: string, displayName: string, roles: Role[] = ['CSR']): Promise<LoginResult> {
  api.backend.services.auth.createUser({ username, displayName, password: TEST_PASSWORD, roles });
  return api.signIn(username, TEST_PASSWORD);
}

function row(sql: string, id: string): Record<string, unknown> {
  return api.backend.db.prepare<[string], Record<string, unknown>>(sql).get(id) ?? {};
}

/** A customer, a vehicle with a stage recorded, and a Draft order holding it, all made by whoever `token` belongs to. */
async function recordsMadeBy(token: string) {
  const as = { token };
  const customer = expectOk(await api.call<CustomerView>('POST', '/customers', { name: 'Aroha Ngata' }, as), 201);
  const vehicle = expectOk(
    await api.call<VehicleView>('POST', '/vehicles', { vin: uniqueVin(), make: 'Toyota', model: 'Supra', year: 1998 }, as),
    201,
  );
  expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased' }, as), 201);
  const order = expectOk(
    await api.call<Order>(
      'POST',
      '/orders',
      { currency: 'USD', customerId: customer.id, vehicles: [{ vehicleId: vehicle.id, price: 100_000 }] },
      as,
    ),
    201,
  );
  return { customer, vehicle, order };
}

describe('who made a record', () => {
  it("keeps the user's id in the rows and in the data pushed to other devices, never the name", async () => {
    const seq = lastOutboxSeq(api.backend.db);
    const { customer, vehicle, order } = await recordsMadeBy(api.token);
    const me = api.user.id;

    expect(row(`SELECT created_by, updated_by FROM customers WHERE id = ?`, customer.id)).toEqual({ created_by: me, updated_by: me });
    expect(row(`SELECT created_by, updated_by FROM vehicles WHERE id = ?`, vehicle.id)).toEqual({ created_by: me, updated_by: me });
    expect(row(`SELECT created_by, updated_by FROM orders WHERE id = ?`, order.id)).toEqual({ created_by: me, updated_by: me });
    expect(row(`SELECT updated_by FROM order_vehicles WHERE order_id = ?`, order.id)).toEqual({ updated_by: me });
    expect(row(`SELECT recorded_by FROM vehicle_stage_events WHERE vehicle_id = ?`, vehicle.id)).toEqual({ recorded_by: me });

    const items = outboxSince(api.backend.db, seq).flatMap(
      (r) => JSON.parse(r.items) as { entity: string; data: Record<string, unknown> }[],
    );
    const records = items.filter((i) => i.entity !== 'audit');
    expect(new Set(records.map((i) => i.entity))).toEqual(
      new Set(['customer', 'vehicle', 'stage_event', 'order', 'order_follower', 'order_vehicle']),
    );
    for (const { entity, data } of records) {
      for (const field of ['createdBy', 'updatedBy', 'recordedBy'] as const) {
        if (field in data) expect(data[field], `${entity}.${field}`).toBe(me);
      }
      // Names are resolved on each device for display; they are not part of the synced record.
      expect(
        Object.keys(data).filter((k) => k.endsWith('ByName')),
        entity,
      ).toEqual([]);
      expect(JSON.stringify(data), entity).not.toContain(TEST_USER.displayName);
    }
  });

  it("shows the user's display name beside each id in every answer that carries one", async () => {
    const { customer, vehicle, order } = await recordsMadeBy(api.token);
    const named = { createdBy: api.user.id, createdByName: TEST_USER.displayName, updatedByName: TEST_USER.displayName };
    expect(customer).toMatchObject(named);
    expect(vehicle).toMatchObject(named);
    expect(order).toMatchObject(named);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`))).toMatchObject(named);
    expect(expectOk(await api.call<CustomerDetail>('GET', `/customers/${customer.id}`))).toMatchObject(named);
    const detail = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`));
    expect(detail).toMatchObject(named);
    expect(detail.stageHistory).toEqual([
      expect.objectContaining({ recordedBy: api.user.id, recordedByName: TEST_USER.displayName, retractedByName: null }),
    ]);
    const customers = expectOk(await api.call<Page<CustomerListItem>>('GET', '/customers?query=aroha'));
    expect(customers.items.find((c) => c.id === customer.id)).toMatchObject(named);
    const vehicles = expectOk(await api.call<Page<VehicleView>>('GET', '/vehicles?query=supra'));
    expect(vehicles.items.find((v) => v.id === vehicle.id)).toMatchObject(named);
  });

  it('names who changed a record last, and who it was when a stale change is refused', async () => {
    const morgan = await signedInUser('morgan', 'Morgan Manager', ['Manager']);
    const order = await createOrder(api);
    const changed = expectOk(
      await api.call<Order>('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Called.' }, { token: morgan.token }),
    );
    expect(changed).toMatchObject({ createdByName: TEST_USER.displayName, updatedBy: morgan.user.id, updatedByName: 'Morgan Manager' });

    const stale = expectError(await api.call('PUT', `/orders/${order.id}`, { version: order.version, notes: 'Mine.' }), 'CONFLICT');
    expect(stale.message).toContain(`${order.orderNumber} was changed by Morgan Manager after you opened it`);
    expect(stale.message).not.toContain(morgan.user.id);

    const customer = await createCustomer(api, { name: 'Hiro Ito' });
    expectOk(await api.call('PUT', `/customers/${customer.id}`, { version: customer.version, notes: 'VIP.' }, { token: morgan.token }));
    const refused = expectError(
      await api.call('PUT', `/customers/${customer.id}`, { version: customer.version, notes: 'Mine.' }),
      'CONFLICT',
    );
    expect(refused.message).toContain('Customer Hiro Ito was changed by Morgan Manager after you opened it');
  });

  it('shows a renamed user under the new name everywhere, without rewriting a single record', async () => {
    const jordan = await signedInUser('jordan', 'Jordan Lee');
    const { customer, vehicle, order } = await recordsMadeBy(jordan.token);
    const before = snapshot(api.backend.db);

    api.backend.db.prepare(`UPDATE users SET display_name = 'Jordan Lee-Park' WHERE id = ?`).run(jordan.user.id);

    expect(snapshot(api.backend.db)).toEqual(before);
    const renamed = { createdBy: jordan.user.id, createdByName: 'Jordan Lee-Park', updatedByName: 'Jordan Lee-Park' };
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`))).toMatchObject(renamed);
    expect(expectOk(await api.call<CustomerDetail>('GET', `/customers/${customer.id}`))).toMatchObject(renamed);
    const detail = expectOk(await api.call<VehicleDetail>('GET', `/vehicles/${vehicle.id}`));
    expect(detail).toMatchObject(renamed);
    expect(detail.stageHistory[0]).toMatchObject({ recordedBy: jordan.user.id, recordedByName: 'Jordan Lee-Park' });
    const vehicles = expectOk(await api.call<Page<VehicleView>>('GET', `/vehicles?query=supra`));
    expect(vehicles.items.find((v) => v.id === vehicle.id)).toMatchObject(renamed);
    // The order's history too; each entry still holds (and hashes) the name it was written under.
    const history = expectOk(await api.call<AuditEntryView[]>('GET', `/orders/${order.id}/audit`));
    expect(history.length).toBeGreaterThan(0);
    for (const entry of history) {
      expect(entry).toMatchObject({ actorId: jordan.user.id, actorName: 'Jordan Lee', actorDisplayName: 'Jordan Lee-Park' });
    }
  });

  it("shows what Portside did itself as Portside, under the stable id 'system'", async () => {
    const made = api.backend.services.customers.create(SYSTEM_ACTOR, { name: 'Seeded Customer' });
    expect(row(`SELECT created_by FROM customers WHERE id = ?`, made.id)).toEqual({ created_by: SYSTEM_USER_ID });
    expect(expectOk(await api.call<CustomerDetail>('GET', `/customers/${made.id}`))).toMatchObject({
      createdBy: SYSTEM_USER_ID,
      createdByName: 'Portside',
      updatedByName: 'Portside',
    });
  });
});

describe('a user of another device, known only from what was pulled', () => {
  const REMOTE = '0193b111-2222-7333-8444-555566667777';
  it('shows as an unknown user until an audit entry from their device names them, and then by their latest name', async () => {
    const at = '2026-03-02T09:00:00.000Z';
    const record = fromCustomer({
      id: '0193b111-0000-7000-8000-00000000c001',
      name: 'Pulled Customer',
      company: null,
      email: null,
      phone: null,
      address: null,
      preferredChannel: null,
      notes: null,
      type: 'private',
      segments: [],
      taxId: null,
      contacts: [],
      addresses: [],
      mergedInto: null,
      version: 1,
      createdAt: at,
      createdBy: REMOTE,
      updatedAt: at,
      updatedBy: REMOTE,
    });
    api.backend.services.deps.repos.customers.insert(record);
    const shown = async () => expectOk(await api.call<CustomerDetail>('GET', `/customers/${record.id}`)).createdByName;
    expect(await shown()).toBe('Unknown user (0193b111…)');

    insertPulledAuditEntry('e-remote-2', '2026-03-02T10:00:00.000Z', REMOTE, 'Remote Rep');
    expect(await shown()).toBe('Remote Rep');
    // An older entry arriving late does not bring back a name they have since stopped using.
    insertPulledAuditEntry('e-remote-1', '2026-03-01T10:00:00.000Z', REMOTE, 'Remote Rep (old name)');
    expect(await shown()).toBe('Remote Rep');
    insertPulledAuditEntry('e-remote-3', '2026-03-03T10:00:00.000Z', REMOTE, 'Remote Rep-Smith');
    expect(await shown()).toBe('Remote Rep-Smith');
  });
});

/** An audit entry of another device's chain, inserted as the pull applies one: straight into the audit table. */
function insertPulledAuditEntry(id: string, at: string, actorId: string, actorName: string): void {
  api.backend.db
    .prepare(
      `INSERT INTO audit_entries (id, at, actor_id, actor_name, entity_type, entity_id, order_id, action, changes, reason, origin,
         device_id, seq, prev_hash, hash)
       VALUES (?, ?, ?, ?, 'customer', 'c-remote', NULL, 'updated', '[]', NULL, 'local', 'other-device', ?, 'prev', 'hash')`,
    )
    .run(id, at, actorId, actorName, Number(id.slice(-1)));
}
