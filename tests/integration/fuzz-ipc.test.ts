// Contract fuzzing over the Electron IPC handler layer (the same dispatcher as HTTP, with what structured clone carries and JSON cannot): no INTERNAL, refusals as {code, message}, nothing written by a refused call.
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
  ipcTarget,
} from '../support/fuzz-runner';

let admin: FuzzTarget;
let cases = 0;
const tallies = new Map<string, StatusTally>();

beforeAll(async () => {
  admin = await ipcTarget(['Admin']);
});
afterAll(async () => {
  console.log(
    `IPC fuzzing: ${cases} cases (PORTSIDE_FUZZ_RUNS=${FUZZ_RUNS}, PORTSIDE_FUZZ_SEED=${FUZZ_SEED}); statuses:\n${describeTallies(tallies)}`,
  );
  await admin?.close();
});

describe('fuzzing every operation over IPC', () => {
  for (const operation of OPERATION_NAMES) {
    it(`${operation}: never INTERNAL, refusals as {code, message}, no write when refused`, async () => {
      const tally = await fuzzOperation(admin, operation, FUZZ_RUNS, 'ipc-admin');
      tallies.set(operation, tally);
      cases += casesIn(tally);
    });
  }

  it('ran every case', () => {
    expect(cases).toBe(OPERATION_NAMES.length * FUZZ_RUNS);
  });
});
