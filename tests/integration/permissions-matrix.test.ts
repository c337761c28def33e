// The permission matrix, generated from the contract table: every operation as CSR, Manager, Admin and with no session, over HTTP and over IPC; then every conditional permission (alsoRequires) per role.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Access, contract, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { ERROR_STATUS, isErrorBody } from '../../core/api/errors';
import { IPC_CALL, type IpcReply } from '../../core/api/ipc-channels';
import { hasPermission, PERMISSIONS, type Permission, type Role, ROLES, ROLE_PERMISSIONS } from '../../core/auth/permissions';
import { isSignedIn } from '../../core/domain/auth';
import type { Order } from '../../core/domain/order';
import type { VehicleDetail } from '../../core/domain/vehicle';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpc } from '../../main/transport/ipc';
import { type ApiHarness, expectOk, startApi, TEST_PASSWORD } from '../support/api-harness';
import { createConfirmedOrder, createOrder, createVehicle, payBalance } from '../support/fixtures';
import { baseRequest, changedTables, digest, setUpWorld, type World } from '../support/hostile-runner';

const APP_URL = 'file:///opt/Portside/resources/app.asar/dist/renderer/index.html';
type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type Transport = 'http' | 'ipc';
/** Who calls: a role, or nobody signed in. */
type Caller = Role | 'no session';
const CALLERS: readonly Caller[] = [...ROLES, 'no session'];

/** Electron's ipcMain as the transport sees it; arguments go through structured clone as between processes. */
class IpcMainStandIn implements IpcMainLike {
  private listener: Listener | null = null;
  handle(channel: string, listener: Listener): void {
    if (channel === IPC_CALL) this.listener = listener;
  }
  removeHandler(): void {
    this.listener = null;
  }
  async invoke(name: OperationName, input: unknown, token: string | null): Promise<IpcReply> {
    if (!this.listener) throw new Error('IPC handler not registered');
    return (await this.listener({ senderFrame: { url: APP_URL } }, name, structuredClone(input), token)) as IpcReply;
  }
}

let api: ApiHarness;
let world: World;
const ipc = new IpcMainStandIn();
/** One account per role, besides the harness's own Admin that builds the records (so no call here can sign it out). */
const accounts = Object.fromEntries(ROLES.map((role) => [role, { username: `matrix-${role.toLowerCase()}`, token: '' }])) as Record<
  Role,
  { username: string; token: string }
>;

beforeAll(async () => {
  api = await startApi({ roles: ['Admin'] });
  world = await setUpWorld(api);
  registerIpc(ipc, api.backend.dispatcher, (url) => url === APP_URL);
  for (const role of ROLES) {
    const account = accounts[role];
    api.backend.services.auth.createUser({
      username: account.username,
      displayName: `Matrix ${role}`,
      password: TEST_PASSWORD,
      roles: [role],
    });
  }
});
afterAll(async () => {
  await api.close();
});

/** A live session of the caller's account: signs in again when a call (a sign-out) ended the last one. */
async function tokenOf(caller: Caller): Promise<string | null> {
  if (caller === 'no session') return null;
  const account = accounts[caller];
  try {
    api.backend.services.auth.authenticate(account.token);
  } catch {
    // As a client of its own: the auth.login cells' failed sign-ins may have locked out the loopback client.
    const answer = await api.backend.services.auth.login({ username: account.username, password: TEST_PASSWORD }, 'permissions-matrix');
    if (!isSignedIn(answer)) throw new Error(`${account.username} was asked for a new password`);
    account.token = answer.token;
  }
  return account.token;
}

interface Answer {
  status: number;
  body: unknown;
}

