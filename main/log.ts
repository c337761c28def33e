// Append-only log file in the data folder, so a CSR can send support what went wrong.
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

const MAX_BYTES = 5 * 1024 * 1024;

export type LogFn = (message: string, error?: unknown) => void;

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (error === undefined) return '';
  // inspect, not String(): a thrown plain object would log as "[object Object]".
  return typeof error === 'string' ? error : inspect(error);
}

/** Logs to `<dataDir>/portside.log` (rotated once at 5 MB to portside.log.1) and to stderr. */
export function fileLogger(dataDir: string, echo: (line: string) => void = (line) => console.error(line)): LogFn {
  const file = join(dataDir, 'portside.log');
  return (message, error) => {
    const detail = describe(error);
    const line = `${new Date().toISOString()} ${message}${detail ? `\n${detail}` : ''}\n`;
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, line);
    } catch {
      // A log that cannot be written must never take the app down with it.
    }
    echo(line.trimEnd());
  };
}
