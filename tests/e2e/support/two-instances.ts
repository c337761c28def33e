// Two browser-mode Portsides (dist/server.mjs) syncing through DynamoDB Local, each behind a link the test can cut as a laptop loses its network.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { claimDemoSeed } from '../../../sync/demo-claim';
import { createTableIfMissing } from '../../../sync/table-schema';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../../support/dynamodb-local';
import { type LinkSwitch, startLinkSwitch } from '../../support/link-switch';

const ROOT = resolve(import.meta.dirname, '../../..');
const READY = /Portside listening on (http:\/\/127\.0\.0\.1:\d+)/;
const TABLE = 'portside-e2e';
/** A generous start: two Node processes, Java and Chromium share two cores on CI. */
const START_TIMEOUT_MS = 60_000;
/** The loop's interval, as `npm run dev:cloud` runs it. */
export const SYNC_INTERVAL_MS = 500;

export interface Instance {
  readonly name: 'A' | 'B';
  /** http://127.0.0.1:port */
  readonly url: string;
  /** Between this instance and DynamoDB Local: cut() takes it offline, restore() brings it back. */
  readonly link: LinkSwitch;
  /** What it printed so far (for failure messages). */
  output(): string;
}

export interface TwoInstances {
  readonly a: Instance;
  readonly b: Instance;
  stop(): Promise<void>;
}

interface Started {
  instance: Instance;
  child: ChildProcess;
  dataDir: string;
}

function startInstance(name: 'A' | 'B', link: LinkSwitch, ddb: DynamoDbLocal): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), `portside-e2e-${name.toLowerCase()}-`));
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORTSIDE_PORT: '0',
      PORTSIDE_DATA_DIR: dataDir,
      PORTSIDE_DEMO: '1',
      PORTSIDE_TABLE: TABLE,
      PORTSIDE_DYNAMODB_ENDPOINT: link.endpoint,
      PORTSIDE_SYNC_INTERVAL_MS: String(SYNC_INTERVAL_MS),
      AWS_REGION: ddb.region,
      // DynamoDB Local checks that keys are present, not that they are real (letters only).
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let isReady = false;
  return new Promise<Started>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`Instance ${name} did not print its ready line within ${START_TIMEOUT_MS / 1000} s. Output:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (): void => {
      const match = READY.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      isReady = true;
      ready({ instance: { name, url: match[1], link, output: () => output }, child, dataDir });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) => {
      if (isReady) return;
      clearTimeout(timer);
      // Stopped before it was ready (or killed for being slow): nobody else will remove its folder.
      rmSync(dataDir, { recursive: true, force: true });
      fail(
        new Error(`Instance ${name} exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'}). Output:\n${output}`),
      );
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/**
 * DynamoDB Local, the table, one link per instance, and instances A and B in demo mode (the demo
 * accounts). The demo records' claim is taken here first, so neither instance seeds them: pushing
 * their 1,600 change sets takes a minute on a busy machine; the tests make their own few records.
 */
export async function startTwoInstances(): Promise<TwoInstances> {
  const ddb = await startDynamoDbLocal();
  const links: LinkSwitch[] = [];
  const started: Started[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => stopChild(s.child)));
    await Promise.all(links.map((l) => l.close()));
    await ddb.stop();
    for (const s of started) rmSync(s.dataDir, { recursive: true, force: true });
  };
  try {
    const admin = ddb.client();
    try {
      await createTableIfMissing(admin, TABLE);
      await claimDemoSeed(admin, TABLE, 'e2e-two-instances', new Date().toISOString());
    } finally {
      admin.destroy();
    }
    links.push(await startLinkSwitch(ddb.endpoint), await startLinkSwitch(ddb.endpoint));
    // Both at once; each settles (ready, or stopped and rejected) before anything is cleaned up.
    const starts = await Promise.allSettled((['A', 'B'] as const).map((name, i) => startInstance(name, links[i] as LinkSwitch, ddb)));
    for (const outcome of starts) if (outcome.status === 'fulfilled') started.push(outcome.value);
    const failed = starts.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const [a, b] = started;
  if (!a || !b) throw new Error('two instances were started');
  return { a: a.instance, b: b.instance, stop };
}
