// Test support: the headless server (main/server.ts) as a real child process, and small helper processes that hold SQLite locks.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
const READY = /^Portside listening on (http:\/\/127\.0\.0\.1:\d+)$/m;

export interface ServerProcess {
  child: ChildProcess;
  /** The base URL once the ready line is printed; rejects if the process exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export interface SpawnOptions {
  /** Run as this user (tests running as root use it to meet real file permissions). */
  uid?: number;
}

/** The uid tests switch to when they run as root, where chmod alone never makes a file read-only. */
export const UNPRIVILEGED_UID = 65534;
export const runningAsRoot = (): boolean => process.getuid?.() === 0;

export function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): ServerProcess {
  const child = spawn(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'main/server.ts'], {
    cwd: REPO,
    env: { ...process.env, PORTSIDE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const ready = new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY.exec(out);
      if (match?.[1]) done(match[1]);
    });
    void exited.then(({ code }) => fail(new Error(`server exited with ${code} before it was ready; stderr: ${err}`)));
  });
  ready.catch(() => undefined); // callers that expect a failed start await `exited` instead
  return { child, ready, exited, stderr: () => err };
}

/** Starts the server and waits for it to exit (a start that should fail); kills it after 30 s. */
export async function serverExit(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<{ code: number | null; stderr: string }> {
  const server = spawnServer(env, options);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
  const { code } = await server.exited;
  clearTimeout(timer);
  return { code, stderr: server.stderr() };
}

export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

export interface LockHolder {
  /** Resolves once the lock is held. */
  held: Promise<void>;
  exited: Promise<number | null>;
  release(): void;
}

/**
 * Another process (not a Portside) holding a SQLite lock on `file`: `exclusive` keeps every
 * other connection out; `write` holds the write lock, writes, and commits after `holdMs`.
 */
export function holdSqliteLock(file: string, kind: 'exclusive' | 'write', holdMs = 60_000): LockHolder {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    if (process.argv[2] === 'exclusive') { db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); }
    else { db.exec('BEGIN IMMEDIATE'); db.pragma('user_version = ' + db.pragma('user_version', { simple: true })); }
    console.log('held');
    setTimeout(() => { if (db.inTransaction) db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[3]));`;
  const child = spawn(process.execPath, ['-e', script, file, kind, String(holdMs)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const held = new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) done();
    });
    void exited.then((code) => fail(new Error(`lock holder exited with ${code}`)));
  });
  held.catch(() => undefined);
  return { held, exited, release: () => child.kill('SIGKILL') };
}
