// Contract fuzzing over real HTTP: every operation, as Admin (so access never hides a crash) and a slice as CSR; no 5xx, refusals in the one error shape, nothing written by a refused call, every answer valid against /openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../core/api/contract';
import {
  casesIn,
  describeTallies,
  FUZZ_RUNS,
  FUZZ_SEED,
  fuzzOperation,
  type StatusTally,
  type FuzzTarget,
  httpTarget,
} from '../support/fuzz-runner';

/** The CSR slice: enough to cross every FORBIDDEN path with odd input. */
const CSR_RUNS = Math.ceil(FUZZ_RUNS / 6);

let admin: FuzzTarget;
let csr: FuzzTarget;
let cases = 0;
const tallies = new Map<string, StatusTally>();

beforeAll(async () => {
  [admin, csr] = await Promise.all([httpTarget(['Admin']), httpTarget(['CSR'])]);
});
afterAll(async () => {
  console.log(
    `HTTP fuzzing: ${cases} cases (PORTSIDE_FUZZ_RUNS=${FUZZ_RUNS}, PORTSIDE_FUZZ_SEED=${FUZZ_SEED}); statuses:\n${describeTallies(tallies)}`,
  );
  await Promise.all([admin?.close(), csr?.close()]);
});

describe('fuzzing every operation over HTTP', () => {
  for (const operation of OPERATION_NAMES) {
    it(`${operation}: no 5xx, refusals as {code, message}, no write when refused`, async () => {
      const asAdmin = await fuzzOperation(admin, operation, FUZZ_RUNS, 'http-admin');
      const asCsr = await fuzzOperation(csr, operation, CSR_RUNS, 'http-csr');
      tallies.set(operation, asAdmin);
      tallies.set(`${operation} (CSR)`, asCsr);
      cases += casesIn(asAdmin) + casesIn(asCsr);
    });
  }

  it('ran every case', () => {
    expect(cases).toBe(OPERATION_NAMES.length * (FUZZ_RUNS + CSR_RUNS));
  });
});
