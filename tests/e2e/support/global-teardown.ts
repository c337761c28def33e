// E2E global teardown: stops the server the setup started (SIGTERM, then waits) and removes its temporary data folder.
import { rmSync } from 'node:fs';
import { DATA_DIR_ENV, SERVER_PID_ENV } from './server-env';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isRunning(pid);
}

export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[SERVER_PID_ENV]);
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 10_000))) {
      console.warn(`E2E: Portside (pid ${pid}) ignored SIGTERM for 10 s; killing it.`);
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  const dataDir = process.env[DATA_DIR_ENV];
  if (dataDir && dataDir.includes('portside-e2e-')) rmSync(dataDir, { recursive: true, force: true });
}
