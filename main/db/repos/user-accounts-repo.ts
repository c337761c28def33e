// SQL for the Admin screen: accounts with their sign-in state, versioned account changes, ending sessions, and the sign-in history.
import type { Role } from '../../../core/auth/permissions';
import type { UserAccount } from '../../../core/domain/users';
import type { Db } from '../database';

/**
 * An account row with what the Admin screen shows beside it. `lockedUntil` is the lockout's end
 * as stored, running or not: the service compares it with now.
 */
export type AccountRow = UserAccount;

interface AccountSqlRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  disabled: number;
  created_at: string;
  updated_at: string | null;
  version: number;
  last_sign_in_at: string | null;
  failures: number | null;
  locked_until: string | null;
  sessions: number;
}

/** A user audit entry as the sign-in history reads it. */
export interface SignInEntryRow {
  id: string;
  at: string;
  actorName: string;
  entityId: string;
  action: string;
  changes: string;
  reason: string | null;
  /** 'offline' for a sign-in unlocked offline (and anything done in that session). */
  origin: string;
  userId: string | null;
  username: string | null;
  displayName: string | null;
}

interface SignInSqlRow {
  id: string;
  at: string;
  actor_name: string;
  entity_id: string;
  action: string;
  changes: string;
  reason: string | null;
  origin: string;
  user_id: string | null;
  username: string | null;
  display_name: string | null;
}

export interface AccountChange {
  id: string;
  version: number;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  updatedAt: string;
}

const ACCOUNT_SELECT = `
  SELECT u.id, u.username, u.display_name, u.roles, u.disabled, u.created_at, u.updated_at, u.version,
         (SELECT max(a.at) FROM audit_entries a
           WHERE a.entity_type = 'user' AND a.entity_id = u.id AND a.action = 'signed_in') AS last_sign_in_at,
         t.failures, t.locked_until,
         (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > @now) AS sessions
    FROM users u
    LEFT JOIN sign_in_throttle t ON t.scope = 'user' AND t.subject = u.username`;

function toAccount(r: AccountSqlRow): AccountRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as Role[],
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    lastSignInAt: r.last_sign_in_at,
    failedSignIns: r.failures ?? 0,
    lockedUntil: r.locked_until,
    sessions: r.sessions,
  };
}

export class UserAccountsRepo {
  private readonly allStmt;
  private readonly oneStmt;
  private readonly updateStmt;
  private readonly passwordStmt;
  private readonly endSessionsStmt;
  private readonly enabledAdminsStmt;
  private readonly historyStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<{ now: string }, AccountSqlRow>(`${ACCOUNT_SELECT} ORDER BY u.display_name COLLATE NOCASE, u.id`);
    this.oneStmt = db.prepare<{ now: string; id: string }, AccountSqlRow>(`${ACCOUNT_SELECT} WHERE u.id = @id`);
    this.updateStmt = db.prepare<{
      id: string;
      version: number;
      display_name: string;
      roles: string;
      disabled: number;
      updated_at: string;
    }>(
      `UPDATE users SET display_name = @display_name, roles = @roles, disabled = @disabled, updated_at = @updated_at, version = version + 1
        WHERE id = @id AND version = @version`,
    );
    this.passwordStmt = db.prepare<[string, string]>(`UPDATE users SET password_hash = ? WHERE id = ?`);
    this.endSessionsStmt = db.prepare<[string]>(`DELETE FROM sessions WHERE user_id = ?`);
    this.enabledAdminsStmt = db.prepare<[], { id: string }>(
      `SELECT u.id FROM users u WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM json_each(u.roles) r WHERE r.value = 'Admin')`,
    );
    // Newest first, after the cursor; `@userId`/`@username` null = everybody. Entries of an unknown
    // name carry the name as typed in entity_id, so a filter by name finds them too.
    this.historyStmt = db.prepare<
      { actions: string; after_at: string | null; after_id: string | null; user_id: string | null; username: string | null; limit: number },
      SignInSqlRow
    >(
      `SELECT a.id, a.at, a.actor_name, a.entity_id, a.action, a.changes, a.reason, a.origin, u.id AS user_id, u.username, u.display_name
         FROM audit_entries a INDEXED BY audit_user_entries
         LEFT JOIN users u ON u.id = a.entity_id
        WHERE a.entity_type = 'user'
          AND a.action IN (SELECT value FROM json_each(@actions))
          AND (@after_at IS NULL OR (a.at, a.id) < (@after_at, @after_id))
          AND (@username IS NULL OR a.entity_id = @user_id OR a.entity_id = @username COLLATE NOCASE)
        ORDER BY a.at DESC, a.id DESC
        LIMIT @limit`,
    );
  }

  all(now: string): AccountRow[] {
    return this.allStmt.all({ now }).map(toAccount);
  }

  byId(id: string, now: string): AccountRow | null {
    const row = this.oneStmt.get({ now, id });
    return row ? toAccount(row) : null;
  }

  /** Changes an account at the version the caller saw; false when it has moved on (or is gone). */
  update(change: AccountChange): boolean {
    return (
      this.updateStmt.run({
        id: change.id,
        version: change.version,
        display_name: change.displayName,
        roles: JSON.stringify(change.roles),
        disabled: change.disabled ? 1 : 0,
        updated_at: change.updatedAt,
      }).changes === 1
    );
  }

  setPasswordHash(id: string, passwordHash: string): void {
    this.passwordStmt.run(passwordHash, id);
  }

  /** Ends every session of the user at once; returns how many there were. */
  endSessions(userId: string): number {
    return this.endSessionsStmt.run(userId).changes;
  }

  enabledAdminIds(): string[] {
    return this.enabledAdminsStmt.all().map((r) => r.id);
  }

  signInEntries(query: {
    actions: readonly string[];
    after: { at: string; id: string } | null;
    userId: string | null;
    username: string | null;
    limit: number;
  }): SignInEntryRow[] {
    return this.historyStmt
      .all({
        actions: JSON.stringify(query.actions),
        after_at: query.after?.at ?? null,
        after_id: query.after?.id ?? null,
        user_id: query.userId,
        username: query.username,
        limit: query.limit,
      })
      .map((r) => ({
        id: r.id,
        at: r.at,
        actorName: r.actor_name,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes,
        reason: r.reason,
        origin: r.origin,
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
      }));
  }
}
