// Shared machinery of the hostile-input suites: the records each case starts from, valid base requests, write counters, and the judge of a response.
import { randomUUID } from 'node:crypto';
import { contract, type OperationName } from '../../core/api/contract';
import { type ErrorBody, ERROR_STATUS, isErrorBody } from '../../core/api/errors';
import type { Order } from '../../core/domain/order';
import type { Vehicle, VehicleDetail } from '../../core/domain/vehicle';
import { type ApiHarness, type ApiResponse, expectOk, TEST_USER } from './api-harness';
import { createCustomer, createOrder, createVehicle, createVehicles, DOMAIN_TABLES, uniqueVin } from './fixtures';
import type { BaseRequest, HostileCase } from './hostile-cases';

/** Real records for the cases to point at, so that each reaches validation. */
export interface World {
  customerId: string;
  /** A Draft order of `customerId` holding `linkedVehicleId`. */
  order: Order;
  linkedVehicleId: string;
  /** On no order: what addVehicle and create put on an order. */
  freeVehicleId: string;
  /** At "pending": recordStage records "purchased" on it. */
  pendingVehicleId: string;
  /** With one recorded stage event, the latest: what retractStage retracts. */
  stagedVehicle: VehicleDetail;
  /** The latest stage event of another vehicle than `stagedVehicle`. */
  otherEventId: string;
  /** A call logged on `order`: what a correction refers to. */
  communicationId: string;
}

/** Creates the records every case starts from, and the write counters that prove a refusal changed nothing. */
export async function setUpWorld(api: ApiHarness): Promise<World> {
  const customer = await createCustomer(api);
  const [linked, free, pending] = await createVehicles(api, 3);
  if (!linked || !free || !pending) throw new Error('fixture vehicles missing');
  const order = await createOrder(api, { customerId: customer.id, vehicles: [{ vehicleId: linked.id, price: 100_000 }] });
  const call = expectOk(
    await api.call<{ id: string }>('POST', `/orders/${order.id}/communication`, {
      channel: 'phone',
      direction: 'in',
      body: 'Asked about the ETA.',
    }),
    201,
  );
  installWriteCounters(api);
  return {
    customerId: customer.id,
    order,
    linkedVehicleId: linked.id,
    freeVehicleId: free.id,
    pendingVehicleId: pending.id,
    stagedVehicle: await stagedVehicle(api),
    otherEventId: (await stagedVehicle(api)).stageHistory.at(-1)?.id ?? 'missing',
    communicationId: call.id,
  };
}

/** A new vehicle with one recorded stage event. */
async function stagedVehicle(api: ApiHarness): Promise<VehicleDetail> {
  const vehicle = await createVehicle(api);
  return expectOk(
    await api.call<VehicleDetail>('POST', `/vehicles/${vehicle.id}/stages`, { stage: 'purchased', note: 'Bought at auction.' }),
    201,
  );
}

/** The current version of a record, read from the database (accepted cases move it on). */
let createdCustomers = 0;

export function versionOf(api: ApiHarness, table: 'orders' | 'customers' | 'users', id: string): number {
  return api.backend.db.prepare<[string], { version: number }>(`SELECT version FROM ${table} WHERE id = ?`).get(id)?.version ?? 1;
}

/** A Draft order of two fresh vehicles, for a removal that is meant to succeed. */
async function freshTwoVehicleOrder(api: ApiHarness, world: World): Promise<{ order: Order; vehicles: Vehicle[] }> {
  const vehicles = await createVehicles(api, 2);
  const order = await createOrder(api, {
    customerId: world.customerId,
    vehicles: vehicles.map((v) => ({ vehicleId: v.id, price: 100_000 })),
  });
  return { order, vehicles };
}

/**
 * A valid request for `operation` on real records, so that each case reaches validation and only
 * its hostile part is wrong. `fresh`: the case is meant to be accepted, so it gets records of its
 * own to change (a recorded stage or a removal cannot be repeated on the same ones).
 */