/** Sends one request as a client of `transport` would: path, query or JSON body over HTTP; one input object over IPC. */
async function send(
  transport: Transport,
  operation: OperationName,
  request: { params: Record<string, string>; input: Record<string, unknown> },
  token: string | null,
): Promise<Answer> {
  const def = contract[operation];
  if (transport === 'ipc') {
    const reply = await ipc.invoke(operation, { ...request.input, ...request.params }, token);
    return reply.ok ? { status: def.status, body: reply.value } : { status: ERROR_STATUS[reply.error.code], body: reply.error };
  }
  const path = def.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => encodeURIComponent(request.params[name] ?? ''));
  if (def.method === 'GET' || def.method === 'DELETE') {
    const query = Object.entries(request.input).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    const res = await api.call(def.method, query.length > 0 ? `${path}?${query.join('&')}` : path, undefined, { token });
    return { status: res.status, body: res.body };
  }
  const res = await api.call(def.method, path, request.input, { token });
  return { status: res.status, body: res.body };
}

/** What the caller should get from the access check: let in, 403, or 401. */
function expectedGate(access: Access, caller: Caller): 'let in' | 403 | 401 {
  if (access === null) return 'let in';
  if (caller === 'no session') return 401;
  if (access === 'session') return 'let in';
  return hasPermission([caller], access) ? 'let in' : 403;
}

const codeOf = (body: unknown): string => (isErrorBody(body) ? body.code : 'none');
const brief = (answer: Answer): string => `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 240)}`;

/** One cell of the matrix; returns what is wrong, or null. */
async function checkCell(transport: Transport, operation: OperationName, caller: Caller): Promise<string | null> {
  const gate = expectedGate(contract[operation].access, caller);
  // A call that is let in is meant to succeed: it gets records of its own, as the hostile suites' accepted cases do.
  const request = await baseRequest(api, world, operation, gate === 'let in');
  if (!request) return 'no base request (add one to tests/support/hostile-runner.ts)';
  const token = await tokenOf(caller);
  const before = digest(api);
  const answer = await send(transport, operation, request, token);
  if (answer.status >= 500) return `answered ${brief(answer)}`;
  if (gate === 'let in') {
    // An open operation (sign-in, system info) has no access check: its own answers (a failed sign-in's 401) are its business.
    if (contract[operation].access !== null && (answer.status === 403 || answer.status === 401)) return `refused: ${brief(answer)}`;
    return null;
  }
  const changed = changedTables(before, digest(api), []);
  if (changed.length > 0) return `refused call changed ${changed.join(', ')}`;
  const code = gate === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  if (answer.status !== gate || codeOf(answer.body) !== code) return `expected ${gate} ${code}, got ${brief(answer)}`;
  return null;
}

