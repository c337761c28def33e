// `npm start`: Portside in Electron where its binary is available, otherwise browser mode on a free
// loopback port with demo data. `npm run server` (--server) always runs browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverOnly = process.argv.includes('--server');
const require = createRequire(import.meta.url);
/** Who started us (npm's shell, or a terminal): when it is gone, so are we (see stopWithParent). */
const parentAtStart = process.ppid;

/** Newest modification time under the source folders, to rebuild only when something changed. */
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
  for (const file of ['package.json', 'vite.config.ts']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

async function ensureBuilt() {
  const stamp = join(root, 'dist', '.build-stamp');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) return;
  console.log('Building Portside (first start or sources changed)...');
  await buildAll({ quiet: true });
}

/** The Electron executable, downloading it on first use where the network allows. Null when unavailable. */
function electronBinary() {
  if (process.env.PORTSIDE_BROWSER === '1') return null;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null);
  const found = binary();
  if (found && existsSync(found)) return found;
  console.log('Fetching the Electron runtime (first start only)...');
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  const after = binary();
  return result.status === 0 && after && existsSync(after) ? after : null;
}

/**
 * better-sqlite3 in node_modules is built for Node (tests, browser mode). Electron needs its own
 * ABI build, kept apart in .electron-native/ and handed to the app via PORTSIDE_SQLITE_BINDING.
 * (Packaged apps get theirs from electron-builder's rebuild.)
 */
async function electronSqliteBinding() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const dir = join(root, '.electron-native', electronVersion);
  const binding = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building the SQLite module for Electron ${electronVersion} (first start only)...`);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(source, join(dir, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (path) => !path.includes(`${source}/build`) });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'portside-native', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: dir, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  return binding;
}

async function runElectron(binary) {
  let binding;
  try {
    binding = await electronSqliteBinding();
  } catch (error) {
    runBrowserMode(`The SQLite module could not be built for Electron (${error instanceof Error ? error.message : String(error)}).`);
    return;
  }
  const env = { ...process.env, PORTSIDE_DEMO: process.env.PORTSIDE_DEMO ?? '1', PORTSIDE_SQLITE_BINDING: binding };
  const child = spawn(binary, [root], { stdio: 'inherit', env });
  stopWithParent(child);
}

function runBrowserMode(reason) {
  if (reason) console.log(`${reason}\nStarting Portside in browser mode instead (same app, served on this computer only).\n`);
  const env = {
    ...process.env,
    PORTSIDE_PORT: process.env.PORTSIDE_PORT ?? (serverOnly ? '0' : '4310'),
    PORTSIDE_DEMO: process.env.PORTSIDE_DEMO ?? (serverOnly ? '0' : '1'),
    PORTSIDE_DATA_DIR: process.env.PORTSIDE_DATA_DIR ?? (serverOnly ? '' : join(root, '.portside-data')),
  };
  if (env.PORTSIDE_DATA_DIR === '') delete env.PORTSIDE_DATA_DIR;
  const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'], env });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    process.stdout.write(text);
    const match = /Portside listening on (\S+)/.exec(text);
    if (match && !serverOnly) {
      console.log(`\n  Open ${match[1]} in your browser.`);
      if (env.PORTSIDE_DEMO === '1')
        console.log('  Demo accounts: csr, manager, admin (password: portside-demo)\n  Press Ctrl+C to stop.\n');
    }
  });
  stopWithParent(child);
}

/**
 * Ties `child` to this process: a stop signal is passed on, and this process exits when the child
 * does, with its exit code. `npm run` starts us through `sh -c`, and when npm is sent SIGTERM it
 * forwards it to that shell only; dash (Debian's sh) then dies without passing it on, and we
 * learn of it only as our parent disappearing (we are re-parented). So that counts as SIGTERM too.
 */
function stopWithParent(child) {
  const stop = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
  const orphaned = setInterval(() => {
    if (process.ppid === parentAtStart) return;
    clearInterval(orphaned);
    stop('SIGTERM');
  }, 250);
  child.on('exit', (code, signal) => {
    clearInterval(orphaned);
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}

try {
  await ensureBuilt();
} catch (error) {
  console.error(`Portside could not be built: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Run `npm install` again, then `npm start`. See README.md > Troubleshooting.');
  process.exit(1);
}

if (serverOnly) {
  runBrowserMode(null);
} else {
  const binary = electronBinary();
  if (binary) await runElectron(binary);
  else runBrowserMode('The Electron runtime is not available on this machine (no display, or it could not be downloaded).');
}
