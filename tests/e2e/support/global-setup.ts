// E2E global setup: starts browser mode (dist/server.mjs) on a free port with a fresh demo database, waits for its ready line.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASE_URL_ENV, DATA_DIR_ENV, SERVER_PID_ENV } from './server-env';

const ROOT = resolve(import.meta.dirname, '../../..');
const READY = /Portside listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<void> {
  const server = join(ROOT, 'dist/server.mjs');
  if (!existsSync(server) || !existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    throw new Error('dist/ is missing the server or the renderer: run `node scripts/build.mjs` (npm run test:e2e does it).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'portside-e2e-'));
  const child = spawn(process.execPath, [server], {
    cwd: ROOT,
    env: { ...process.env, PORTSIDE_PORT: '0', PORTSIDE_DATA_DIR: dataDir, PORTSIDE_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const baseUrl = await new Promise<string>((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`Portside did not print its ready line within ${START_TIMEOUT_MS / 1000} s. Output so far:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveReady(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Portside exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'}). Output:\n${output}`));
    });
  });

  // Keep draining the pipes so a chatty server never blocks on a full buffer.
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(`[portside] ${chunk.toString('utf8')}`));
  child.removeAllListeners('exit');

  // Warm the server's first-request paths (static files, sign-in) so the first test does not pay for them.
  await fetch(`${baseUrl}/`).then((res) => res.arrayBuffer());
  await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'csr', password: 'portside-demo' }),
  }).then((res) => res.arrayBuffer());

  if (child.pid === undefined) throw new Error('Portside started without a process id.');
  process.env[BASE_URL_ENV] = baseUrl;
  process.env[SERVER_PID_ENV] = String(child.pid);
  process.env[DATA_DIR_ENV] = dataDir;
  console.log(`E2E: Portside (demo data) at ${baseUrl}, data in ${dataDir}`);
}