describe('the permission matrix, from the contract table', () => {
  it('gives every operation an access that means something: open only to sign-in and system operations, else a session or a known permission', () => {
    const problems = OPERATION_NAMES.flatMap((name) => {
      const { access } = contract[name];
      if (access === null) return /^(auth|system)\./.test(name) ? [] : [`${name} is open to anyone (access: null)`];
      if (access === 'session' || PERMISSIONS.includes(access)) return [];
      return [`${name} needs an unknown permission ${String(access)}`];
    });
    expect(problems).toEqual([]);
  });

  it('uses every permission: none is decorative', () => {
    const used = new Set<string>(
      OPERATION_NAMES.flatMap((name) => {
        const def: { access: Access; alsoRequires?: readonly { permission: Permission }[] } = contract[name];
        return [String(def.access), ...(def.alsoRequires ?? []).map((r) => r.permission)];
      }),
    );
    expect(PERMISSIONS.filter((p) => !used.has(p))).toEqual([]);
  });

  it('gives the roles what the issue asks: a CSR the daily work, a Manager the money and oversight, an Admin the office', () => {
    const daily: Permission[] = [
      ...(['customers', 'vehicles', 'orders', 'payments', 'communication', 'tasks', 'sync'] as const).flatMap(
        (area) => [`${area}:read`, `${area}:write`] as Permission[],
      ),
      'audit:read',
    ];
    const managers: Permission[] = [
      'orders:cancel',
      'payments:refund',
      'payments:override',
      'orders:reopen',
      'analytics:read',
      'orders:reassign',
      'customers:merge',
    ];
    const admins: Permission[] = ['users:admin', 'templates:write', 'settings:write', 'audit:verify'];
    for (const p of daily) expect(ROLE_PERMISSIONS.CSR, p).toContain(p);
    for (const p of [...managers, ...admins]) expect(ROLE_PERMISSIONS.CSR, p).not.toContain(p);
    for (const p of [...daily, ...managers]) expect(ROLE_PERMISSIONS.Manager, p).toContain(p);
    for (const p of admins) expect(ROLE_PERMISSIONS.Manager, p).not.toContain(p);
    expect([...ROLE_PERMISSIONS.Admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const transport of ['http', 'ipc'] as const) {
    describe(`over ${transport.toUpperCase()}`, () => {
      for (const operation of OPERATION_NAMES) {
        const { access } = contract[operation];
        it(`${operation} (${access === null ? 'open' : access}): ${CALLERS.map((c) => `${c} ${expectedGate(access, c)}`).join(', ')}`, async () => {
          const failures: string[] = [];
          for (const caller of CALLERS) {
            const problem = await checkCell(transport, operation, caller);
            if (problem) failures.push(`${caller}: ${problem}`);
          }
          expect(failures).toEqual([]);
        });
      }
    });
  }
});

type Request = { params: Record<string, string>; input: Record<string, unknown> };

/** A request that needs the conditional permission, on records of its own (built by the harness's Admin). */
const CONDITIONAL: Record<string, () => Promise<Request>> = {
  'orders.update orders:cancel': async () => {
    const { order } = await createConfirmedOrder(api, 1);
    return { params: { id: order.id }, input: { version: order.version, status: 'Cancelled', reason: 'Customer withdrew.' } };
  },
  'payments.record payments:refund': async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const deposit = { kind: 'deposit', amount: 10_000, currency: 'USD', method: 'bank_transfer' };
    expectOk(await api.call('POST', `/orders/${order.id}/payments`, deposit), 201);
    return {
      params: { id: order.id },
      input: { kind: 'refund', amount: 1_000, currency: 'USD', method: 'bank_transfer', reference: 'RF-1' },
    };
  },
  'vehicles.recordStage payments:override': async () => {
    // Nothing paid on a confirmed order: delivering needs the override.
    const { vehicles } = await createConfirmedOrder(api, 1);
    return {
      params: { id: vehicles[0]?.id ?? 'missing' },
      input: { stage: 'delivered', note: 'Handed over.', override: { reason: 'Customer pays on collection, agreed by phone.' } },
    };
  },
  'vehicles.retractStage orders:reopen': async () => {
    const { order, vehicles } = await createConfirmedOrder(api, 1);
    const vehicleId = vehicles[0]?.id ?? 'missing';
    await payBalance(api, order.id);
    const detail = expectOk(await api.call<VehicleDetail>('POST', `/vehicles/${vehicleId}/stages`, { stage: 'delivered' }), 201);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).status).toBe('Completed');
    return {
      params: { id: vehicleId, eventId: detail.stageHistory.at(-1)?.id ?? 'missing' },
      input: { reason: 'Recorded on the wrong vehicle.' },
    };
  },
};

/** Every conditional permission the contract declares, as "operation permission". */
const DECLARED = OPERATION_NAMES.flatMap((name) => {
  const def: { alsoRequires?: readonly { permission: Permission; when: string }[] } = contract[name];
  return (def.alsoRequires ?? []).map((r) => ({ operation: name, permission: r.permission, when: r.when }));
});

