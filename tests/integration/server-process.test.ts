// The headless server as a real process: env config, ready line, demo data over HTTP, clean stop on SIGTERM (also via npm).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORDER_STATUSES, type OrderSummary, type Page } from '../../core/domain/order';
import type { LoginResult } from '../../core/domain/auth';
import { createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { DEMO_PASSWORD } from '../../main/services/demo-data';

const REPO = resolve(import.meta.dirname, '../..');
const READY = /^Portside listening on http:\/\/127\.0\.0\.1:(\d+)$/;

interface Running {
  child: ChildProcess;
  baseUrl: string;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `main/server.ts` from source and resolves once it prints its ready line. */
function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'main/server.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((ready, fail) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no ready line within 30 s; stderr: ${stderr.join('')}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const match = READY.exec(line);
        if (match) {
          clearTimeout(timer);
          ready({ child, baseUrl: `http://127.0.0.1:${match[1] ?? ''}`, stdout, stderr, exited });
        }
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before it was ready; stderr: ${stderr.join('')}`));
    });
  });
}

describe('headless server process', () => {
  let dataDir: string;
  let server: Running | undefined;
  const running = (): Running => {
    if (!server) throw new Error('the server did not start');
    return server;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portside-server-'));
    server = await startServer({ PORTSIDE_PORT: '0', PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEMO: '1' });
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints exactly one ready line with the port it picked', () => {
    expect(running().stdout.filter((line) => READY.test(line))).toHaveLength(1);
    expect(running().baseUrl).not.toBe('http://127.0.0.1:0');
  });

  it('signs in the demo CSR and lists demo orders in every status', async () => {
    const { baseUrl } = running();
    const login = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'csr', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { token, user } = (await login.json()) as LoginResult;
    expect(user).toMatchObject({ username: 'csr', roles: ['CSR'] });

    const res = await fetch(`${baseUrl}/orders?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page<OrderSummary>;
    expect(page.items.length).toBeGreaterThanOrEqual(100);
    expect(new Set(page.items.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
  });

  it('stops cleanly on SIGTERM: exit code 0 and the database closed (WAL checkpointed away)', async () => {
    expect(existsSync(join(dataDir, 'portside.sqlite'))).toBe(true);
    const { child, exited, stderr } = running();
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'portside.sqlite-wal'))).toBe(false);
    expect(stderr.join('')).not.toMatch(/error/i);
  });
});

/** Every process under `pid` (children, grandchildren...), from `ps`. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined || Number.isNaN(child)) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Alive, not a zombie waiting to be reaped (the container's init may never reap). */
function isRunning(pid: number): boolean {
  if (pid <= 0) return false; // 0 and -1 would mean a whole process group, or every process
  try {
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

describe.skipIf(process.platform === 'win32')('npm run server', () => {
  it('stops, with the server under it, when SIGTERM is sent to the npm process itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-npm-'));
    // npm runs the script through `sh -c`, which does not pass SIGTERM on: the case this test is about.
    const npm = spawn('npm', ['run', '--silent', 'server'], {
      cwd: REPO,
      env: { ...process.env, PORTSIDE_PORT: '0', PORTSIDE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npmPid = npm.pid;
    if (npmPid === undefined || npmPid <= 0) throw new Error('npm did not start');
    const pids: number[] = [];
    try {
      let output = '';
      npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // It builds first when the sources are newer than dist/ (a few seconds).
      const baseUrl = await new Promise<string>((resolve, reject) => {
        npm.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Portside listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        npm.once('exit', (code) => reject(new Error(`npm run server exited with ${code} before it was ready: ${output}`)));
      });
      expect((await fetch(`${baseUrl}/system/info`)).status).toBe(200);
      pids.push(...descendantsOf(npmPid));
      expect(pids.length).toBeGreaterThanOrEqual(2); // start.mjs and the server (and the shell between npm and them)

      npm.kill('SIGTERM');

      await vi.waitFor(() => expect(pids.filter(isRunning)).toEqual([]), { timeout: 30_000, interval: 100 });
      await expect(fetch(`${baseUrl}/system/info`)).rejects.toThrow();
      expect(existsSync(join(dataDir, 'portside.sqlite-wal'))).toBe(false); // the server closed its database itself
    } finally {
      for (const pid of [npmPid, ...pids].filter((pid) => pid > 0 && isRunning(pid))) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('headless server start-up failures', () => {
  it('refuses a bad PORTSIDE_PORT with a clear message and exit code 1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-server-'));
    try {
      const child = spawn(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'main/server.ts'], {
        cwd: REPO,
        env: { ...process.env, PORTSIDE_PORT: 'eighty', PORTSIDE_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe('Portside could not start: PORTSIDE_PORT must be a whole number ≥ 0 (got "eighty").');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('demo data', () => {
  it('fills an empty database once; a restart keeps what is there', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portside-demo-'));
    try {
      const config = loadConfig({ PORTSIDE_DEMO: '1' }, { dataDir });
      const first = createBackend(config, { log: () => undefined });
      const orders = first.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n;
      expect(first.seeded).toBe(true);
      first.close();
      const second = createBackend(config, { log: () => undefined });
      try {
        expect(second.seeded).toBe(false);
        expect(second.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n).toBe(orders);
      } finally {
        second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
