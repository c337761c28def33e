// Local accounts: scrypt-hashed passwords, opaque bearer sessions (only their hash is stored).
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { PortsideError } from '../../core/api/errors';
import type { Role, SessionUser } from '../../core/auth/permissions';
import type { LoginInput, LoginResult } from '../../core/domain/auth';
import type { UserRecord } from '../db/repos/users-repo';
import type { ServiceDeps } from './unit-of-work';

const SESSION_HOURS = 12;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

export function hashPassword(password: string, salt = randomBytes(16)): string {
  const hash = scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** How a session token is stored and looked up: only its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSessionUser(u: UserRecord): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles };
}

/** A throwaway hash so that unknown usernames cost the same time as wrong passwords. */
const DUMMY_HASH = hashPassword('portside-timing-equaliser');

export class AuthService {
  constructor(private readonly deps: ServiceDeps) {}

  createUser(input: { username: string; displayName: string; password: string; roles: Role[] }): SessionUser {
    const user: UserRecord = {
      id: this.deps.ids.next(),
      username: input.username,
      displayName: input.displayName,
      roles: input.roles,
      passwordHash: hashPassword(input.password),
      disabled: false,
      createdAt: this.deps.clock.now(),
    };
    this.deps.repos.users.insert(user);
    return toSessionUser(user);
  }

  login(input: LoginInput): LoginResult {
    const user = this.deps.repos.users.byUsername(input.username);
    const ok = verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH) && user !== null && !user.disabled;
    if (!ok || !user) {
      throw new PortsideError('UNAUTHENTICATED', 'Wrong username or password. Check both and try again.', {
        fields: { password: 'Wrong username or password.' },
      });
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const expires = new Date(Date.parse(now) + SESSION_HOURS * 3600_000).toISOString();
    // IMMEDIATE: take the write lock first, so a busy database waits instead of failing (see inTransaction).
    this.deps.db
      .transaction(() => {
        this.deps.repos.users.purgeExpiredSessions(now);
        this.deps.repos.users.createSession(tokenHash(token), user.id, now, expires);
      })
      .immediate();
    return { token, user: toSessionUser(user) };
  }

  /** The user behind a bearer token, or an UNAUTHENTICATED error a person can act on. */
  authenticate(token: string | null | undefined): SessionUser {
    if (!token) throw new PortsideError('UNAUTHENTICATED', 'Sign in to continue.');
    const user = this.deps.repos.users.userForSession(tokenHash(token), this.deps.clock.now());
    if (!user) throw new PortsideError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return toSessionUser(user);
  }

  logout(token: string): void {
    this.deps.repos.users.deleteSession(tokenHash(token));
  }
}
