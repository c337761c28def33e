// Puts cloud sign-in together from the config: the pool gateway, the ID-token verifier, the token keeper, the renewal loop.
import type { PortsideConfig } from '../config';
import { CloudSignIn, type SignInDesk } from './cloud-auth';
import { PoolTokenKeeper } from './cloud-auth-tokens';
import { CognitoFailure, CognitoGateway, type PoolSettings, poolRegion } from './cognito-gateway';
import { IdTokenVerifier } from './id-token';
import type { SecretStore } from './secret-store';
import { type RenewalOptions, SessionRenewal } from './session-renewal';
import type { ServiceDeps } from './unit-of-work';

export interface CloudAuth {
  signIn: CloudSignIn;
  renewal: SessionRenewal;
  /**
   * Signs the user out of the pool on every device (GlobalSignOut). cognito-local lacks it: this
   * device's refresh token is revoked instead. Forgets the tokens either way; true only when the
   * pool confirmed the global sign-out.
   */
  signOutOfPool(userId: string): Promise<boolean>;
  close(): void;
}

/** The pool settings in the config, or null in local mode (no pool id or no app client id). */
export function poolSettings(
  config: Pick<PortsideConfig, 'userPoolId' | 'userPoolClientId' | 'cognitoEndpoint' | 'region'>,
): PoolSettings | null {
  if (!config.userPoolId || !config.userPoolClientId) return null;
  return {
    userPoolId: config.userPoolId,
    clientId: config.userPoolClientId,
    region: poolRegion(config.userPoolId, config.region),
    endpoint: config.cognitoEndpoint,
  };
}

export function cloudAuth(
  deps: ServiceDeps,
  pool: PoolSettings,
  secrets: SecretStore,
  renewalOptions: RenewalOptions = {},
): (desk: SignInDesk) => CloudAuth {
  return (desk) => {
    const gateway = new CognitoGateway(pool);
    const verifier = new IdTokenVerifier(pool, () => Date.parse(deps.clock.now()));
    const tokens = new PoolTokenKeeper(deps, secrets);
    const renewal = new SessionRenewal(deps, gateway, verifier, tokens, renewalOptions);
    return {
      signIn: new CloudSignIn(deps, gateway, verifier, tokens, desk),
      renewal,
      async signOutOfPool(userId) {
        const live = tokens.tokensOf(userId);
        const refreshToken = tokens.refreshTokenOf(userId);
        tokens.forget(userId);
        try {
          if (live && (await gateway.globalSignOut(live.accessToken)) === 'done') return true;
          if (refreshToken) await gateway.revoke(refreshToken);
        } catch (error) {
          // Unreachable or refused: this device's sessions end anyway; the answer says the pool was not told.
          if (!(error instanceof CognitoFailure)) throw error;
        }
        return false;
      },
      close() {
        renewal.stop();
        gateway.destroy();
      },
    };
  };
}