export async function baseRequest(api: ApiHarness, world: World, operation: OperationName, fresh: boolean): Promise<BaseRequest> {
  const vehicleId = world.freeVehicleId;
  const order = world.order;
  /** Customers' fields get an order's id, vehicles' a customer's, orders' a vehicle's, a stage event another vehicle's event. */
  const foreignId = (field: string): string => {
    if (field === 'eventId') return world.otherEventId;
    if (field === 'customerId' || operation.startsWith('customers.')) return world.order.id;
    if (field === 'vehicleId' || operation.startsWith('vehicles.')) return world.customerId;
    return world.pendingVehicleId;
  };
  const make = (params: Record<string, string>, input: Record<string, unknown>): BaseRequest => ({
    params,
    input,
    vehicleId,
    foreignId,
  });
  switch (operation) {
    case 'system.info':
    case 'auth.logout':
    case 'auth.me':
    case 'auth.eventsTicket':
    case 'audit.verify':
    case 'sync.status':
    case 'sync.conflicts.list':
    case 'sync.changes.list':
    case 'sync.now':
    case 'notifications.preferences.get':
      return make({}, {});
    case 'notifications.list':
      return make({}, { unreadOnly: 'true', limit: 10 });
    case 'notifications.read':
      // Ids of no notification of this user are ignored, as if unknown: accepted, nothing marked.
      return make({}, { ids: [world.order.id] });
    case 'notifications.preferences.set':
      return make({}, { preferences: [{ eventType: 'stage', inApp: true, desktop: false }] });
    case 'orders.follow':
    case 'orders.unfollow':
      return make({ id: order.id }, {});
    case 'orders.reassign':
      // To the signed-in user, who created the order: accepted, nothing changes.
      return make({ id: order.id }, { version: versionOf(api, 'orders', order.id), assigneeId: api.user.id });
    case 'sync.conflicts.resolve':
      return make(
        { id: openNotesConflict(api, order.id) },
        { choice: 'edit', value: 'Agreed on the phone.', reason: 'Checked with the customer.' },
      );
    case 'sync.changes.retry':
      return make({ id: parkedChangeSet(api) }, {});
    case 'users.unlockSignIn':
      return make({ username: TEST_USER.username }, {});
    // Local mode: the cloud-only steps answer 409 to a valid request ("ask an administrator").
    case 'auth.completeNewPassword':
      return make({}, { username: 'nobody-here', session: 'x'.repeat(43), newPassword: 'New-password-1' });
    case 'auth.forgotPassword':
      return make({}, { username: 'nobody-here' });
    case 'auth.confirmForgotPassword':
      return make({}, { username: 'nobody-here', code: '123456', newPassword: 'New-password-1' });
    case 'auth.logoutEverywhere':
      // Only the request as a whole can be hostile (unknown fields, a body that is no object): always refused before it runs.
      return make({}, {});
    case 'auth.login':
      // No such user: a case that passes validation is a failed sign-in (401), never a session.
      return make({}, { username: 'nobody-here', password: 'not the password' });
    case 'customers.list':
      return make({}, { query: 'Aroha', type: 'private', segment: 'repeat', limit: 10 });
    case 'customers.duplicates':
      return make(
        {},
        { name: 'Aroha Ngata', email: 'aroha@example.com', phone: '+64 21 555 0101', company: 'Ngata', excludeId: world.customerId },
      );
    case 'customers.merge': {
      // Each case merges a fresh pair (written directly: hundreds of cases): an accepted merge leaves its duplicate merged for good.
      const { customers } = api.backend.services;
      const actor = { id: api.user.id, name: api.user.displayName, roles: api.user.roles };
      const target = fresh
        ? customers.create(actor, { name: 'Merge Target', allowDuplicate: true })
        : { id: world.customerId, version: versionOf(api, 'customers', world.customerId) };
      const source = customers.create(actor, { name: 'Merge Source', allowDuplicate: true });
      return make({ id: target.id }, { sourceId: source.id, version: target.version, sourceVersion: source.version });
    }
    case 'customers.create':
      return make(
        {},
        {
          // Unique per case, so a case that leaves out allowDuplicate is no duplicate of an earlier one.
          name: 'Mere Tane',
          company: `Tane Imports ${++createdCustomers}`,
          email: `mere${createdCustomers}@example.com`,
          phone: `+64 21 ${String(300_000 + createdCustomers)}`,
          address: '1 Quay St',
          preferredChannel: 'email',
          notes: 'Prefers mornings.',
          type: 'dealer',
          segments: ['repeat', 'JDM enthusiast'],
          taxId: 'GB123456789',
          contacts: [{ name: 'Sam Tane', role: 'Buyer', email: 'sam@example.com', phone: '+64 21 555 0142' }],
          addresses: [{ label: 'Billing', lines: ['1 Quay St'], city: 'Auckland', postcode: '1010', country: 'New Zealand' }],
          allowDuplicate: true,
        },
      );
    case 'customers.get':
      return make({ id: world.customerId }, {});
    case 'customers.update':
      return make(
        { id: world.customerId },
        {
          version: versionOf(api, 'customers', world.customerId),
          company: 'Ngata Motors',
          notes: 'Updated.',
          type: 'fleet',
          segments: ['trade'],
          taxId: 'NZ-99',
          contacts: [{ name: 'Ana Ngata' }],
          addresses: [{ label: 'Delivery', lines: ['2 Wharf Rd'] }],
          allowDuplicate: true,
        },
      );
    case 'vehicles.list':
      return make({}, { query: 'Toyota', available: 'true', stage: 'pending', limit: 10 });
    case 'vehicles.create':
      return make(
        {},
        {
          vin: uniqueVin(),
          make: 'Toyota',
          model: 'Aqua',
          year: 2020,
          colour: 'Silver',
          originCountry: 'Japan',
          originPort: 'Yokohama',
          purchasePrice: 900_000,
          currency: 'USD',
          etaDelivery: '2027-04-01',
        },
      );
    case 'vehicles.get':
      return make({ id: world.pendingVehicleId }, {});
    case 'vehicles.recordStage':
      return make(
        { id: fresh ? (await createVehicle(api)).id : world.pendingVehicleId },
        { stage: 'purchased', note: 'Bought at auction.' },
      );
    case 'vehicles.retractStage': {
      // An accepted retraction takes back the event: it gets a vehicle and event of its own.
      const staged = fresh ? await stagedVehicle(api) : world.stagedVehicle;
      const event = staged.stageHistory.at(-1);
      return make({ id: staged.id, eventId: event?.id ?? 'missing' }, { reason: 'Recorded on the wrong vehicle.' });
    }
    case 'orders.list':
      return make({}, { status: 'Draft', customerId: world.customerId, query: 'Aroha', limit: 10 });
    case 'orders.create': {
      const lineVehicle = fresh ? (await createVehicle(api)).id : vehicleId;
      return make(
        {},
        {
          customerId: world.customerId,
          currency: 'USD',
          vehicles: [{ vehicleId: lineVehicle, price: 150_000 }],
          notes: 'Deposit paid.',
          estimatedCompletionDate: '2027-06-30',
        },
      );
    }
    case 'orders.get':
    case 'orders.audit':
    case 'orders.analytics':
      return make({ id: order.id }, {});
    case 'orders.update': {
      // An accepted update may clear the customer or notes: it gets an order of its own.
      const target = fresh
        ? await createOrder(api, { customerId: world.customerId, vehicles: [{ vehicleId: (await createVehicle(api)).id }] })
        : order;
      return make(
        { id: target.id },
        { version: versionOf(api, 'orders', target.id), notes: 'Call before delivery.', estimatedCompletionDate: '2027-06-30' },
      );
    }
    case 'orders.addVehicle':
      return make({ id: order.id }, { version: versionOf(api, 'orders', order.id), vehicleId, price: 120_000 });
    case 'orders.removeVehicle': {
      if (!fresh)
        return make(
          { id: order.id, vehicleId: world.linkedVehicleId },
          { version: versionOf(api, 'orders', order.id), reason: 'Customer changed their mind.' },
        );
      const { order: own, vehicles } = await freshTwoVehicleOrder(api, world);
      return make(
        { id: own.id, vehicleId: vehicles[0]?.id ?? 'missing' },
        { version: own.version, reason: 'Customer changed their mind.' },
      );
    }
    case 'orders.updateVehicle':
      return make({ id: order.id, vehicleId: world.linkedVehicleId }, { version: versionOf(api, 'orders', order.id), price: 130_000 });
    case 'payments.list':
      return make({ id: order.id }, {});
    case 'payments.record': {
      // An accepted payment uses up balance: it gets an order of its own.
      const target = fresh
        ? await createOrder(api, { customerId: world.customerId, vehicles: [{ vehicleId: (await createVehicle(api)).id, price: 100_000 }] })
        : order;
      return make(
        { id: target.id },
        { kind: 'deposit', amount: 1_000, currency: 'USD', method: 'bank_transfer', reference: 'TT-1', paidAt: new Date().toISOString() },
      );
    }
    case 'settings.paymentSchedule.get':
      return make({}, {});
    case 'settings.paymentSchedule.update':
      return make({}, { depositPercent: 15 });
    case 'templates.list':
      return make({}, { channel: 'email' });
    case 'templates.create':
      return make({}, { name: 'Deposit received', channel: 'email', subject: 'Deposit received for {{order.number}}', body: 'Thank you.' });
    case 'templates.update': {
      const template = await customTemplate(api);
      return make({ id: template.id }, { version: template.version, name: 'Renamed', subject: 'About {{order.number}}', body: 'Hello.' });
    }
    case 'templates.delete': {
      const template = await customTemplate(api);
      return make({ id: template.id }, { version: template.version });
    }
    case 'templates.preview':
      return make({}, { orderId: order.id, subject: 'Order {{order.number}}', body: 'Dear {{customer.name}},' });
    case 'communication.list':
      return make({ id: order.id }, {});
    case 'orders.timeline':
      return make({ id: order.id }, { limit: 20 });
    case 'communication.log':
      return make(
        { id: order.id },
        {
          channel: 'phone',
          direction: 'out',
          subject: 'Shipping date',
          body: 'Called about the shipping date.\nShe will call back.',
          vehicleIds: [world.linkedVehicleId],
          correctsId: world.communicationId,
          templateKey: 'status_update',
        },
      );
    case 'communication.retry':
      return make({ id: order.id, entryId: world.communicationId }, {});
    case 'tasks.listForOrder':
      return make({ id: order.id }, {});
    case 'users.list':
      return make({}, {});
    case 'tasks.list':
      return make({}, { assignee: 'all', bucket: 'upcoming', limit: 10 });
    case 'analytics.dashboard':
      return make({}, { from: '2026-01-01', to: '2026-12-31', currency: 'GBP', staleDays: 14 });
    case 'tasks.create':
      return {
        ...make(
          { id: order.id },
          {
            title: 'Call about the deposit',
            assigneeId: testUserId(api),
            dueDate: '2027-03-01',
            vehicleId: world.linkedVehicleId,
            notes: 'Ask for the receipt.',
          },
        ),
        vehicleId: world.linkedVehicleId,
      };
    case 'tasks.update': {
      const task = await taskOn(api, order.id);
      return make({ id: task.id }, { version: task.version, title: 'Call again', dueDate: '2027-03-02', notes: 'Left a message.' });
    }
    case 'tasks.complete': {
      const task = await taskOn(api, order.id);
      return make({ id: task.id }, { version: task.version, next: { title: 'Check the transfer', dueDate: '2027-03-08' } });
    }
    case 'users.accounts':
      return make({}, {});
    case 'users.signInHistory':
      return make({}, { username: TEST_USER.username, limit: 10 });
    case 'users.create':
      // A new name each time: an accepted case creates its account.
      return make(
        {},
        { username: `colleague-${++createdAccounts}`, displayName: 'New Colleague', roles: ['CSR'], password: SPARE_PASSWORD },
      );
    case 'users.update': {
      // Never the signed-in Admin: an accepted "disabled: true" disables the spare colleague, not the suite's account.
      const spare = spareColleague(api);
      return make(
        { id: spare },
        { version: versionOf(api, 'users', spare), displayName: 'Spare Colleague', roles: ['CSR'], disabled: false },
      );
    }
    case 'users.resetPassword':
      return make({ id: spareColleague(api) }, { password: SPARE_PASSWORD });
  }
}

