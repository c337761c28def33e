// The renewal loop: refreshes pool tokens before they expire, re-validates offline sessions once the pool answers, ends sessions the pool no longer vouches for.
import { DISABLED_MESSAGE, noGroup } from './cloud-auth';
import type { PoolTokenKeeper } from './cloud-auth-tokens';
import { CognitoFailure, type CognitoGateway } from './cognito-gateway';
import type { IdTokenClaims, IdTokenVerifier } from './id-token';
import { inTransaction, type ServiceDeps, SYSTEM_ACTOR } from './unit-of-work';

export const SIGNED_OUT_EVERYWHERE = 'You were signed out everywhere. Sign in again to continue.';
export const BACK_ONLINE = 'Portside is back online: sign in again now that the sign-in service can check your account.';

export interface RenewalOptions {
  /** How often the loop looks (default 30 s). */
  intervalMs?: number;
  /** Tokens are refreshed this long before they expire (default 5 min). */
  marginMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export class SessionRenewal {
  private timer: ReturnType<typeof setInterval> | null = null;
  private pass: Promise<void> | null = null;
  private readonly marginMs: number;
  /** One refresh per user at a time (the loop and idToken() may ask together). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly gateway: CognitoGateway,
    private readonly verifier: IdTokenVerifier,
    private readonly tokens: PoolTokenKeeper,
    private readonly options: RenewalOptions = {},
  ) {
    this.marginMs = options.marginMs ?? 5 * 60_000;
  }

  private nowMs(): number {
    return Date.parse(this.deps.clock.now());
  }

  /** Starts the loop (one pass now, for sessions that outlived a restart); its timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    void this.renewNow();
    this.timer = setInterval(() => void this.renewNow(), this.options.intervalMs ?? 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the pool users with a live session; concurrent callers share it. */
  renewNow(): Promise<void> {
    this.pass ??= this.runPass().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private async runPass(): Promise<void> {
    const users = this.deps.repos.users.liveCloudSessionUsers(this.deps.clock.now());
    for (const { userId, offline } of users) {
      try {
        await this.renewUser(userId, offline);
      } catch (error) {
        this.options.log?.(`session renewal for ${userId} failed`, error);
      }
    }
  }

  /** The current ID token of the most recent online session (refreshed first when near expiry), or null. */
  async idToken(): Promise<string | null> {
    const userId = this.tokens.latestUser();
    if (!userId) return null;
    const live = this.deps.repos.users.liveCloudSessionUsers(this.deps.clock.now()).find((u) => u.userId === userId);
    if (!live?.online) return null;
    const current = this.tokens.tokensOf(userId);
    if (current && current.expiresAtMs - this.nowMs() < this.marginMs) await this.renewUser(userId, false);
    const after = this.tokens.tokensOf(userId);
    return after && after.expiresAtMs > this.nowMs() ? after.idToken : null;
  }

  private renewUser(userId: string, offline: boolean): Promise<void> {
    const running = this.inFlight.get(userId);
    if (running) return running;
    const work = this.renew(userId, offline).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, work);
    return work;
  }

  private async renew(userId: string, offline: boolean): Promise<void> {
    const user = this.deps.repos.users.byId(userId);
    if (!user) return;
    const live = this.tokens.tokensOf(userId);
    if (!offline && live && live.expiresAtMs - this.nowMs() > this.marginMs) return;
    const refreshToken = this.tokens.refreshTokenOf(userId);
    if (!refreshToken) {
      // Nothing to re-validate with but the password: once the pool answers, the person signs in again.
      if (await this.verifier.reachable()) {
        this.tokens.lockOut(user, BACK_ONLINE, 'Back online without a refresh token (sign in again)', {
          forgetVerifier: false,
          action: 'session_ended',
        });
      }
      return;
    }
    let claims: IdTokenClaims;
    try {
      const fresh = await this.gateway.refresh(refreshToken);
      claims = await this.verifier.verify(fresh.idToken);
      if (claims.sub !== userId) throw new CognitoFailure('other', 'The refreshed ID token is for another user.', 'SubMismatch');
      this.tokens.keep(userId, fresh, claims);
    } catch (error) {
      if (!(error instanceof CognitoFailure)) throw error;
      this.refused(error, userId);
      return;
    }
    if (claims.roles.length === 0) {
      this.tokens.lockOut(user, noGroup().message, 'Taken out of every Portside group (found at renewal)', { roles: [] });
      return;
    }
    this.tokens.updateRoles(user, claims);
    if (offline) this.backOnline(userId);
  }

  private refused(error: CognitoFailure, userId: string): void {
    const user = this.deps.repos.users.byId(userId);
    if (!user) return;
    switch (error.kind) {
      case 'unreachable':
      case 'throttled':
        return; // Try again at the next pass; an offline session stays offline.
      case 'disabled':
        this.tokens.lockOut(user, DISABLED_MESSAGE, 'Disabled in the user pool (found at renewal)');
        return;
      case 'revoked':
      case 'wrong':
        this.tokens.lockOut(user, SIGNED_OUT_EVERYWHERE, 'The pool no longer accepts the refresh token (signed out everywhere)', {
          forgetVerifier: false,
          action: 'session_ended',
        });
        return;
      default:
        this.options.log?.(`session renewal for ${userId}: the pool answered ${error.awsName}`, error);
    }
  }

  private backOnline(userId: string): void {
    inTransaction(this.deps, SYSTEM_ACTOR, 'auth.renewal', (uow) => {
      this.deps.repos.users.markSessionsOnline(userId);
      uow.audit({
        entityType: 'user',
        entityId: userId,
        orderId: null,
        action: 'session_online',
        changes: [{ field: 'offline', before: true, after: false }],
        reason: 'The pool answered again and re-validated the offline session',
        origin: 'system',
      });
    });
  }
}
