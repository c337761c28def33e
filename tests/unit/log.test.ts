// Specification of the log file: what went wrong must be readable by support, whatever was thrown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLogger } from '../../main/log';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'portside-log-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('fileLogger', () => {
  it('writes a thrown plain object by its contents, not as "[object Object]"', () => {
    const echoed: string[] = [];
    fileLogger(dataDir, (line) => echoed.push(line))('sync failed', { code: 'ThrottlingException', retryable: true });
    const written = readFileSync(join(dataDir, 'portside.log'), 'utf8');
    expect(written).toContain("code: 'ThrottlingException'");
    expect(written).not.toContain('[object Object]');
    expect(echoed.join('\n')).toContain('ThrottlingException');
  });

  it('writes a thrown string as it is and an Error with its stack', () => {
    const log = fileLogger(dataDir, () => undefined);
    log('first', 'disk full');
    log('second', new Error('database is locked'));
    const written = readFileSync(join(dataDir, 'portside.log'), 'utf8');
    expect(written).toContain('first\ndisk full\n');
    expect(written).toContain('second\nError: database is locked\n    at ');
  });
});