let createdAccounts = 0;
const SPARE_PASSWORD = 'harbour lights at dawn';

/** A CSR account the user-administration cases change (created once per backend). */
function spareColleague(api: ApiHarness): string {
  const { users } = api.backend.services.deps.repos;
  const existing = users.byUsername('spare-colleague');
  if (existing) return existing.id;
  return api.backend.services.auth.createUser({
    username: 'spare-colleague',
    displayName: 'Spare Colleague',
    password: SPARE_PASSWORD,
    roles: ['CSR'],
  }).id;
}

/** A new custom template (each case changes or deletes its own; the defaults cannot be deleted). */
async function customTemplate(api: ApiHarness): Promise<{ id: string; version: number }> {
  const body = { name: 'Follow-up', channel: 'any', body: 'Checking in about {{order.number}}.' };
  return expectOk(await api.call<{ id: string; version: number }>('POST', '/templates', body), 201);
}

/** The signed-in test user's id: who tasks are assigned to. */
function testUserId(api: ApiHarness): string {
  return api.backend.services.deps.repos.users.byUsername(TEST_USER.username)?.id ?? 'missing';
}

/** A new open task on the order (each case changes or completes its own). */
async function taskOn(api: ApiHarness, orderId: string): Promise<{ id: string; version: number }> {
  return expectOk(
    await api.call<{ id: string; version: number }>('POST', `/orders/${orderId}/tasks`, {
      title: 'Chase the deposit',
      dueDate: '2027-02-01',
    }),
    201,
  );
}

