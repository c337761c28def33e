// A loopback HTTP proxy in front of DynamoDB Local that fails a seeded share of calls the ways AWS and networks do (tests and bench).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random';

/**
 * throttle: 400 ThrottlingException; internal: 500 InternalServerError; timeout: the request is held
 * (never forwarded) until the client gives up; drop: the connection is cut before forwarding;
 * commitThenDrop: forwarded, DynamoDB answers, and the connection is cut instead of passing the
 * answer on (the write committed, the acknowledgement lost: the worst case for exactly-once);
 * lateCommit: held until the client gives up, then forwarded (the write lands after the caller
 * stopped waiting, possibly after its retry).
 */
export const FAULT_KINDS = ['throttle', 'internal', 'timeout', 'drop', 'commitThenDrop', 'lateCommit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlan {
  /** Share of matching calls that fail, [0, 1]. */
  rate: number;
  /** The kinds a failing call picks from, uniformly. */
  kinds: readonly FaultKind[];
  /** Seeds the PRNG: the same seed fails the same calls the same way. */
  seed: number;
  /** Which DynamoDB operations may fail (X-Amz-Target's operation, e.g. 'TransactWriteItems'); default all. */
  operations?: readonly string[];
  /** How long a 'timeout' holds a request at most (it is dropped earlier if the client gives up); default 10 s. */
  holdMs?: number;
}

export interface FaultProxy {
  /** Point the SDK client here (http://127.0.0.1:port). */
  readonly endpoint: string;
  /** Calls seen per outcome: each fault kind, and 'passed' for those forwarded untouched. */
  readonly counts: Record<FaultKind | 'passed', number>;
  /** Operations of the calls seen, in order, with their outcome. */
  readonly log: { operation: string; outcome: FaultKind | 'passed' }[];
  /** Resolves once every late write ('lateCommit') has reached DynamoDB: check the table only after. */
  settled(): Promise<void>;
  /** Replaces the plan (and restarts its PRNG from the plan's seed). */
  setPlan(plan: FaultPlan): void;
  stop(): Promise<void>;
}

/** The bodies DynamoDB sends for these errors (the SDK reads the error name from __type). */
const ERROR_ANSWERS = {
  throttle: {
    status: 400,
    body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' },
  },
  internal: { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' } },
} as const;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const operationOf = (req: IncomingMessage): string => String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';

export async function startFaultProxy(upstream: string, initial: FaultPlan): Promise<FaultProxy> {
  const target = new URL(upstream);
  let plan = initial;
  let random = seededRandom(plan.seed);
  const counts: FaultProxy['counts'] = {
    throttle: 0,
    internal: 0,
    timeout: 0,
    drop: 0,
    commitThenDrop: 0,
    lateCommit: 0,
    passed: 0,
  };
  const log: FaultProxy['log'] = [];
  const held = new Set<NodeJS.Timeout>();
  const late = new Set<Promise<unknown>>();
  /** 'lateCommit' requests still held: their late write has not started yet. */
  let lateHeld = 0;

  /** Draws the call's fate; two draws per call whatever the outcome, so one call's fate never shifts the next's. */
  function decide(operation: string): FaultKind | 'passed' {
    const roll = random();
    const pick = random();
    const eligible = !plan.operations || plan.operations.includes(operation);
    if (!eligible || plan.kinds.length === 0 || roll >= plan.rate) return 'passed';
    return plan.kinds[Math.floor(pick * plan.kinds.length)] ?? 'passed';
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (res) => {
          readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const operation = operationOf(req);
    const outcome = decide(operation);
    counts[outcome] += 1;
    log.push({ operation, outcome });
    switch (outcome) {
      case 'throttle':
      case 'internal': {
        const answer = ERROR_ANSWERS[outcome];
        const text = JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(text),
          'x-amzn-requestid': `fault-${log.length}`,
        });
        res.end(text);
        return;
      }
      case 'timeout':
      case 'lateCommit': {
        if (outcome === 'lateCommit') lateHeld += 1;
        const release = (): void => {
          clearTimeout(timer);
          held.delete(timer);
          if (outcome !== 'lateCommit') return;
          lateHeld -= 1;
          const write = forward(req, body).catch(() => undefined);
          late.add(write);
          void write.finally(() => late.delete(write));
        };
        const timer = setTimeout(() => {
          req.socket.destroy();
        }, plan.holdMs ?? 10_000);
        held.add(timer);
        req.socket.once('close', release);
        return;
      }
      case 'drop':
        req.socket.destroy();
        return;
      case 'commitThenDrop':
        await forward(req, body);
        req.socket.destroy();
        return;
      case 'passed': {
        const answer = await forward(req, body);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      }
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    log,
    async settled() {
      // The client may have given up a moment before this side of the socket hears of it.
      while (lateHeld > 0 || late.size > 0) {
        await Promise.all([...late, new Promise((resolve) => setTimeout(resolve, 10))]);
      }
    },
    setPlan(next) {
      plan = next;
      random = seededRandom(next.seed);
    },
    stop() {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
