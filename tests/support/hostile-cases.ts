// The hostile-input cases: every field of every contract operation, crossed with every hostile value that applies to it, plus per-operation framing cases.
import type { z } from 'zod';
import { contract, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { ALL_FIELD_VALUES, type FieldSpec, type Outcome } from './hostile-values';

/**
 * What each field of each operation is meant to hold. Written by hand (not read from the zod
 * schemas, which are what the suite tests); `contractFieldProblems` checks it still lists
 * exactly the fields of the contract, so a new field cannot go untested.
 */
export const FIELD_SPECS: { [K in OperationName]: Record<string, FieldSpec> } = {
  'system.info': {},
  'auth.login': { username: { kind: 'text', presence: 'required' }, password: { kind: 'password', presence: 'required' } },
  'auth.logout': {},
  'auth.me': {},
  'auth.eventsTicket': {},
  // New passwords are bounded (8-256) and must be typeable: every hostile value is refused naming the field.
  'auth.completeNewPassword': {
    username: { kind: 'text', presence: 'required' },
    session: { kind: 'text', presence: 'required' },
    newPassword: { kind: 'text', presence: 'required' },
  },
  'auth.forgotPassword': { username: { kind: 'text', presence: 'required' } },
  'auth.confirmForgotPassword': {
    username: { kind: 'text', presence: 'required' },
    code: { kind: 'text', presence: 'required' },
    newPassword: { kind: 'text', presence: 'required' },
  },
  'auth.logoutEverywhere': {},
  // An account name in the path: unknown names are 404, like an unknown id.
  'users.unlockSignIn': { username: { kind: 'pathId', presence: 'required' } },
  'users.accounts': {},
  'users.signInHistory': {
    // A name of no account is a filter that matches nothing (or the failures typed under that name).
    username: { kind: 'account', presence: 'optional' },
    cursor: { kind: 'cursor', presence: 'optional' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
  },
  'users.create': {
    username: { kind: 'account', presence: 'required' },
    displayName: { kind: 'text', presence: 'required' },
    roles: { kind: 'roles', presence: 'required' },
    password: { kind: 'newPassword', presence: 'required' },
  },
  'users.update': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    displayName: { kind: 'text', presence: 'optionalStrict' },
    roles: { kind: 'roles', presence: 'optionalStrict' },
    disabled: { kind: 'flag', presence: 'optionalStrict' },
  },
  'users.resetPassword': {
    id: { kind: 'pathId', presence: 'required' },
    password: { kind: 'newPassword', presence: 'required' },
  },
  'customers.list': {
    query: { kind: 'search', presence: 'optional' },
    type: { kind: 'enum', presence: 'optionalEmpty' },
    segment: { kind: 'text', presence: 'optional' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  'customers.create': {
    name: { kind: 'text', presence: 'required' },
    company: { kind: 'text', presence: 'optional' },
    email: { kind: 'email', presence: 'optional' },
    phone: { kind: 'phone', presence: 'optional' },
    address: { kind: 'longText', presence: 'optional' },
    preferredChannel: { kind: 'enum', presence: 'optionalEmpty' },
    notes: { kind: 'longText', presence: 'optional' },
    type: { kind: 'enum', presence: 'optionalStrict' },
    segments: { kind: 'tags', presence: 'optionalStrict' },
    taxId: { kind: 'text', presence: 'optional' },
    contacts: { kind: 'records', presence: 'optionalStrict' },
    addresses: { kind: 'records', presence: 'optionalStrict' },
    allowDuplicate: { kind: 'flag', presence: 'optionalStrict' },
  },
  'customers.duplicates': {
    name: { kind: 'text', presence: 'optional' },
    email: { kind: 'email', presence: 'optional' },
    phone: { kind: 'phone', presence: 'optional' },
    company: { kind: 'text', presence: 'optional' },
    excludeId: { kind: 'id', presence: 'optional' },
  },
  'customers.get': { id: { kind: 'pathId', presence: 'required' } },
  'customers.update': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    // A name may be left out of an update, but not blanked: a customer always has one.
    name: { kind: 'text', presence: 'optionalStrict' },
    company: { kind: 'text', presence: 'clearable' },
    email: { kind: 'email', presence: 'clearable' },
    phone: { kind: 'phone', presence: 'clearable' },
    address: { kind: 'longText', presence: 'clearable' },
    preferredChannel: { kind: 'enum', presence: 'clearableEmpty' },
    notes: { kind: 'longText', presence: 'clearable' },
    type: { kind: 'enum', presence: 'optionalStrict' },
    segments: { kind: 'tags', presence: 'optionalStrict' },
    taxId: { kind: 'text', presence: 'clearable' },
    contacts: { kind: 'records', presence: 'optionalStrict' },
    addresses: { kind: 'records', presence: 'optionalStrict' },
    allowDuplicate: { kind: 'flag', presence: 'optionalStrict' },
  },
  'customers.merge': {
    id: { kind: 'pathId', presence: 'required' },
    sourceId: { kind: 'id', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    sourceVersion: { kind: 'version', presence: 'required' },
  },
  'vehicles.list': {
    query: { kind: 'search', presence: 'optional' },
    available: { kind: 'bool', presence: 'optional' },
    stage: { kind: 'enum', presence: 'optionalEmpty' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  'vehicles.create': {
    vin: { kind: 'vin', presence: 'required' },
    make: { kind: 'text', presence: 'required' },
    model: { kind: 'text', presence: 'required' },
    year: { kind: 'year', presence: 'required' },
    colour: { kind: 'text', presence: 'optional' },
    originCountry: { kind: 'text', presence: 'optional' },
    originPort: { kind: 'text', presence: 'optional' },
    purchasePrice: { kind: 'amount', presence: 'optionalStrict' },
    currency: { kind: 'enum', presence: 'optionalStrict' },
    etaDelivery: { kind: 'date', presence: 'optional' },
  },
  'vehicles.get': { id: { kind: 'pathId', presence: 'required' } },
  'vehicles.recordStage': {
    id: { kind: 'pathId', presence: 'required' },
    stage: { kind: 'enum', presence: 'required' },
    at: { kind: 'instant', presence: 'optionalStrict' },
    note: { kind: 'longText', presence: 'optional' },
    override: { kind: 'override', presence: 'optionalStrict' },
  },
  'vehicles.retractStage': {
    id: { kind: 'pathId', presence: 'required' },
    eventId: { kind: 'pathId', presence: 'required' },
    reason: { kind: 'longText', presence: 'required' },
  },
  'orders.list': {
    status: { kind: 'enum', presence: 'optionalEmpty' },
    paymentStatus: { kind: 'enum', presence: 'optionalEmpty' },
    customerId: { kind: 'id', presence: 'optionalEmpty' },
    assigneeId: { kind: 'id', presence: 'optionalEmpty' },
    currency: { kind: 'enum', presence: 'optionalEmpty' },
    customerType: { kind: 'enum', presence: 'optionalEmpty' },
    segment: { kind: 'text', presence: 'optional' },
    origin: { kind: 'text', presence: 'optional' },
    stage: { kind: 'enum', presence: 'optionalEmpty' },
    from: { kind: 'date', presence: 'optionalEmpty' },
    to: { kind: 'date', presence: 'optionalEmpty' },
    query: { kind: 'search', presence: 'optional' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  'orders.create': {
    // null or "" means "no customer" (the order then needs a vehicle).
    customerId: { kind: 'id', presence: 'clearableEmpty' },
    currency: { kind: 'enum', presence: 'required' },
    vehicles: { kind: 'lines', presence: 'optionalStrict' },
    notes: { kind: 'longText', presence: 'optional' },
    estimatedCompletionDate: { kind: 'date', presence: 'optional' },
  },
  'orders.get': { id: { kind: 'pathId', presence: 'required' } },
  'orders.analytics': { id: { kind: 'pathId', presence: 'required' } },
  'analytics.dashboard': {
    from: { kind: 'date', presence: 'optionalEmpty' },
    to: { kind: 'date', presence: 'optionalEmpty' },
    assigneeId: { kind: 'id', presence: 'optionalEmpty' },
    customerId: { kind: 'id', presence: 'optionalEmpty' },
    customerType: { kind: 'enum', presence: 'optionalEmpty' },
    segment: { kind: 'text', presence: 'optional' },
    origin: { kind: 'text', presence: 'optional' },
    currency: { kind: 'enum', presence: 'optionalEmpty' },
    staleDays: { kind: 'days', presence: 'optionalEmpty' },
  },
  'orders.update': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    status: { kind: 'enum', presence: 'optionalStrict' },
    notes: { kind: 'longText', presence: 'clearable' },
    customerId: { kind: 'id', presence: 'clearableEmpty' },
    currency: { kind: 'enum', presence: 'optionalStrict' },
    estimatedCompletionDate: { kind: 'date', presence: 'clearable' },
    reason: { kind: 'longText', presence: 'optional' },
  },
  'orders.addVehicle': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    vehicleId: { kind: 'id', presence: 'required' },
    price: { kind: 'amount', presence: 'optionalStrict' },
  },
  'orders.removeVehicle': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    vehicleId: { kind: 'pathId', presence: 'required' },
    reason: { kind: 'longText', presence: 'optional' },
  },
  'orders.updateVehicle': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    vehicleId: { kind: 'pathId', presence: 'required' },
    price: { kind: 'amount', presence: 'required' },
  },
  'orders.reassign': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    assigneeId: { kind: 'id', presence: 'required' },
  },
  'orders.follow': { id: { kind: 'pathId', presence: 'required' } },
  'orders.unfollow': { id: { kind: 'pathId', presence: 'required' } },
  'notifications.list': {
    unreadOnly: { kind: 'bool', presence: 'optional' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  // Either ids or all: the base request sends ids, so any `all` is refused naming it.
  'notifications.read': { ids: { kind: 'idSet', presence: 'optionalStrict' }, all: { kind: 'enum', presence: 'optionalStrict' } },
  'notifications.preferences.get': {},
  'notifications.preferences.set': { preferences: { kind: 'lines', presence: 'required' } },
  'orders.audit': { id: { kind: 'pathId', presence: 'required' } },
  'payments.list': { id: { kind: 'pathId', presence: 'required' } },
  'payments.record': {
    id: { kind: 'pathId', presence: 'required' },
    kind: { kind: 'enum', presence: 'required' },
    amount: { kind: 'amount', presence: 'required' },
    currency: { kind: 'enum', presence: 'required' },
    method: { kind: 'enum', presence: 'required' },
    reference: { kind: 'text', presence: 'optional' },
    paidAt: { kind: 'instant', presence: 'optionalStrict' },
  },
  'settings.paymentSchedule.get': {},
  'settings.paymentSchedule.update': { depositPercent: { kind: 'percent', presence: 'required' } },
  'templates.list': { channel: { kind: 'enum', presence: 'optionalEmpty' } },
  'templates.create': {
    name: { kind: 'text', presence: 'required' },
    channel: { kind: 'enum', presence: 'optionalStrict' },
    subject: { kind: 'text', presence: 'optional' },
    body: { kind: 'longText', presence: 'required' },
  },
  'templates.update': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    name: { kind: 'text', presence: 'optionalStrict' },
    channel: { kind: 'enum', presence: 'optionalStrict' },
    subject: { kind: 'text', presence: 'clearable' },
    body: { kind: 'longText', presence: 'optionalStrict' },
  },
  'templates.delete': { id: { kind: 'pathId', presence: 'required' }, version: { kind: 'version', presence: 'required' } },
  // The base request previews text being edited; a templateId beside it is looked up first (404 when unknown).
  'templates.preview': {
    orderId: { kind: 'id', presence: 'optionalStrict' },
    templateId: { kind: 'id', presence: 'optionalStrict' },
    subject: { kind: 'text', presence: 'optional' },
    // Text being previewed has a body (as saving needs one); a saved template is previewed by its id instead.
    body: { kind: 'longText', presence: 'optionalStrict' },
  },
  'communication.list': { id: { kind: 'pathId', presence: 'required' } },
  'communication.log': {
    id: { kind: 'pathId', presence: 'required' },
    channel: { kind: 'enum', presence: 'required' },
    // Required on every channel but a note; the base request logs a phone call, so "" is refused.
    direction: { kind: 'enum', presence: 'optionalStrict' },
    subject: { kind: 'text', presence: 'optional' },
    body: { kind: 'longText', presence: 'required' },
    vehicleIds: { kind: 'idList', presence: 'optionalStrict' },
    correctsId: { kind: 'id', presence: 'optional' },
    templateKey: { kind: 'slug', presence: 'optional' },
    to: { kind: 'email', presence: 'optional' },
  },
  'communication.retry': { id: { kind: 'pathId', presence: 'required' }, entryId: { kind: 'pathId', presence: 'required' } },
  'orders.timeline': {
    id: { kind: 'pathId', presence: 'required' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  'tasks.listForOrder': { id: { kind: 'pathId', presence: 'required' } },
  'tasks.create': {
    id: { kind: 'pathId', presence: 'required' },
    title: { kind: 'text', presence: 'required' },
    assigneeId: { kind: 'id', presence: 'optionalStrict' },
    dueDate: { kind: 'date', presence: 'required' },
    vehicleId: { kind: 'id', presence: 'optionalStrict' },
    notes: { kind: 'longText', presence: 'optional' },
  },
  // "me", "all" or a user id: an unknown id lists nobody's tasks, like any list filter.
  'tasks.list': {
    assignee: { kind: 'id', presence: 'optionalEmpty' },
    bucket: { kind: 'enum', presence: 'optionalEmpty' },
    limit: { kind: 'limit', presence: 'optionalStrict' },
    cursor: { kind: 'cursor', presence: 'optional' },
  },
  'tasks.update': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    title: { kind: 'text', presence: 'optionalStrict' },
    assigneeId: { kind: 'id', presence: 'optionalStrict' },
    dueDate: { kind: 'date', presence: 'optionalStrict' },
    notes: { kind: 'longText', presence: 'clearable' },
    done: { kind: 'flag', presence: 'optionalStrict' },
  },
  'tasks.complete': {
    id: { kind: 'pathId', presence: 'required' },
    version: { kind: 'version', presence: 'required' },
    // {title?, dueDate, assigneeId?}: malformed objects are refused like malformed order lines.
    next: { kind: 'lines', presence: 'optionalStrict' },
  },
  'users.list': {},
  'audit.verify': {},
  'sync.status': {},
  'sync.conflicts.list': {},
  'sync.conflicts.resolve': {
    id: { kind: 'pathId', presence: 'required' },
    choice: { kind: 'enum', presence: 'required' },
    // The base request resolves a conflict on an order's notes with "edit": the value is held to the notes field's rules.
    value: { kind: 'longText', presence: 'clearable' },
    reason: { kind: 'longText', presence: 'optional' },
  },
  'sync.changes.list': {},
  'sync.changes.retry': { id: { kind: 'pathId', presence: 'required' } },
  'sync.now': {},
};

/** The field names of an operation's input, read from its zod object schema. */
export function contractFields(operation: OperationName): string[] {
  const schema = contract[operation].input as unknown as { shape?: Record<string, z.ZodType> };
  return Object.keys(schema.shape ?? {});
}

/** Whether a zod schema takes `undefined` (the field may be left out). */
function acceptsMissing(schema: z.ZodType): boolean {
  const optin = (schema as unknown as { _zod: { optin?: string } })._zod.optin;
  return optin === 'optional' || optin === 'defaulted';
}

/** Differences between FIELD_SPECS and the contract: fields missing on either side, or a required field marked optional. */
export function contractFieldProblems(): string[] {
  const problems: string[] = [];
  for (const operation of OPERATION_NAMES) {
    const specs = FIELD_SPECS[operation];
    const shape = (contract[operation].input as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
    const pathParams = pathParamsOf(operation);
    for (const [field, schema] of Object.entries(shape)) {
      const spec = specs[field];
      if (!spec) {
        problems.push(`${operation}: field "${field}" has no hostile-input spec`);
        continue;
      }
      // DELETE's version arrives as query text, which the schema preprocesses (so zod calls it optional-in).
      const required = spec.presence === 'required';
      if (
        required &&
        acceptsMissing(schema) &&
        !((operation === 'orders.removeVehicle' || operation === 'templates.delete') && field === 'version')
      ) {
        problems.push(`${operation}: field "${field}" is required by the spec but optional in the schema`);
      }
      if (!required && !acceptsMissing(schema))
        problems.push(`${operation}: field "${field}" is optional by the spec but required in the schema`);
      if ((spec.kind === 'pathId') !== pathParams.includes(field)) problems.push(`${operation}: "${field}" path parameter mismatch`);
    }
    for (const field of Object.keys(specs))
      if (!(field in shape)) problems.push(`${operation}: spec field "${field}" is not in the contract`);
  }
  return problems;
}

export function pathParamsOf(operation: OperationName): string[] {
  return [...contract[operation].path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] ?? '');
}

/** Where the non-path fields of an operation travel. */
export function inputTransport(operation: OperationName): 'body' | 'query' {
  const method = contract[operation].method;
  return method === 'GET' || method === 'DELETE' ? 'query' : 'body';
}

/** A valid request to start from: path parameters, valid values of the other fields, and a vehicle id for line values. */
export interface BaseRequest {
  params: Record<string, string>;
  input: Record<string, unknown>;
  /** A vehicle the caller may put on an order (replaces "@VEHICLE@" in line values). */
  vehicleId: string;
  /** The id of a real record of another kind than `field` names (replaces "@OTHER_KIND@"). */
  foreignId(field: string): string;
}

/** A value's form with the base request's ids put in for its placeholders. */
export function fill(form: string, base: BaseRequest, field: string): string {
  return form.replaceAll('@VEHICLE@', base.vehicleId).replaceAll('@OTHER_KIND@', base.foreignId(field));
}

export interface HostileCase {
  operation: OperationName;
  title: string;
  /** The field at fault, which a 400 must name (null: the request as a whole is at fault). */
  field: string | null;
  /** A prototype key in the JSON body: a refusal may name it in its message instead of naming the field. */
  prototypeKey?: string;
  outcome: Outcome;
  /** Sends a valid base request with this case's hostile part: the path (with query) and raw body. */
  build(base: BaseRequest): { path: string; body?: string };
}

const SENTINEL = '"@@HOSTILE@@"';

function pathOf(operation: OperationName, params: Record<string, string>, raw: Record<string, string> = {}): string {
  return contract[operation].path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => raw[name] ?? encodeURIComponent(params[name] ?? ''));
}

function queryOf(input: Record<string, unknown>, skip: string | null, extra: string[]): string {
  const parts = Object.entries(input)
    .filter(([key]) => key !== skip)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  parts.push(...extra);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The base input as JSON text with `field` set to raw JSON (or extra raw members added at the front). */
export function bodyWith(input: Record<string, unknown>, field: string | null, rawValue: string | null, rawMembers: string[] = []): string {
  const rest = Object.fromEntries(Object.entries(input).filter(([key]) => key !== field));
  let text = JSON.stringify(field && rawValue !== null ? { ...rest, [field]: '@@HOSTILE@@' } : rest);
  if (field && rawValue !== null) text = text.replace(SENTINEL, () => rawValue);
  if (rawMembers.length > 0) text = `{${rawMembers.join(',')}${text === '{}' ? '' : `,${text.slice(1, -1)}`}}`;
  return text;
}

/** Every field crossed with every hostile value that applies to it, in the form its transport carries. */
function fieldCases(operation: OperationName): HostileCase[] {
  const cases: HostileCase[] = [];
  const transport = inputTransport(operation);
  for (const [field, spec] of Object.entries(FIELD_SPECS[operation])) {
    const where = spec.kind === 'pathId' ? 'path' : transport;
    for (const value of ALL_FIELD_VALUES) {
      const form = where === 'body' ? value.json : where === 'query' ? value.query : value.path;
      if (form === undefined) continue;
      const outcome = value.outcome(spec, where);
      if (outcome === null) continue;
      const title = `${field} = ${value.name} (${where})`;
      if (where === 'path') {
        cases.push({
          operation,
          title,
          field,
          outcome,
          build: (base) => ({
            path:
              pathOf(operation, base.params, { [field]: fill(form, base, field) }) +
              (transport === 'query' ? queryOf(base.input, null, []) : ''),
            ...(transport === 'body' ? { body: bodyWith(base.input, null, null) } : {}),
          }),
        });
      } else if (where === 'query') {
        cases.push({
          operation,
          title,
          field,
          outcome,
          build: (base) => ({ path: pathOf(operation, base.params) + queryOf(base.input, field, [`${field}=${fill(form, base, field)}`]) }),
        });
      } else {
        cases.push({
          operation,
          title,
          field,
          outcome,
          ...(value.prototypeKey ? { prototypeKey: value.prototypeKey } : {}),
          build: (base) => ({
            path: pathOf(operation, base.params),
            body: bodyWith(base.input, field, fill(form, base, field)),
          }),
        });
      }
    }
    if (where === 'query') {
      // A field given twice is ambiguous: refused rather than "the last one wins".
      cases.push({
        operation,
        title: `${field} given twice (query)`,
        field,
        outcome: 'refuse',
        build: (base) => {
          const given = base.input[field];
          const value = encodeURIComponent(typeof given === 'string' || typeof given === 'number' ? String(given) : 'x');
          return { path: pathOf(operation, base.params) + queryOf(base.input, field, [`${field}=${value}`, `${field}=${value}`]) };
        },
      });
      for (const suffix of ['[]', '[x]', '[__proto__]']) {
        cases.push({
          operation,
          title: `${field}${suffix} (query)`,
          field,
          outcome: 'refuse',
          build: (base) => ({
            path: pathOf(operation, base.params) + queryOf(base.input, field, [`${encodeURIComponent(field + suffix)}=1`]),
          }),
        });
      }
    }
  }
  return cases;
}

const FIVE_MB = 5 * 1024 * 1024;

/** Cases about the request as a whole: unknown fields, prototype keys, fields in the wrong place, bodies that are no object, size. */
function requestCases(operation: OperationName): HostileCase[] {
  const transport = inputTransport(operation);
  const params = pathParamsOf(operation);
  const cases: HostileCase[] = [];
  const add = (title: string, field: string | null, outcome: Outcome, build: HostileCase['build']) =>
    cases.push({ operation, title, field, outcome, build });
  const path = (base: BaseRequest) => pathOf(operation, base.params);
  const addProto = (title: string, key: string, build: HostileCase['build']) =>
    cases.push({ operation, title, field: key, outcome: 'refuse', prototypeKey: key, build });

  if (transport === 'body') {
    add('an unknown field', 'unexpected', 'refuse', (b) => ({ path: path(b), body: bodyWith(b.input, null, null, ['"unexpected":1']) }));
    add('a misspelt field holding an object', 'isAdmin', 'refuse', (b) => ({
      path: path(b),
      body: bodyWith(b.input, null, null, ['"isAdmin":{"roles":["Admin"]}']),
    }));
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      addProto(`a top-level ${key} key`, key, (b) => ({
        path: path(b),
        body: bodyWith(b.input, null, null, [`"${key}":{"status":"Cancelled","reason":"x","roles":["Admin"]}`]),
      }));
    }
    add('a query string on a body operation', 'unexpected', 'refuse', (b) => ({
      path: `${path(b)}?unexpected=1`,
      body: bodyWith(b.input, null, null),
    }));
    for (const param of params) {
      add(`the path's ${param} repeated in the body`, param, 'refuse', (b) => ({
        path: path(b),
        body: bodyWith(b.input, null, null, [`"${param}":"another-${param}"`]),
      }));
    }
    const notObjects = ['[]', '"text"', '42', 'null', 'true', '[{"a":1}]'];
    for (const raw of notObjects) add(`a body of ${raw}`, null, 'refuse', (b) => ({ path: path(b), body: raw }));
    for (const raw of ['{"a":', "{'a':1}", '{"a":1,}', 'NaN', '{"a":1}{"b":2}', '\u0000']) {
      add(`a body that is not JSON: ${JSON.stringify(raw)}`, null, 'refuse', (b) => ({ path: path(b), body: raw }));
    }
    add('a 5 MB string in the body', null, 'tooLarge', (b) => ({
      path: path(b),
      body: bodyWith(b.input, null, null, [`"padding":"${'x'.repeat(FIVE_MB)}"`]),
    }));
  } else {
    add('an unknown query parameter', 'unexpected', 'refuse', (b) => ({ path: path(b) + queryOf(b.input, null, ['unexpected=1']) }));
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      add(`a ${key} query parameter`, key, 'refuse', (b) => ({ path: path(b) + queryOf(b.input, null, [`${key}=x`]) }));
    }
    for (const param of params) {
      add(`the path's ${param} repeated in the query`, param, 'refuse', (b) => ({
        path: path(b) + queryOf(b.input, null, [`${param}=another-${param}`]),
      }));
    }
    add('a 5 MB query string', null, 'tooLarge', (b) => ({ path: path(b) + queryOf(b.input, null, [`padding=${'x'.repeat(FIVE_MB)}`]) }));
  }
  return cases;
}

export function hostileCases(operation: OperationName): HostileCase[] {
  return [...fieldCases(operation), ...requestCases(operation)];
}

export function allHostileCases(): HostileCase[] {
  return OPERATION_NAMES.flatMap(hostileCases);
}