describe('conditional permissions (alsoRequires), per role', () => {
  it('has a scenario for every one the contract declares, and declares every one with a reason a CSR can read', () => {
    expect(DECLARED.map((d) => `${d.operation} ${d.permission}`).sort()).toEqual(Object.keys(CONDITIONAL).sort());
    for (const d of DECLARED) expect(d.when.length, `${d.operation} ${d.permission}`).toBeGreaterThan(10);
  });

  for (const transport of ['http', 'ipc'] as const) {
    for (const { operation, permission, when } of DECLARED) {
      it(`${operation} over ${transport.toUpperCase()}, ${when}: ${ROLES.map((r) => `${r} ${hasPermission([r], permission) ? 'may' : '403'}`).join(', ')}`, async () => {
        const scenario = CONDITIONAL[`${operation} ${permission}`];
        if (!scenario) throw new Error('no scenario');
        for (const role of ROLES) {
          const request = await scenario();
          const token = await tokenOf(role);
          const before = digest(api);
          const answer = await send(transport, operation, request, token);
          if (hasPermission([role], permission)) {
            expect(answer.status, `${role}: ${brief(answer)}`).toBe(contract[operation].status);
          } else {
            expect(answer.status, `${role}: ${brief(answer)}`).toBe(403);
            expect(codeOf(answer.body)).toBe('FORBIDDEN');
            // The message names the rule and who may: a CSR knows whom to ask.
            expect(isErrorBody(answer.body) ? answer.body.message : '').toMatch(/Manager/);
            expect(changedTables(before, digest(api), [])).toEqual([]);
          }
        }
      });
    }
  }

  it('lets a CSR cancel a Draft (nothing was promised yet), but not an In Progress order', async () => {
    for (const transport of ['http', 'ipc'] as const) {
      const draft = await createOrder(api, { customerId: world.customerId, vehicles: [{ vehicleId: (await createVehicle(api)).id }] });
      const cancel = { version: draft.version, status: 'Cancelled', reason: 'Customer changed their mind.' };
      const answer = await send(transport, 'orders.update', { params: { id: draft.id }, input: cancel }, await tokenOf('CSR'));
      expect(answer.status, brief(answer)).toBe(200);
      expect(answer.body).toMatchObject({ status: 'Cancelled', cancelReason: 'Customer changed their mind.' });

      const { order, vehicles } = await createConfirmedOrder(api, 1);
      expectOk(await api.call('POST', `/vehicles/${vehicles[0]?.id ?? 'missing'}/stages`, { stage: 'purchased' }), 201);
      const moving = expectOk(await api.call<Order>('GET', `/orders/${order.id}`));
      expect(moving.status).toBe('In Progress');
      const before = digest(api);
      const refused = await send(
        transport,
        'orders.update',
        { params: { id: order.id }, input: { version: moving.version, status: 'Cancelled', reason: 'Customer withdrew.' } },
        await tokenOf('CSR'),
      );
      expect(refused.status, brief(refused)).toBe(403);
      expect(isErrorBody(refused.body) ? refused.body.message : '').toBe(
        `Order ${order.orderNumber} is In Progress: only a Manager or an Admin can cancel an order once it is confirmed (your role: CSR). Ask a Manager to cancel it; a CSR can cancel a Draft.`,
      );
      expect(changedTables(before, digest(api), [])).toEqual([]);
    }
  });

  it('holds for a sync conflict too: keeping my Cancelled status on a confirmed order is 403 for a CSR, done by a Manager', async () => {
    const { order } = await createConfirmedOrder(api, 1);
    const conflictId = (): string => {
      const id = randomUUID();
      api.backend.services.deps.repos.syncConflicts.insert({
        id,
        entity: 'order',
        key: { id: order.id },
        itemKey: `order:${order.id}`,
        orderId: order.id,
        field: 'status',
        kind: 'field',
        base: 'Confirmed',
        mine: 'Cancelled',
        theirs: 'Confirmed',
        myAuthor: null,
        myAt: '2026-11-30T08:00:00.000Z',
        theirAuthor: null,
        theirAt: '2026-11-30T08:01:00.000Z',
        message: 'Both devices changed the status.',
        changeSetId: null,
        createdAt: new Date().toISOString(),
      });
      return id;
    };
    const keepMine = { choice: 'mine', reason: 'Customer withdrew by phone.' };
    const first = conflictId();
    const before = digest(api);
    const refused = await send('http', 'sync.conflicts.resolve', { params: { id: first }, input: keepMine }, await tokenOf('CSR'));
    expect(refused.status, brief(refused)).toBe(403);
    expect(changedTables(before, digest(api), [])).toEqual([]);
    const done = await send('http', 'sync.conflicts.resolve', { params: { id: first }, input: keepMine }, await tokenOf('Manager'));
    expect(done.status, brief(done)).toBe(200);
    expect(expectOk(await api.call<Order>('GET', `/orders/${order.id}`)).status).toBe('Cancelled');
  });
});
