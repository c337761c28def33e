// `npm run audit:verify -- <data dir>`: verifies a Portside database offline; exit 0 intact, 1 broken, 2 usage error.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditVerifyReport } from '../core/domain/audit-chain';
import { schemaVersion } from '../main/db/database';
import { DAMAGE_LINES_SHOWN, damageLines } from '../main/db/database-errors';
import { MIGRATIONS } from '../main/db/migrations';
import { describeMismatch, verifyIntegrity } from '../main/services/integrity-service';

const USAGE = 'usage: npm run audit:verify -- <data dir>   (the folder holding portside.sqlite)';
/** The first schema with the audit chain (004_audit_chain). */
const CHAIN_SCHEMA = 4;

function usageError(message: string): never {
  console.error(`audit:verify: ${message}\n${USAGE}`);
  process.exit(2);
}

function databaseFile(args: readonly string[]): string {
  const [dir, ...rest] = args;
  if (dir === undefined || dir.trim() === '') usageError('name the data folder to verify.');
  if (rest.length > 0) usageError(`expected one data folder, got ${args.length}: ${args.join(' ')}`);
  // npm runs scripts from the project folder; INIT_CWD is where the command was typed.
  const folder = resolve(process.env.INIT_CWD ?? process.cwd(), dir);
  if (!existsSync(folder)) usageError(`${folder} does not exist.`);
  if (!statSync(folder).isDirectory()) usageError(`${folder} is not a folder; name the folder that holds portside.sqlite.`);
  const file = join(folder, 'portside.sqlite');
  if (!existsSync(file)) usageError(`there is no Portside database (portside.sqlite) in ${folder}.`);
  return file;
}

function printReport(file: string, report: AuditVerifyReport, ms: number): void {
  const lines = [`Portside audit verify: ${file}`, ''];
  lines.push(`Audit trail: ${report.checked} entries checked, ${report.problems.length === 0 ? 'intact' : 'BROKEN'}`);
  if (report.firstBroken) {
    const { id, seq, reason } = report.firstBroken;
    lines.push(`  first broken: ${id ? `entry ${id}` : 'the table itself'}${seq !== null ? ` (seq ${seq})` : ''}`);
    lines.push(`    ${reason}`);
  }
  if (report.problems.length > 1) {
    lines.push(`  all problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`    - ${p.reason}`);
  }
  const { orders } = report;
  lines.push(
    `Orders: ${orders.checked} checked, ${orders.mismatchCount === 0 ? 'every derived field matches its vehicles' : `${orders.mismatchCount} derived field(s) do NOT match their vehicles`}`,
  );
  for (const m of orders.mismatches) lines.push(`    - ${describeMismatch(m)}`);
  if (orders.mismatchCount > orders.mismatches.length) lines.push(`    ... and ${orders.mismatchCount - orders.mismatches.length} more`);
  lines.push('', `${report.ok ? 'OK' : 'BROKEN'} (verified in ${(ms / 1000).toFixed(2)} s)`);
  console.log(lines.join('\n'));
}

/** SQLite's quick_check (linear in the file size): the damage it finds, or an empty list when the file is sound. */
function fileDamage(db: Database.Database): string[] {
  const rows = db.pragma('quick_check(100)') as Record<string, unknown>[];
  const lines = damageLines(rows.map((row) => String(Object.values(row)[0])));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

function printDamaged(file: string, lines: readonly string[]): void {
  const shown = lines.slice(0, DAMAGE_LINES_SHOWN).map((line) => `  ${line}`);
  if (lines.length > DAMAGE_LINES_SHOWN) shown.push(`  (${lines.length - DAMAGE_LINES_SHOWN} more)`);
  console.log(
    [
      `Portside audit verify: ${file}`,
      '',
      "BROKEN: the database file is damaged: SQLite's quick_check reports",
      ...shown,
      'Nothing in it can be trusted until it is restored from a backup; keep the damaged copy for support.',
    ].join('\n'),
  );
}

/** SQLite's own errors (SQLITE_CORRUPT, SQLITE_NOTADB, ...) while reading: the file, not the trail, is at fault. */
function isSqliteError(error: unknown): error is Error {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return error instanceof Error && typeof code === 'string' && code.startsWith('SQLITE_');
}

function verify(file: string): number {
  // Read-only: a verifier must never migrate, seal or otherwise change what it inspects.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // First the file itself: a damaged page the chain never reads would otherwise pass as "OK"
    // while the server refuses to start on the same file.
    const damage = fileDamage(db);
    if (damage.length > 0) {
      printDamaged(file, damage);
      return 1;
    }
    const version = schemaVersion(db);
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (version > latest) usageError(`${file} was written by a newer Portside (schema ${version}); use that version's audit:verify.`);
    if (version < CHAIN_SCHEMA) {
      usageError(`${file} is at schema ${version}, before the audit chain: open it once with this Portside to upgrade and seal it.`);
    }
    const started = performance.now();
    const report = verifyIntegrity(db);
    printReport(file, report, performance.now() - started);
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

function main(): number {
  const file = databaseFile(process.argv.slice(2));
  try {
    return verify(file);
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    // A page SQLite cannot read (it may even stop quick_check itself): one clear line, never a stack trace.
    console.log(
      `Portside audit verify: ${file}\n\nBROKEN: the database file is damaged or unreadable (SQLite: ${error.message}). Nothing in it can be trusted until it is restored from a backup; keep the damaged copy for support.`,
    );
    return 1;
  }
}

process.exitCode = main();
