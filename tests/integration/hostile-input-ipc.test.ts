// Hostile input over the Electron IPC transport (the same dispatcher as HTTP, without HTTP's framing): refused with the right error, naming the field, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OPERATION_NAMES, type OperationName } from '../../core/api/contract';
import { ERROR_STATUS } from '../../core/api/errors';
import { IPC_CALL, type IpcReply } from '../../core/api/ipc-channels';
import { type IpcInvokeEventLike, type IpcMainLike, registerIpc } from '../../main/transport/ipc';
import { type ApiHarness, type ApiResponse, startApi, TEST_PASSWORD, TEST_USER } from '../support/api-harness';
import { allIpcCases, type IpcCase } from '../support/hostile-ipc-cases';
import { baseRequest, changedTables, digest, judge, setUpWorld, type World } from '../support/hostile-runner';

const APP_URL = 'file:///opt/Portside/resources/app.asar/dist/renderer/index.html';
type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Electron's ipcMain as the transport sees it; arguments go through structured clone as they would between processes. */
class IpcMainStandIn implements IpcMainLike {
  private listener: Listener | null = null;
  handle(channel: string, listener: Listener): void {
    if (channel === IPC_CALL) this.listener = listener;
  }
  removeHandler(): void {
    this.listener = null;
  }
  async invoke(name: OperationName, input: unknown, token: string): Promise<IpcReply> {
    if (!this.listener) throw new Error('IPC handler not registered');
    return (await this.listener({ senderFrame: { url: APP_URL } }, name, structuredClone(input), token)) as IpcReply;
  }
}

let api: ApiHarness;
let world: World;
let spareToken: string;
const ipc = new IpcMainStandIn();

beforeAll(async () => {
  api = await startApi({ roles: ['Admin'] });
  spareToken = (await api.signIn(TEST_USER.username, TEST_PASSWORD)).token;
  world = await setUpWorld(api);
  registerIpc(ipc, api.backend.dispatcher, (url) => url === APP_URL);
});
afterAll(async () => {
  await api.close();
});

/** An IPC reply in the shape of an HTTP response, so one judge serves both suites. */
function asResponse(operation: OperationName, reply: IpcReply): ApiResponse {
  const status = reply.ok ? contract[operation].status : ERROR_STATUS[reply.error.code];
  return { status, body: reply.ok ? reply.value : reply.error, headers: new Headers() };
}

async function runCase(c: IpcCase): Promise<string | null> {
  const base = await baseRequest(api, world, c.operation, c.outcome === 'accept');
  const input = c.input(base);
  const before = c.outcome === 'accept' ? null : digest(api);
  const reply = await ipc.invoke(c.operation, input, c.operation === 'auth.logout' ? spareToken : api.token);
  const res = asResponse(c.operation, reply);
  // A failed sign-in is recorded on purpose (audit entry and its outbox item): that is not the refused input changing data.
  const ignore = c.operation === 'auth.login' && res.status !== 400 ? ['audit_entries', 'outbox'] : [];
  return judge(c, res, before ? changedTables(before, digest(api), ignore) : []);
}

const CASES = allIpcCases();

describe('the hostile-input suite over IPC', () => {
  it('covers every operation', () => {
    console.log(`hostile-input suite over IPC: ${CASES.length} cases`);
    expect(OPERATION_NAMES.filter((name) => !CASES.some((c) => c.operation === name))).toEqual([]);
  });

  for (const operation of OPERATION_NAMES) {
    const cases = CASES.filter((c) => c.operation === operation);
    it(`${operation}: refuses every hostile input naming the field, changing nothing (${cases.length} cases)`, async () => {
      const failures: string[] = [];
      for (const c of cases) {
        const problem = await runCase(c);
        if (problem) failures.push(`${c.title}: ${problem}`);
      }
      expect(failures).toEqual([]);
      expect(api.logged.filter((line) => !line.startsWith('slow call:'))).toEqual([]);
    });
  }
});
