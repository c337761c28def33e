// `npm run audit:verify` on a damaged file: it says the file is damaged and exits 1, never "OK" and never a stack trace.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/api/backend';
import { loadConfig } from '../../main/config';
import { damageLeafPages } from '../support/damaged-database';

let root: string;
let intact: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'portside-verify-damaged-'));
  const dataDir = join(root, 'intact');
  createBackend(loadConfig({ PORTSIDE_DEMO: '1' }, { dataDir }), { log: () => undefined }).close();
  intact = join(dataDir, 'portside.sqlite');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A data folder holding a copy of the demo database. */
function copyOfDemo(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(root, `${name}-`));
  const file = join(dir, 'portside.sqlite');
  copyFileSync(intact, file);
  return { dir, file };
}

function cli(dir: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', './scripts/raw-loader.mjs', '--import', 'tsx', 'scripts/audit-verify.ts', dir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('audit:verify on a damaged database file', () => {
  it('passes the intact copy the damaged ones are made from', () => {
    const { dir } = copyOfDemo('intact');
    const run = cli(dir);
    expect(run.stdout).toContain('OK (verified in');
    expect(run.status).toBe(0);
  });

  it('refuses a file with damaged index pages the chain never reads, as the server does: exit 1, never OK', () => {
    const { dir } = copyOfDemo('index');
    damageLeafPages(join(dir, 'portside.sqlite'), 'outbox_by_state', 2);
    const run = cli(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("BROKEN: the database file is damaged: SQLite's quick_check reports");
    expect(run.stdout).toMatch(/Tree \d+ page \d+: btreeInitPage\(\) returns error code 11/);
    expect(run.stdout).not.toMatch(/^OK/m);
    expect(run.stdout).not.toContain('*** in database');
  });

  it('shows the first three damage reports and counts the rest', () => {
    const { dir } = copyOfDemo('many');
    const pages = damageLeafPages(join(dir, 'portside.sqlite'), 'audit_by_order', 8);
    const run = cli(dir);
    expect(run.status).toBe(1);
    expect(run.stdout.match(/btreeInitPage/g)).toHaveLength(3);
    expect(run.stdout).toContain(`  (${pages.length - 3} more)`);
  });

  it('explains a page SQLite cannot read at all in one line, without a stack trace', () => {
    const { dir } = copyOfDemo('entries');
    damageLeafPages(join(dir, 'portside.sqlite'), 'audit_entries', 3);
    const run = cli(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BROKEN: the database file is damaged or unreadable (SQLite: database disk image is malformed)');
    expect(run.stdout).toContain('restored from a backup');
    expect(run.stderr).not.toMatch(/SqliteError|\n\s+at /);
  });
});
