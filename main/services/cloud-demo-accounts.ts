// The demo accounts the sign-in screen lists in cloud demo mode: the pool users `npm run dev:cloud` creates in cognito-local.
import type { SystemInfo } from '../../core/domain/auth';
import type { PortsideConfig } from '../config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-data';

/** dev:cloud's pool users: the local demo people with e-mail usernames (cognito-local wants e-mail addresses), one per group. */
export const CLOUD_DEMO_ACCOUNTS = DEMO_ACCOUNTS.map((account) => ({ ...account, username: `${account.username}@portside.example` }));
/** cognito-local enforces no password policy; a real pool's default policy would refuse this one. */
export const CLOUD_DEMO_PASSWORD = DEMO_PASSWORD;

function isLoopback(endpoint: string | null): boolean {
  if (!endpoint) return false;
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/**
 * Cloud demo mode's list, or null in local mode (the seeded local accounts apply). Local accounts
 * cannot sign in against a pool: the pool users dev:cloud made when the pool is an emulator on this
 * machine; against a real pool none (its users are the company's, their passwords unknown here).
 */
export function cloudDemoAccounts(config: Pick<PortsideConfig, 'userPoolId' | 'cognitoEndpoint'>): SystemInfo['demoAccounts'] | null {
  if (!config.userPoolId) return null;
  if (!isLoopback(config.cognitoEndpoint)) return [];
  return CLOUD_DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: CLOUD_DEMO_PASSWORD, roles: a.roles }));
}
