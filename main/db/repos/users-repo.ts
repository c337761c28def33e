// SQL for accounts (local, and Cognito pool users keyed by their sub) and their sessions.
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
  /** 'cognito': a pool user (id = its sub), who signs in through the pool and never with password_hash. */
  source: UserSource;
  email: string | null;
  /** scrypt hash of the password last used online on this device; null: cannot unlock offline. */
  offlineVerifier: string | null;
  /** Last online sign-in (cloud mode). */
  onlineAt: string | null;
}

export type UserSource = 'local' | 'cognito';

/** A new local account: the cloud fields default (local source, no e-mail, no offline verifier). */
export type NewUser = Omit<UserRecord, 'source' | 'email' | 'offlineVerifier' | 'onlineAt'> & Partial<UserRecord>;

/** A pool user as the latest verified ID token describes it. */
export interface PoolUserProfile {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
}

/** A session row with its user: `endedReason` set when the pool ended it (the next request is told why). */
export interface SessionRecord {
  user: UserRecord;
  offline: boolean;
  endedReason: string | null;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  source: string;
  email: string | null;
  offline_verifier: string | null;
  online_at: string | null;
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
    source: r.source === 'cognito' ? 'cognito' : 'local',
    email: r.email,
    offlineVerifier: r.offline_verifier,
    onlineAt: r.online_at,
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
  private readonly sessionRowStmt;
  private readonly endSessionsStmt;
  private readonly userSessionsOnlineStmt;
  private readonly liveSessionUsersStmt;
  private readonly upsertPoolStmt;
  private readonly renameStmt;
  private readonly verifierStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<Omit<UserRow, 'offline_verifier' | 'online_at'>>(
      `INSERT INTO users (id, username, display_name, roles, password_hash, disabled, created_at, source, email)
       VALUES (@id, @username, @display_name, @roles, @password_hash, @disabled, @created_at, @source, @email)`,
    );
    this.byUsernameStmt = db.prepare<[string], UserRow>(`SELECT * FROM users WHERE username = ?`);
    this.byIdStmt = db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`);
    this.countStmt = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users`);
    this.allStmt = db.prepare<[], UserRow>(`SELECT * FROM users ORDER BY display_name COLLATE NOCASE, id`);
    this.activeStmt = db.prepare<[], UserRow>(`SELECT * FROM users WHERE disabled = 0 ORDER BY display_name, id`);
    this.insertSessionStmt = db.prepare<{ token_hash: string; user_id: string; created_at: string; expires_at: string; offline: number }>(
      `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, offline)
       VALUES (@token_hash, @user_id, @created_at, @expires_at, @offline)`,
    );
    this.sessionStmt = db.prepare<[string, string], UserRow>(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0 AND s.ended_reason IS NULL`,
    );
    this.sessionRowStmt = db.prepare<[string, string], UserRow & { session_offline: number; ended_reason: string | null }>(
      `SELECT u.*, s.offline AS session_offline, s.ended_reason FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    );
    this.endSessionsStmt = db.prepare<[string, string, string]>(
      `UPDATE sessions SET ended_reason = ? WHERE user_id = ? AND ended_reason IS NULL AND expires_at > ?`,
    );
    this.userSessionsOnlineStmt = db.prepare<[string]>(`UPDATE sessions SET offline = 0 WHERE user_id = ? AND ended_reason IS NULL`);
    this.liveSessionUsersStmt = db.prepare<[string], { user_id: string; offline: number; online: number }>(
      `SELECT s.user_id, max(s.offline) AS offline, min(s.offline) = 0 AS online FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.expires_at > ? AND s.ended_reason IS NULL AND u.source = 'cognito' GROUP BY s.user_id`,
    );
    this.upsertPoolStmt = db.prepare<{
      id: string;
      username: string;
      display_name: string;
      email: string | null;
      roles: string;
      now: string;
    }>(
      `INSERT INTO users (id, username, display_name, roles, password_hash, disabled, created_at, source, email, online_at)
       VALUES (@id, @username, @display_name, @roles, '', 0, @now, 'cognito', @email, @now)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         roles = excluded.roles, email = excluded.email, disabled = 0, source = 'cognito', online_at = excluded.online_at`,
    );
    this.renameStmt = db.prepare<[string, string]>(`UPDATE users SET username = ? WHERE id = ?`);
    this.verifierStmt = db.prepare<[string | null, string]>(`UPDATE users SET offline_verifier = ? WHERE id = ?`);
    this.deleteSessionStmt = db.prepare<[string]>(`DELETE FROM sessions WHERE token_hash = ?`);
    this.purgeSessionsStmt = db.prepare<[string]>(`DELETE FROM sessions WHERE expires_at <= ?`);
  }

  insert(u: NewUser): void {
    this.insertStmt.run({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      roles: JSON.stringify(u.roles),
      password_hash: u.passwordHash,
      disabled: u.disabled ? 1 : 0,
      created_at: u.createdAt,
      source: u.source ?? 'local',
      email: u.email ?? null,
    });
  }

  /**
   * Creates or refreshes a pool user's row from its ID token (roles = groups seen now). Another
   * row holding the same username (a pool user deleted and re-created, a local account) is renamed
   * out of the way first: the sub is the identity, the username only how one signs in.
   */
  upsertPoolUser(profile: PoolUserProfile, now: string): void {
    const holder = this.byUsername(profile.username);
    if (holder && holder.id !== profile.id) this.renameStmt.run(`${holder.username}~${holder.id}`, holder.id);
    this.upsertPoolStmt.run({
      id: profile.id,
      username: profile.username,
      display_name: profile.displayName,
      email: profile.email,
      roles: JSON.stringify(profile.roles),
      now,
    });
  }

  setOfflineVerifier(userId: string, verifier: string | null): void {
    this.verifierStmt.run(verifier, userId);
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

  createSession(tokenHash: string, userId: string, createdAt: string, expiresAt: string, offline = false): void {
    this.insertSessionStmt.run({
      token_hash: tokenHash,
      user_id: userId,
      created_at: createdAt,
      expires_at: expiresAt,
      offline: offline ? 1 : 0,
    });
  }

  /** An unexpired session, ended or not (see SessionRecord.endedReason). */
  session(tokenHash: string, now: string): SessionRecord | null {
    const row = this.sessionRowStmt.get(tokenHash, now);
    return row ? { user: toUser(row), offline: row.session_offline === 1, endedReason: row.ended_reason } : null;
  }

  /** Ends every live session of a user, keeping `reason` for their next request; returns how many. */
  endSessionsOf(userId: string, reason: string, now: string): number {
    return this.endSessionsStmt.run(reason, userId, now).changes;
  }

  /** The user's live sessions are online again (re-validated by the pool). */
  markSessionsOnline(userId: string): void {
    this.userSessionsOnlineStmt.run(userId);
  }

  /** Pool users with a live session, whether one of them is offline and whether one is online (what the renewal loop looks after). */
  liveCloudSessionUsers(now: string): { userId: string; offline: boolean; online: boolean }[] {
    return this.liveSessionUsersStmt.all(now).map((r) => ({ userId: r.user_id, offline: r.offline === 1, online: r.online === 1 }));
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
