// Runs fuzz cases against the real backend over HTTP or the IPC handler layer and judges each answer: never a 5xx, every refusal the one error shape, and a refused call writes nothing.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { contract, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { ERROR_STATUS, isErrorBody } from '../../core/api/errors';
import { IPC_CALL, type IpcReply } from '../../core/api/ipc-channels';
import { takesBody } from '../../core/api/openapi';
import type { Role } from '../../core/auth/permissions';
import { tokenHash } from '../../main/services/auth-service';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpc } from '../../main/transport/ipc';
import { type ApiHarness, type ApiResponse, startApi, TEST_PASSWORD } from './api-harness';
import { caseArbitrary, type FuzzCase } from './fuzz-cases';
import type { BaseRequest } from './hostile-cases';
import { baseRequest, setUpWorld } from './hostile-runner';
import { createResponseValidator } from './openapi-responses';

/**
 * Cases per operation and transport as Admin (the CSR slice over HTTP takes a sixth more): 80 makes
 * over 10,000 in all. PORTSIDE_FUZZ_RUNS=2000 for a long hunt.
 */
export const FUZZ_RUNS = Number(process.env.PORTSIDE_FUZZ_RUNS ?? 80) || 80;
/** PORTSIDE_FUZZ_SEED replays a printed failure; each operation's seed is derived from it and its name. */
export const FUZZ_SEED = Number(process.env.PORTSIDE_FUZZ_SEED ?? 20261130) || 20261130;

