// Sanity of the API contract table: unique routes, a handler per operation, the seed's REST paths, sensible access and status.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, isOperationName, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { ERROR_STATUS, isErrorBody, PortsideError } from '../../core/api/errors';
import { PERMISSIONS, permissionsOf, ROLES } from '../../core/auth/permissions';
import { createHandlers } from '../../main/api/handlers';
import { openDatabase } from '../../main/db/database';
import { createServices } from '../../main/services';

const route = (name: OperationName): string => `${contract[name].method} ${contract[name].path}`;
const routes = OPERATION_NAMES.map(route);

/** The REST paths of the seed (the user story's endpoints) that tools and scripts rely on. */
const SEED_ROUTES = [
  'GET /orders',
  'GET /orders/:id',
  'POST /orders',
  'PUT /orders/:id',
  'POST /orders/:id/vehicles',
  'DELETE /orders/:id/vehicles/:vehicleId',
];

describe('API contract', () => {
  it('has one operation per method + path', () => {
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('has a handler for every operation, and no handler without an operation', () => {
    const db = openDatabase(':memory:');
    try {
      const handlers = createHandlers(createServices(db), () => ({
        name: 'Portside',
        version: 'test',
        mode: 'local',
        demo: false,
        demoAccounts: [],
      }));
      expect(Object.keys(handlers).sort()).toEqual([...OPERATION_NAMES].sort());
      for (const name of OPERATION_NAMES) expect(typeof handlers[name]).toBe('function');
    } finally {
      db.close();
    }
  });

  it("includes the seed's endpoints", () => {
    for (const seed of SEED_ROUTES) expect(routes).toContain(seed);
  });

  it.todo("includes the seed's GET /orders/:id/analytics (not in the contract yet)");
  it.todo("includes the seed's GET /orders/:id/communication (not in the contract yet)");

  it('writes paths as lower-case (kebab-case) REST resources starting with a slash', () => {
    for (const name of OPERATION_NAMES) {
      expect(contract[name].path).toMatch(/^(\/([a-z]+(-[a-z]+)*|:[a-zA-Z]+))+$/);
    }
  });

  it('accepts every path parameter in the operation’s input schema', () => {
    for (const name of OPERATION_NAMES) {
      const { path, input } = contract[name];
      const params = [...path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] ?? '');
      if (params.length === 0) continue;
      expect(input, name).toBeInstanceOf(z.ZodObject);
      const shape = (input as z.ZodObject).shape;
      for (const param of params) expect(Object.keys(shape), `${name} :${param}`).toContain(param);
    }
  });

  it('answers 201 to the POSTs that create something, 202 to a request for later work, and 200 to everything else', () => {
    const creates: OperationName[] = [
      'customers.create',
      'vehicles.create',
      'vehicles.recordStage',
      'orders.create',
      'orders.addVehicle',
      'payments.record',
      'templates.create',
      'communication.log',
      'tasks.create',
      'users.create',
    ];
    const accepted: OperationName[] = ['sync.now'];
    for (const name of OPERATION_NAMES) {
      expect(contract[name].status, name).toBe(creates.includes(name) ? 201 : accepted.includes(name) ? 202 : 200);
      if (accepted.includes(name)) expect(contract[name].method).toBe('POST');
      if (creates.includes(name)) expect(contract[name].method).toBe('POST');
    }
  });

  it('keeps only the sign-in steps and system info open; everything else needs a session or a known permission', () => {
    const open = OPERATION_NAMES.filter((name) => contract[name].access === null);
    expect(open.sort()).toEqual([
      'auth.completeNewPassword',
      'auth.confirmForgotPassword',
      'auth.forgotPassword',
      'auth.login',
      'system.info',
    ]);
    for (const name of OPERATION_NAMES) {
      const access = contract[name].access;
      if (access === null || access === 'session') continue;
      expect(PERMISSIONS).toContain(access);
    }
  });

  /**
   * Changes to the caller's own things only: whom they follow, which of their notifications they
   * have read, their own preferences. Reading an order is enough to follow it.
   */
  const OWN_CHANGES: Partial<Record<OperationName, string>> = {
    'orders.follow': 'orders:read',
    'orders.unfollow': 'orders:read',
    'notifications.read': 'session',
    'notifications.preferences.set': 'session',
  };

  it('needs a write or admin permission for every operation that changes data', () => {
    // POSTs only because their input is a body (text to render): they read and change nothing.
    const readOnlyPosts: OperationName[] = ['templates.preview'];
    for (const name of OPERATION_NAMES) {
      const { method, access } = contract[name];
      if (method === 'GET' || name.startsWith('auth.') || readOnlyPosts.includes(name)) continue;
      const own = OWN_CHANGES[name];
      if (own !== undefined) expect(access, name).toBe(own);
      else expect(access, name).toMatch(name.startsWith('users.') ? /^users:admin$/ : /:write$|^orders:reassign$|^customers:merge$/);
    }
  });

  it('knows its operation names', () => {
    expect(isOperationName('orders.create')).toBe(true);
    expect(isOperationName('toString')).toBe(false);
    expect(isOperationName(42)).toBe(false);
  });
});

describe('roles and errors', () => {
  it('gives CSRs the daily work, Managers analytics on top, Admins everything', () => {
    expect(ROLES).toEqual(['CSR', 'Manager', 'Admin']);
    expect(permissionsOf(['CSR']).has('orders:write')).toBe(true);
    expect(permissionsOf(['CSR']).has('analytics:read')).toBe(false);
    expect(permissionsOf(['Manager']).has('analytics:read')).toBe(true);
    expect([...permissionsOf(['Admin'])].sort()).toEqual([...PERMISSIONS].sort());
    expect(permissionsOf([]).size).toBe(0);
  });

  it('maps each error code to its HTTP status and round-trips the error body', () => {
    expect(ERROR_STATUS).toEqual({
      VALIDATION: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405,
      CONFLICT: 409,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      RULE_VIOLATION: 422,
      RATE_LIMITED: 429,
      INTERNAL: 500,
      BUSY: 503,
    });
    const error = new PortsideError('VALIDATION', 'Price cannot be negative.', {
      fields: { 'vehicles.1.price': 'Price cannot be negative.' },
    });
    const body = error.toBody();
    expect(body).toEqual({
      code: 'VALIDATION',
      message: 'Price cannot be negative.',
      fields: { 'vehicles.1.price': 'Price cannot be negative.' },
    });
    expect(isErrorBody(body)).toBe(true);
    expect(isErrorBody({ code: 'TEAPOT', message: 'x' })).toBe(false);
    expect(PortsideError.fromBody(body).fields).toEqual(body.fields);
    const limited = new PortsideError('RATE_LIMITED', 'Too many failed sign-ins for this account.', { retryAfterSeconds: 4 }).toBody();
    expect(limited).toEqual({ code: 'RATE_LIMITED', message: 'Too many failed sign-ins for this account.', retryAfterSeconds: 4 });
    expect(PortsideError.fromBody(limited).retryAfterSeconds).toBe(4);
  });
});