/** A new open conflict on the order's notes, as the sync merge records one (each case resolves its own). */
export function openNotesConflict(api: ApiHarness, orderId: string): string {
  const id = randomUUID();
  const { db, repos } = api.backend.services.deps;
  // The other device's user, known here by name through an audit entry it pulled (the people directory).
  db.prepare(`INSERT OR IGNORE INTO people (id, display_name, seen_at) VALUES ('user-on-another-device', 'Another CSR', '')`).run();
  repos.syncConflicts.insert({
    id,
    entity: 'order',
    key: { id: orderId },
    itemKey: `order:${orderId}`,
    orderId,
    field: 'notes',
    kind: 'field',
    base: 'Before.',
    mine: 'Mine.',
    theirs: 'Theirs.',
    myAuthor: repos.users.byUsername(TEST_USER.username)?.id ?? null,
    myAt: '2026-11-30T08:00:00.000Z',
    theirAuthor: 'user-on-another-device',
    theirAt: '2026-11-30T08:01:00.000Z',
    message: 'Both devices changed the notes.',
    changeSetId: null,
    createdAt: new Date().toISOString(),
  });
  return id;
}

/** A new change set parked as refused by DynamoDB (what retry puts back in the queue). */
export function parkedChangeSet(api: ApiHarness): string {
  const { outbox } = api.backend.services.deps.repos;
  const id = randomUUID();
  outbox.append({ id, createdAt: new Date().toISOString(), actorId: null, operation: 'customers.update', items: [] });
  outbox.park(id, { reason: 'rejected', message: 'ValidationException: Item size has exceeded the maximum allowed size', remoteItems: [] });
  return id;
}