export function seedFor(operation: string, salt: string): number {
  let hash = FUZZ_SEED;
  for (const ch of `${salt}:${operation}`) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Tables a refused call may still write: analytics_* and stage_spans are a derived cache that reads fold into (and
 * a background timer folds too), and sign-in records failures on purpose (throttle; an audit entry
 * with its outbox item, chain head in settings and author in people).
 */
const CACHE_TABLES = /^(analytics_|stage_spans$)/;
const SIGN_IN_RECORDS = ['sign_in_throttle', 'audit_entries', 'outbox', 'settings', 'people'];

export interface FuzzTarget {
  api: ApiHarness;
  ids: string[];
  bases: Map<OperationName, BaseRequest | null>;
  /** A new base request for `operation` (after an accepted call made the old one stale: a version, a used-up record). */
  renewBase: (operation: OperationName) => Promise<void>;
  /** Restores the fuzzing session and its user if an accepted call ended or changed them. */
  keepSession: () => void;
  /** Rows written so far per table. */
  writes(): Record<string, number>;
  /** The session to send `operation` with: a spare one for auth.logout (a successful one ends it). */
  tokenFor: (operation: OperationName) => string;
  /** Says a session ended (a logout succeeded with it). */
  spent: (token: string) => void;
  /** Sends one case and answers in HTTP terms (IPC replies mapped to their status). */
  send(operation: OperationName, c: FuzzCase, token: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Counts writes to every table of the database (temp triggers: a rolled-back write un-counts itself). */
function installCounters(api: ApiHarness): () => Record<string, number> {
  const db = api.backend.db;
  const all = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  // A full-text index (virtual table) takes no triggers; it and its shadow tables follow the rows they index.
  const virtual = all.filter((row) => /^CREATE VIRTUAL/i.test(row.sql)).map((row) => row.name);
  const tables = all.map((row) => row.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  db.exec('CREATE TEMP TABLE fuzz_writes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  for (const table of tables) {
    db.prepare('INSERT INTO temp.fuzz_writes (tbl, n) VALUES (?, 0)').run(table);
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER "fuzz_${table}_${event}" AFTER ${event} ON main."${table}"
        BEGIN UPDATE temp.fuzz_writes SET n = n + 1 WHERE tbl = '${table}'; END`);
    }
  }
  const read = db.prepare<[], { tbl: string; n: number }>('SELECT tbl, n FROM temp.fuzz_writes');
  return () => Object.fromEntries(read.all().map((row) => [row.tbl, row.n]));
}

/** Real records for ids and a known-good request per operation, as the hostile-input suites build them. */
async function prepare(
  api: ApiHarness,
): Promise<{ ids: string[]; bases: Map<OperationName, BaseRequest | null>; renewBase: (operation: OperationName) => Promise<void> }> {
  const world = await setUpWorld(api);
  // A colleague's id rather than the caller's: a fuzzed admin call must not disable or demote the fuzzing session.
  const colleague = api.backend.services.auth.createUser({
    username: 'fuzz-colleague',
    displayName: 'Fuzz Colleague',
    password: TEST_PASSWORD,
    roles: ['CSR'],
  });
  const ids = new Set([
    world.customerId,
    world.order.id,
    world.linkedVehicleId,
    world.freeVehicleId,
    world.pendingVehicleId,
    world.stagedVehicle.id,
    world.otherEventId,
    world.communicationId,
    colleague.id,
  ]);
  const bases = new Map<OperationName, BaseRequest | null>();
  for (const operation of OPERATION_NAMES) {
    // An operation added without a base request is fuzzed from its schema alone.
    const base = await baseRequest(api, world, operation, false).catch(() => undefined);
    bases.set(operation, base ?? null);
    for (const value of Object.values(base?.params ?? {})) if (value !== api.user.id && value !== api.user.username) ids.add(value);
  }
  const renewBase = async (operation: OperationName): Promise<void> => {
    // Keeps the old one when a new one cannot be made (a CSR may not create the template a template edit needs).
    const base = await baseRequest(api, world, operation, false).catch(() => undefined);
    if (base) bases.set(operation, base);
  };
  return { ids: [...ids], bases, renewBase };
}

/** Percent-encodes, leaving a lone surrogate as the UTF-8-shaped bytes a careless client would send. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function queryOf(input: unknown): string {
  if (typeof input !== 'object' || input === null)
    return input === undefined ? '' : `value=${encode(typeof input === 'string' ? input : (JSON.stringify(input) ?? ''))}`;
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) => `${encode(key)}=${encode(typeof value === 'string' ? value : value === null ? '' : (JSON.stringify(value) ?? ''))}`,
    )
    .join('&');
}

function httpRequest(operation: OperationName, c: FuzzCase): { path: string; body?: string; contentType?: string } {
  const def = contract[operation];
  const path = def.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
    const value = c.params[name] ?? '';
    return c.rawParams ? value : encode(value);
  });
  if (!takesBody(def.method)) {
    const query = c.query ?? queryOf(c.input);
    return { path: query ? `${path}?${query}` : path };
  }
  const body = c.bodyText ?? (c.input === undefined ? undefined : JSON.stringify(c.input));
  return {
    path: c.query ? `${path}?${c.query}` : path,
    ...(body === undefined ? {} : { body }),
    ...(c.contentType === undefined ? {} : { contentType: c.contentType }),
  };
}

/** The caller's session, or for auth.logout a spare one (a successful logout ends the session it was sent with). */
function sessions(api: ApiHarness): Pick<FuzzTarget, 'tokenFor' | 'spent'> {
  let spare: string | null = null;
  return {
    tokenFor: (operation) => {
      if (operation !== 'auth.logout') return api.token;
      // Written straight into sessions as sign-in stores one (SHA-256 of the token): signing in hashes a password (~50 ms).
      if (spare === null) {
        spare = randomBytes(32).toString('base64url');
        const now = new Date();
        api.backend.services.deps.repos.users.createSession(
          tokenHash(spare),
          api.user.id,
          now.toISOString(),
          new Date(now.getTime() + 3_600_000).toISOString(),
        );
      }
      return spare;
    },
    spent: (token) => {
      if (token === spare) spare = null;
    },
  };
}

/**
 * Puts the fuzzing session back after an accepted call ended it or its user (a sign-out
 * everywhere, a disabled or demoted account): otherwise every later case would only test 401.
 */
function keepSession(api: ApiHarness): void {
  const db = api.backend.db;
  const hash = tokenHash(api.token);
  const alive = db.prepare('SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled = 0').get(hash);
  const roles = db.prepare<[string], { roles: string }>('SELECT roles FROM users WHERE id = ?').get(api.user.id)?.roles;
  if (alive && roles === JSON.stringify(api.user.roles)) return;
  db.prepare('UPDATE users SET disabled = 0, roles = ? WHERE id = ?').run(JSON.stringify(api.user.roles), api.user.id);
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
  const now = new Date();
  api.backend.services.deps.repos.users.createSession(
    hash,
    api.user.id,
    now.toISOString(),
    new Date(now.getTime() + 3_600_000).toISOString(),
  );
}

/** What both transports' targets share: the records, base requests, sessions and write counters of one API. */
async function targetBase(api: ApiHarness) {
  const { ids, bases, renewBase } = await prepare(api);
  return { api, ids, bases, renewBase, keepSession: () => keepSession(api), writes: installCounters(api), ...sessions(api) };
}

export async function httpTarget(roles: Role[]): Promise<FuzzTarget> {
  const api = await startApi({ roles, validateResponses: true });
  return {
    ...(await targetBase(api)),
    async send(operation, c, token) {
      const { path, body, contentType } = httpRequest(operation, c);
      const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
      return api.call(contract[operation].method, path, body, { token, headers });
    },
    close: () => api.close(),
  };
}

const APP_URL = 'file:///opt/Portside/resources/app.asar/dist/renderer/index.html';
type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export async function ipcTarget(roles: Role[]): Promise<FuzzTarget> {
  const api = await startApi({ roles });
  let listener: Listener | null = null;
  const ipcMain: IpcMainLike = {
    handle: (channel, fn) => {
      if (channel === IPC_CALL) listener = fn;
    },
    removeHandler: () => {
      listener = null;
    },
  };
  registerIpc(ipcMain, api.backend.dispatcher, (url) => url === APP_URL);
  const validator = createResponseValidator();
  return {
    ...(await targetBase(api)),
    async send(operation, c, token) {
      if (!listener) throw new Error('IPC handler not registered');
      const input = typeof c.input === 'object' && c.input !== null && !Array.isArray(c.input) ? { ...c.input, ...c.params } : c.input;
      let cloned: unknown;
      try {
        // What Electron does between processes; a value it cannot clone never leaves the renderer.
        cloned = structuredClone(input);
      } catch {
        cloned = undefined;
      }
      const reply = (await listener({ senderFrame: { url: APP_URL } }, operation, cloned, token)) as IpcReply;
      const status = reply.ok ? contract[operation].status : ERROR_STATUS[reply.error.code];
      const body = reply.ok ? reply.value : reply.error;
      // The same contract as HTTP: declared status, body valid against /openapi.json.
      const problem = validator.problem(operation, status, JSON.parse(JSON.stringify(body ?? null)));
      if (problem) throw new Error(problem);
      return { status, body, headers: new Headers() };
    },
    close: () => api.close(),
  };
}

/** What is wrong with an answer, or null. */
function judge(operation: OperationName, res: ApiResponse, changed: string[]): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
  if (res.status < 400)
    return res.status === contract[operation].status ? null : `success status ${res.status}, contract says ${contract[operation].status}`;
  if (!isErrorBody(res.body)) return `refusal ${res.status} is not {code, message}: ${JSON.stringify(res.body)?.slice(0, 200)}`;
  if (ERROR_STATUS[res.body.code] !== res.status) return `code ${res.body.code} with status ${res.status}`;
  if (res.body.message.trim().length < 5) return `refusal without a message: ${JSON.stringify(res.body)}`;
  if (changed.length > 0) return `refused (${res.status} ${res.body.code}) but wrote ${changed.join(', ')}`;
  return null;
}

/** How many answers of each status an operation gave: shows whether the cases get past validation. */
export type StatusTally = Record<string, number>;

/** Runs `runs` cases of one operation (fixed seed; fast-check prints seed and counterexample on failure); returns the statuses seen. */
export async function fuzzOperation(target: FuzzTarget, operation: OperationName, runs: number, salt: string): Promise<StatusTally> {
  // Operations fuzzed earlier moved the shared records on: start from a request valid now.
  await target.renewBase(operation);
  const arbitrary = caseArbitrary(operation, {
    base: () => target.bases.get(operation) ?? null,
    ids: target.ids,
    transport: salt.startsWith('ipc') ? 'ipc' : 'http',
  });
  const tally: StatusTally = {};
  await fc.assert(
    fc.asyncProperty(arbitrary, async (c) => {
      const token = target.tokenFor(operation);
      // Tell overdue tasks now: the backend's minute timer would otherwise write their notifications mid-call.
      const { notifier, deps } = target.api.backend.services;
      notifier.notifyOverdueTasks(deps.clock.now());
      const before = target.writes();
      const res = await target.send(operation, c, token);
      if (operation === 'auth.logout' && res.status < 300) target.spent(token);
      tally[res.status] = (tally[res.status] ?? 0) + 1;
      if (res.status < 300 && contract[operation].method !== 'GET') {
        target.keepSession();
        await target.renewBase(operation);
      }
      const after = target.writes();
      const ignored = (table: string): boolean =>
        CACHE_TABLES.test(table) || (operation === 'auth.login' && res.status !== 400 && SIGN_IN_RECORDS.includes(table));
      const changed = Object.keys(after).filter((table) => !ignored(table) && after[table] !== before[table]);
      const problem = judge(operation, res, changed);
      if (problem) throw new Error(`${operation} [${c.kind}] (PORTSIDE_FUZZ_SEED=${FUZZ_SEED}): ${problem}`);
      const logged = target.api.logged.filter((line) => !line.startsWith('slow call:'));
      if (logged.length > 0) throw new Error(`${operation} [${c.kind}]: the backend logged ${logged.join(' | ')}`);
    }),
    { numRuns: runs, seed: seedFor(operation, salt), endOnFailure: true },
  );
  return tally;
}

export function casesIn(tally: StatusTally): number {
  return Object.values(tally).reduce((sum, n) => sum + n, 0);
}

/** One line per operation: its statuses, e.g. "orders.update 200x12 400x70 404x9 409x19". */
export function describeTallies(tallies: Map<string, StatusTally>): string {
  return [...tallies]
    .map(
      ([operation, tally]) =>
        `${operation} ${Object.entries(tally)
          .map(([status, n]) => `${status}x${n}`)
          .join(' ')}`,
    )
    .join('\n');
}
