// Hostile input against every contract operation over real HTTP: each case is refused with a 4xx naming the field and changes no table, or is a documented "not given".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES } from '../../core/api/contract';
import { type ApiHarness, type ApiResponse, expectError, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { createCustomer } from '../support/fixtures';
import { allHostileCases, contractFieldProblems, type HostileCase } from '../support/hostile-cases';
import { baseRequest, changedTables, digest, judge, setUpWorld, versionOf, type World } from '../support/hostile-runner';

/** The issue asks for at least this many kinds of hostile request. */
const MINIMUM_CASES = 384;

let api: ApiHarness;
/** A second session of the same user, so that a wrongly accepted sign-out cannot end the one the suite runs on. */
let spareToken: string;

let world: World;

beforeAll(async () => {
  // An Admin holds every permission, so no refusal here is a permission masking a validation gap.
  api = await startApi({ roles: ['Admin'] });
  spareToken = (await api.signIn(TEST_USER.username, TEST_PASSWORD)).token;
  world = await setUpWorld(api);
});
afterAll(async () => {
  await api.close();
});

async function runCase(c: HostileCase): Promise<string | null> {
  const base = await baseRequest(api, world, c.operation, c.outcome === 'accept');
  const request = c.build(base);
  const before = c.outcome === 'accept' ? null : digest(api);
  const token = c.operation === 'auth.logout' ? spareToken : undefined;
  let res: ApiResponse;
  try {
    res = await api.call(contract[c.operation].method, request.path, request.body, token === undefined ? {} : { token });
  } catch (error) {
    return `request failed: ${String(error)}`;
  }
  // A failed sign-in may be audited (that is the point of auditing them); nothing else may change.
  // A failed sign-in is recorded on purpose (audit entry and its outbox item): that is not the refused input changing data.
  const ignore = c.operation === 'auth.login' && res.status !== 400 ? ['audit_entries', 'outbox'] : [];
  const changed = before ? changedTables(before, digest(api), ignore) : [];
  return judge(c, res, changed);
}

const CASES = allHostileCases();

describe('the hostile-input suite', () => {
  it('covers every field of every operation in the contract', () => {
    expect(contractFieldProblems()).toEqual([]);
    const covered = new Set(CASES.map((c) => c.operation));
    expect(OPERATION_NAMES.filter((name) => !covered.has(name))).toEqual([]);
    console.log(`hostile-input suite: ${CASES.length} cases over ${covered.size} operations`);
    expect(CASES.length).toBeGreaterThanOrEqual(MINIMUM_CASES);
  });

  for (const operation of OPERATION_NAMES) {
    const cases = CASES.filter((c) => c.operation === operation);
    it(`${operation}: refuses every hostile input with a 4xx naming the field, changing nothing (${cases.length} cases)`, async () => {
      const failures: string[] = [];
      for (const c of cases) {
        const problem = await runCase(c);
        if (problem) failures.push(`${c.title}: ${problem}`);
      }
      expect(failures).toEqual([]);
      // Slow-call notes are about a busy machine; anything else logged is a failure the client saw as INTERNAL.
      expect(api.logged.filter((line) => !line.startsWith('slow call:'))).toEqual([]);
    });
  }
});

describe('request input that could be read two ways', () => {
  it('refuses a query-string field given twice instead of letting the last one win', async () => {
    const body = expectError(await api.call('GET', '/orders?status=Draft&status=Cancelled'), 'VALIDATION');
    expect(body.fields).toEqual({ status: 'status is given more than once: send it once.' });
  });

  it('refuses a "__proto__" query parameter (a plain assignment used to drop it silently)', async () => {
    const body = expectError(await api.call('GET', '/orders?__proto__=x'), 'VALIDATION');
    expect(Object.keys(body.fields ?? {})).toEqual(['__proto__']);
  });

  it('refuses query text that is not UTF-8 rather than searching for replacement characters', async () => {
    const body = expectError(await api.call('GET', '/orders?query=a%FF%FE'), 'VALIDATION');
    expect(body.fields).toEqual({ query: 'query is not valid text (a broken %-escape or bytes that are not UTF-8): retype it.' });
  });

  it('refuses a query string on an operation that takes a JSON body, and writes nothing', async () => {
    const before = digest(api);
    const body = expectError(await api.call('POST', '/customers?name=Ignored', { name: 'Aroha Ngata' }), 'VALIDATION');
    expect(body.fields).toEqual({ name: 'Unknown query parameter "name": this operation takes its input in the JSON body.' });
    expect(digest(api)).toEqual(before);
  });

  it('refuses a path parameter sent again in the body, naming it', async () => {
    const other = await createCustomer(api);
    const version = versionOf(api, 'customers', world.customerId);
    const body = expectError(await api.call('PUT', `/customers/${world.customerId}`, { id: other.id, version, notes: 'x' }), 'VALIDATION');
    expect(body.fields).toEqual({ id: 'id comes from the address: do not send it again in the body.' });
  });

  it('names the path parameter whose %-escape is broken', async () => {
    const body = expectError(await api.call('GET', '/orders/%E0%A4%A'), 'VALIDATION');
    expect(Object.keys(body.fields ?? {})).toEqual(['id']);
  });
});