export type Digest = Record<string, number>;

/**
 * Counts every row written to a domain table on the backend's connection, through TEMP triggers
 * (they live in this connection only, never in the database file). A write rolled back with its
 * transaction rolls its count back too, so equal counts mean no table changed. Reading them is
 * one query, where hashing every row before and after each of 2,000 cases took seconds.
 */
function installWriteCounters(api: ApiHarness): void {
  const db = api.backend.db;
  db.exec('CREATE TEMP TABLE hostile_writes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  for (const table of DOMAIN_TABLES) {
    db.prepare('INSERT INTO temp.hostile_writes (tbl, n) VALUES (?, 0)').run(table);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER hostile_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
        BEGIN UPDATE temp.hostile_writes SET n = n + 1 WHERE tbl = '${table}'; END`);
    }
  }
}

/** How many rows each domain table has had written so far. */
export function digest(api: ApiHarness): Digest {
  const rows = api.backend.db.prepare<[], { tbl: string; n: number }>('SELECT tbl, n FROM temp.hostile_writes').all();
  return Object.fromEntries(rows.map((row) => [row.tbl, row.n]));
}

export function changedTables(before: Digest, after: Digest, ignore: string[]): string[] {
  return Object.keys(before).filter((table) => !ignore.includes(table) && before[table] !== after[table]);
}

/** What is wrong with an error body: not {code, message, fields?} of the right code, or a message that leaks internals. */
function errorBodyProblem(body: unknown, status: number): string | null {
  if (!isErrorBody(body)) return `body is not {code, message}: ${JSON.stringify(body)?.slice(0, 200)}`;
  const error: ErrorBody = body;
  if (ERROR_STATUS[error.code] !== status) return `code ${error.code} does not match status ${status}`;
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'fields', 'current', 'retryAfterSeconds'].includes(key));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  if (error.message.length <= 10 || /\n\s+at |Error:|SQLITE|undefined|\[object/.test(error.message))
    return `poor message: ${error.message}`;
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    if (field === '' || typeof message !== 'string' || message.length < 5) return `poor field entry ${field}: ${String(message)}`;
  }
  return null;
}

/** Whether every entry of `fields` is about `field` (itself, a member "field.x", or a query key "field[x]"). */
function namesOnly(fields: Record<string, string> | undefined, field: string): boolean {
  const keys = Object.keys(fields ?? {});
  return keys.length > 0 && keys.every((key) => key === field || key.startsWith(`${field}.`) || key.startsWith(`${field}[`));
}

/** Judges one response against its case; returns what is wrong, or null. */
export function judge(
  c: Pick<HostileCase, 'operation' | 'field' | 'outcome' | 'prototypeKey'>,
  res: ApiResponse,
  changed: string[],
): string | null {
  const success = contract[c.operation].status;
  if (res.status >= 500) return `answered ${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
  if (c.outcome === 'accept') {
    if (res.status !== success) return `should be accepted (${success}), got ${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
    // Accepted blank text means "not given": it must never be stored as blank text.
    const stored =
      c.field !== null && typeof res.body === 'object' && res.body !== null ? (res.body as Record<string, unknown>)[c.field] : undefined;
    return typeof stored === 'string' && stored.trim() === '' ? `stored blank text ${JSON.stringify(stored)} in ${c.field}` : null;
  }
  if (changed.length > 0) return `refused call changed ${changed.join(', ')} (status ${res.status})`;
  if (res.status >= 200 && res.status < 300) return `wrongly accepted (${res.status})`;
  if (c.outcome === 'tooLarge') {
    const sizes =
      c.field === null && contract[c.operation].method !== 'GET' && contract[c.operation].method !== 'DELETE' ? [400, 413] : [414, 431];
    if (!sizes.includes(res.status)) return `expected ${sizes.join(' or ')}, got ${res.status}`;
    return res.body === undefined ? null : errorBodyProblem(res.body, res.status);
  }
  const expected = c.outcome === 'refuse' ? 400 : c.outcome;
  // Sign-in throttling may answer 429 to repeated sign-ins: as good a refusal as 400 or 401, with no field to name.
  const throttled = c.operation === 'auth.login' && res.status === 429 && (expected === 400 || expected === 401);
  if (res.status !== expected && !throttled) return `expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
  const shape = errorBodyProblem(res.body, res.status);
  if (shape) return shape;
  if (throttled) return null;
  const fields = (res.body as ErrorBody).fields;
  // A safe JSON parser refuses a prototype key before any field is known: naming the key is enough then.
  const namesKey = c.prototypeKey !== undefined && JSON.stringify(res.body).includes(c.prototypeKey);
  if (c.field !== null && (expected === 400 || expected === 422) && !namesOnly(fields, c.field) && !namesKey) {
    return `refusal does not name only "${c.field}": ${JSON.stringify(fields ?? null)}`;
  }
  return null;
}
