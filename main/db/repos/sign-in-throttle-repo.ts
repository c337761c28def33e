// SQL for the failed sign-in counters (per account name and per client) behind the sign-in throttle.
import type { ThrottleScope } from '../../../core/auth/sign-in-throttle';
import type { Db } from '../database';

export interface ThrottleCounter {
  scope: ThrottleScope;
  subject: string;
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
}

interface CounterRow {
  scope: string;
  subject: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

function toCounter(r: CounterRow): ThrottleCounter {
  return {
    scope: r.scope as ThrottleScope,
    subject: r.subject,
    failures: r.failures,
    lastFailureAt: r.last_failure_at,
    lockedUntil: r.locked_until,
  };
}

export class SignInThrottleRepo {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly purgeStmt;
  private readonly allOfScopeStmt;
  private readonly deleteScopeStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, string], CounterRow>(`SELECT * FROM sign_in_throttle WHERE scope = ? AND subject = ?`);
    this.upsertStmt = db.prepare<CounterRow>(
      `INSERT INTO sign_in_throttle (scope, subject, failures, last_failure_at, locked_until)
       VALUES (@scope, @subject, @failures, @last_failure_at, @locked_until)
       ON CONFLICT (scope, subject) DO UPDATE SET
         failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
    );
    this.deleteStmt = db.prepare<[string, string]>(`DELETE FROM sign_in_throttle WHERE scope = ? AND subject = ?`);
    this.allOfScopeStmt = db.prepare<[string], CounterRow>(`SELECT * FROM sign_in_throttle WHERE scope = ? ORDER BY subject`);
    this.deleteScopeStmt = db.prepare<[string]>(`DELETE FROM sign_in_throttle WHERE scope = ?`);
    this.purgeStmt = db.prepare<{ before: string; now: string }>(
      `DELETE FROM sign_in_throttle WHERE last_failure_at < @before AND (locked_until IS NULL OR locked_until <= @now)`,
    );
  }

  get(scope: ThrottleScope, subject: string): ThrottleCounter | null {
    const row = this.getStmt.get(scope, subject);
    return row ? toCounter(row) : null;
  }

  save(c: ThrottleCounter): void {
    this.upsertStmt.run({
      scope: c.scope,
      subject: c.subject,
      failures: c.failures,
      last_failure_at: c.lastFailureAt,
      locked_until: c.lockedUntil,
    });
  }

  delete(scope: ThrottleScope, subject: string): void {
    this.deleteStmt.run(scope, subject);
  }

  /** Deletes every counter of one scope and returns what they held. */
  deleteAll(scope: ThrottleScope): ThrottleCounter[] {
    const counters = this.allOfScopeStmt.all(scope).map(toCounter);
    this.deleteScopeStmt.run(scope);
    return counters;
  }

  /** Drops counters with no failure since `before` and no lockout still running at `now`. */
  purgeForgotten(before: string, now: string): void {
    this.purgeStmt.run({ before, now });
  }
}
