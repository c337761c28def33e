// Verifies the pool's ID tokens with jose against its JWKS (signature, issuer, audience, token use, expiry) and reads who and which groups.
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { ROLES, type Role } from '../../core/auth/permissions';
import { CognitoFailure, poolBaseUrl, type PoolSettings } from './cognito-gateway';

/** What Portside takes from a verified ID token. */
export interface IdTokenClaims {
  sub: string;
  email: string | null;
  /** The `name` attribute, else the e-mail, else the pool username. */
  displayName: string;
  /** True when the token carried `name` (else the display name is a fallback worth completing from the pool). */
  hasName: boolean;
  poolUsername: string;
  /** The Portside groups among `cognito:groups` (CSR, Manager, Admin), in that order. */
  roles: Role[];
  /** Every group the pool put the user in (for the audit when none is a Portside one). */
  groups: string[];
  expiresAtMs: number;
}

/** The groups a user needs one of, as an administrator adds them in the pool. */
export const PORTSIDE_GROUPS: readonly Role[] = ROLES;

export function rolesFromGroups(groups: readonly string[]): Role[] {
  return ROLES.filter((role) => groups.includes(role));
}

function text(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  return typeof value === 'string' && value !== '' ? value : null;
}

export class IdTokenVerifier {
  private readonly jwks;
  private readonly issuer: string;

  constructor(
    private readonly pool: PoolSettings,
    private readonly nowMs: () => number,
  ) {
    const base = poolBaseUrl(pool);
    this.issuer = `${base}/${pool.userPoolId}`;
    this.jwks = createRemoteJWKSet(new URL(`${base}/${pool.userPoolId}/.well-known/jwks.json`), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
    });
  }

  /**
   * On AWS the issuer is exactly https://cognito-idp.<region>.amazonaws.com/<poolId>. An emulator
   * signs with its own listening address, which may differ from the endpoint Portside is given
   * (a proxy in front, a container name): there only the pool id in the path is checked.
   */
  private issuerMatches(iss: string | undefined): boolean {
    if (!iss) return false;
    if (!this.pool.endpoint) return iss === this.issuer;
    try {
      return new URL(iss).pathname === `/${this.pool.userPoolId}`;
    } catch {
      return false;
    }
  }

  /** The claims of a valid ID token of this pool and app client; a CognitoFailure ('other' or 'unreachable') otherwise. */
  async verify(idToken: string): Promise<IdTokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        audience: this.pool.clientId,
        currentDate: new Date(this.nowMs()),
        algorithms: ['RS256'],
      }));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const unreachable = code === 'ERR_JWKS_TIMEOUT' || (error instanceof TypeError && /fetch/i.test(error.message));
      throw new CognitoFailure(
        unreachable ? 'unreachable' : 'other',
        `ID token refused: ${(error as Error).message}`,
        typeof code === 'string' ? code : 'JoseError',
      );
    }
    if (!this.issuerMatches(payload.iss)) throw new CognitoFailure('other', `ID token refused: issuer ${String(payload.iss)}`, 'Issuer');
    if (payload.token_use !== 'id') throw new CognitoFailure('other', 'ID token refused: token_use is not "id"', 'TokenUse');
    const sub = text(payload, 'sub');
    if (!sub || payload.exp === undefined) throw new CognitoFailure('other', 'ID token refused: no sub or exp', 'Claims');
    const rawGroups = payload['cognito:groups'];
    const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
    const email = text(payload, 'email');
    const poolUsername = text(payload, 'cognito:username') ?? email ?? sub;
    return {
      sub,
      email,
      displayName: text(payload, 'name') ?? email ?? poolUsername,
      hasName: text(payload, 'name') !== null,
      poolUsername,
      roles: rolesFromGroups(groups),
      groups,
      expiresAtMs: payload.exp * 1000,
    };
  }

  /** True when the pool's JWKS answers: the pool is reachable again. */
  async reachable(): Promise<boolean> {
    try {
      const res = await fetch(`${poolBaseUrl(this.pool)}/${this.pool.userPoolId}/.well-known/jwks.json`, {
        signal: AbortSignal.timeout(5_000),
      });
      await res.arrayBuffer();
      return true;
    } catch {
      return false;
    }
  }
}
