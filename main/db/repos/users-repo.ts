// SQL for local accounts and their sessions.
import type { Role } from '../../../core/auth/permissions';
import type { Db } from '../database';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  disabled: number;
  created_at: string;
}

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as Role[],
    passwordHash: r.password_hash,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

export class UsersRepo {
  private readonly insertStmt;
  private readonly byUsernameStmt;
  private readonly byIdStmt;
  private readonly countStmt;
  private readonly allStmt;
  private readonly activeStmt;
  private readonly insertSessionStmt;
  private readonly sessionStmt;
  private readonly deleteSessionStmt;
  private readonly purgeSessionsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<UserRow>(
      `INSERT INTO users (id, username, display_name, roles, password_hash, disabled, created_at)
       VALUES (@id, @username, @display_name, @roles, @password_hash, @disabled, @created_at)`,
    );
    this.byUsernameStmt = db.prepare<[string], UserRow>(`SELECT * FROM users WHERE username = ?`);
    this.byIdStmt = db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`);
    this.countStmt = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users`);
    this.allStmt = db.prepare<[], UserRow>(`SELECT * FROM users ORDER BY display_name COLLATE NOCASE, id`);
    this.activeStmt = db.prepare<[], UserRow>(`SELECT * FROM users WHERE disabled = 0 ORDER BY display_name, id`);
    this.insertSessionStmt = db.prepare<{ token_hash: string; user_id: string; created_at: string; expires_at: string }>(
      `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (@token_hash, @user_id, @created_at, @expires_at)`,
    );
    this.sessionStmt = db.prepare<[string, string], UserRow>(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
    );
    this.deleteSessionStmt = db.prepare<[string]>(`DELETE FROM sessions WHERE token_hash = ?`);
    this.purgeSessionsStmt = db.prepare<[string]>(`DELETE FROM sessions WHERE expires_at <= ?`);
  }

  insert(u: UserRecord): void {
    this.insertStmt.run({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      roles: JSON.stringify(u.roles),
      password_hash: u.passwordHash,
      disabled: u.disabled ? 1 : 0,
      created_at: u.createdAt,
    });
  }

  byUsername(username: string): UserRecord | null {
    const row = this.byUsernameStmt.get(username);
    return row ? toUser(row) : null;
  }

  byId(id: string): UserRecord | null {
    const row = this.byIdStmt.get(id);
    return row ? toUser(row) : null;
  }

  /** Every local account, by display name (disabled ones too: a picker shows them as such). */
  all(): UserRecord[] {
    return this.allStmt.all().map(toUser);
  }

  /** Every account that can sign in, by name (who an order can be assigned to). */
  active(): UserRecord[] {
    return this.activeStmt.all().map(toUser);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  createSession(tokenHash: string, userId: string, createdAt: string, expiresAt: string): void {
    this.insertSessionStmt.run({ token_hash: tokenHash, user_id: userId, created_at: createdAt, expires_at: expiresAt });
  }

  userForSession(tokenHash: string, now: string): UserRecord | null {
    const row = this.sessionStmt.get(tokenHash, now);
    return row ? toUser(row) : null;
  }

  deleteSession(tokenHash: string): void {
    this.deleteSessionStmt.run(tokenHash);
  }

  purgeExpiredSessions(now: string): void {
    this.purgeSessionsStmt.run(now);
  }
}
