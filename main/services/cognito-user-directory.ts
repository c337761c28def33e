// Reads the Cognito user pool's users and their groups for the Admin screen in cloud mode (read-only: the pool is the authority).
import {
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PortsideError } from '../../core/api/errors';
import { ROLES, type Role } from '../../core/auth/permissions';
import type { PoolUser } from '../../core/domain/users';

export interface UserPoolSettings {
  poolId: string;
  /** PORTSIDE_COGNITO_ENDPOINT (cognito-local); unset = AWS. */
  endpoint: string | null;
  region: string | null;
}

export interface PoolDirectoryListing {
  poolId: string;
  /** The groups read (the Portside roles). */
  groups: string[];
  items: PoolUser[];
}

/** What the Admin screen needs from the pool; tests and the app use the Cognito one below. */
export interface UserPoolDirectory {
  list(): Promise<PoolDirectoryListing>;
  close(): void;
}

/** Cognito's page maximum for ListUsers and ListUsersInGroup. */
const PAGE = 60;

function attribute(user: UserType, name: string): string | null {
  return user.Attributes?.find((a) => a.Name === name)?.Value ?? null;
}

function toPoolUser(user: UserType, groups: string[]): PoolUser {
  const username = user.Username ?? '';
  const email = attribute(user, 'email');
  return {
    id: attribute(user, 'sub') ?? username,
    username,
    email,
    displayName: attribute(user, 'name') ?? email ?? username,
    roles: ROLES.filter((r) => groups.includes(r)),
    groups,
    disabled: user.Enabled === false,
    status: user.UserStatus ?? 'UNKNOWN',
    createdAt: user.UserCreateDate ? user.UserCreateDate.toISOString() : null,
    updatedAt: user.UserLastModifiedDate ? user.UserLastModifiedDate.toISOString() : null,
  };
}

/** A person can act on this: which setting or permission to check. */
function unreachable(error: unknown): PortsideError {
  const name = (error as { name?: unknown }).name;
  const detail = error instanceof Error ? error.message : String(error);
  const hint =
    name === 'AccessDeniedException' || name === 'NotAuthorizedException'
      ? 'The AWS credentials may not list the pool: they need cognito-idp:ListUsers and cognito-idp:ListUsersInGroup.'
      : name === 'ResourceNotFoundException'
        ? 'Check PORTSIDE_USER_POOL_ID and AWS_REGION.'
        : name === 'CredentialsProviderError'
          ? 'No AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.'
          : 'Check the connection and PORTSIDE_COGNITO_ENDPOINT, then try again.';
  return new PortsideError('BUSY', `Could not read the users of the Cognito user pool (${detail}). ${hint}`);
}

/**
 * ListUsers for the users, ListUsersInGroup for each role group (paged), with the SDK's default
 * credentials. On AWS the credentials need cognito-idp:ListUsers and cognito-idp:ListUsersInGroup.
 */
export function cognitoUserDirectory(settings: UserPoolSettings): UserPoolDirectory {
  const client = new CognitoIdentityProviderClient({
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  });
  const UserPoolId = settings.poolId;

  async function allUsers(): Promise<UserType[]> {
    const users: UserType[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListUsersCommand({ UserPoolId, Limit: PAGE, PaginationToken: token }));
      users.push(...(page.Users ?? []));
      token = page.PaginationToken;
    } while (token);
    return users;
  }

  async function membersOf(group: Role): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await client.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: group, Limit: PAGE, NextToken: token }));
        names.push(...(page.Users ?? []).flatMap((u) => (u.Username ? [u.Username] : [])));
        token = page.NextToken;
      } while (token);
    } catch (error) {
      // A pool without this group simply has nobody in that role.
      if ((error as { name?: unknown }).name === 'ResourceNotFoundException' && names.length === 0) return [];
      throw error;
    }
    return names;
  }

  return {
    async list() {
      try {
        const [users, ...members] = await Promise.all([allUsers(), ...ROLES.map(membersOf)]);
        const groupsOf = (username: string): string[] => ROLES.filter((_, i) => members[i]?.includes(username));
        const items = users
          .map((u) => toPoolUser(u, groupsOf(u.Username ?? '')))
          .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username));
        return { poolId: UserPoolId, groups: [...ROLES], items };
      } catch (error) {
        if (error instanceof PortsideError) throw error;
        throw unreachable(error);
      }
    },
    close: () => client.destroy(),
  };
}
