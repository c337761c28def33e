// Cloud credentials from a Cognito identity pool: the sync loop pushes through DynamoDB Local with credentials exchanged for a cognito-local ID token, and waits while nobody is signed in.
//
// The identity pool is tests/support/cognito-identity-stand-in.ts (there is no identity-pool emulator: see its
// header). Everything else is real: cognito-local issues and signs the ID tokens, the SDK's fromCognitoIdentityPool
// calls the stand-in over HTTP, and DynamoDB Local stores what the loop pushes under the handed-out credentials.
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/domain/sync-status';
import { identityPoolCredentials, identityPoolSettings, LateIdTokenSource, SignInRequiredError } from '../../main/app/aws-credentials';
import { type CloudSync, dynamoClientFor, startCloudSync } from '../../main/app/cloud-sync';
import { loadConfig, type PortsideConfig } from '../../main/config';
import type { PassOutcome } from '../../sync/engine';
import { createTableIfMissing } from '../../sync/table-schema';
import { type ApiHarness, expectOk, startApi } from '../support/api-harness';
import { type CognitoIdentityStandIn, startCognitoIdentityStandIn } from '../support/cognito-identity-stand-in';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local';
import { createCustomer } from '../support/fixtures';

/** The authenticated role's key: DynamoDB Local keeps a separate database per access key, so what lands here came through the pool. */
const ROLE_CREDENTIALS = { accessKeyId: 'portsiderole', secretAccessKey: 'portsiderole' } as const;
const PASSWORD = 'Harbour-pass-1';

let cognito: CognitoLocal;
let ddb: DynamoDbLocal;
let identity: CognitoIdentityStandIn;
let roleClient: DynamoDBClient;
let userPool: CognitoIdentityProviderClient;
let tables = 0;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  [cognito, ddb] = await Promise.all([startCognitoLocal(), startDynamoDbLocal()]);
  identity = await startCognitoIdentityStandIn({ cognito, roleCredentials: ROLE_CREDENTIALS });
  roleClient = new DynamoDBClient({ endpoint: ddb.endpoint, region: ddb.region, credentials: ROLE_CREDENTIALS, maxAttempts: 1 });
  userPool = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: cognito.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  await cognito.createUser('ana@portside.example', { password: PASSWORD, name: 'Ana Rossi', groups: ['CSR'] });
}, 120_000);
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(async () => {
  roleClient?.destroy();
  userPool?.destroy();
  await identity?.stop();
  await Promise.all([cognito?.stop(), ddb?.stop()]);
});

/** Signs in to cognito-local as a user would (USER_PASSWORD_AUTH); the ID token and the access token. */
async function signIn(): Promise<{ idToken: string; accessToken: string }> {
  const result = await userPool.send(
    new InitiateAuthCommand({
      ClientId: cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ana@portside.example', PASSWORD: PASSWORD },
    }),
  );
  return { idToken: result.AuthenticationResult?.IdToken ?? '', accessToken: result.AuthenticationResult?.AccessToken ?? '' };
}

function cloudConfig(table: string, dataDir: string): PortsideConfig {
  return loadConfig(
    {
      ...cognito.env(),
      PORTSIDE_TABLE: table,
      PORTSIDE_DYNAMODB_ENDPOINT: ddb.endpoint,
      PORTSIDE_IDENTITY_POOL_ID: identity.identityPoolId,
      PORTSIDE_COGNITO_IDENTITY_ENDPOINT: identity.endpoint,
    },
    { dataDir },
  );
}

async function freshTable(): Promise<string> {
  tables += 1;
  const table = `credentials-${tables}`;
  await createTableIfMissing(roleClient, table, { pollMs: 100 });
  return table;
}

/**
 * A cloud-mode backend whose DynamoDB client is built the way the app builds it (dynamoClientFor with the
 * identity pool configured), its loop fed the ID token `token()` answers. The HTTP API signs in a local
 * test account: the Cognito sign-in itself is another part's; here only its ID token matters.
 */
async function startInstance(
  token: () => string | null,
): Promise<{ api: ApiHarness; sync: CloudSync; table: string; outcomes: PassOutcome[] }> {
  const table = await freshTable();
  const source = new LateIdTokenSource();
  source.bind(() => Promise.resolve(token()));
  // The table's address only: the harness signs in its local account, so no user-pool settings reach it.
  const api = await startApi({ env: { PORTSIDE_TABLE: table, PORTSIDE_DYNAMODB_ENDPOINT: ddb.endpoint, AWS_REGION: ddb.region } });
  const config = cloudConfig(table, api.dataDir);
  const client = dynamoClientFor(config, source.read);
  if (!client) throw new Error('a table is configured: there must be a client');
  const sync = startCloudSync(api.backend, config, {
    client,
    ownsClient: true,
    idToken: source.read,
    log: (message) => api.logged.push(message),
    // Only the loop's own triggers (start, local change, a manual request) run passes.
    engine: { intervalMs: 600_000, backoff: { baseMs: 50, capMs: 400 } },
  });
  if (!sync) throw new Error('a table is configured: the loop must run');
  const outcomes: PassOutcome[] = [];
  sync.engine.onPass((outcome) => outcomes.push(outcome));
  cleanup.push(async () => {
    await sync.stop();
    await api.close();
  });
  await sync.started;
  return { api, sync, table, outcomes };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const status = async (api: ApiHarness): Promise<SyncStatus> => expectOk(await api.call<SyncStatus>('GET', '/sync/status'));

async function customerInTable(table: string, id: string): Promise<Record<string, unknown> | null> {
  const { Item } = await roleClient.send(
    new GetItemCommand({ TableName: table, Key: { PK: { S: `CUSTOMER#${id}` }, SK: { S: 'PROFILE' } }, ConsistentRead: true }),
  );
  return Item ?? null;
}

describe('AWS credentials from the identity pool', () => {
  it('waits with "Sign in to sync" while nobody is signed in online, asking the pool nothing and erroring nowhere', async () => {
    const callsBefore = identity.calls.length;
    const { api, table, outcomes } = await startInstance(() => null);
    await waitFor('the first look', () => outcomes.length > 0);
    const customer = await createCustomer(api, { name: 'Aroha Ngata' });
    await waitFor('the look after the edit', () => outcomes.length > 1);

    expect(outcomes.every((o) => !o.ok && o.waiting === 'sign-in')).toBe(true);
    const waiting = await status(api);
    expect(waiting).toMatchObject({ mode: 'cloud', waiting: 'sign-in', online: false, lastError: null });
    expect(waiting.pending).toBeGreaterThan(0);
    expect(identity.calls.length).toBe(callsBefore);
    expect(await customerInTable(table, customer.id)).toBeNull();
    expect(api.logged.filter((line) => line.includes('Sign in to sync'))).toHaveLength(1);
  });

  it('pushes through DynamoDB Local with credentials the pool gave for the ID token once someone signs in, and waits again after sign-out', async () => {
    let token: string | null = null;
    const { api, sync, table, outcomes } = await startInstance(() => token);
    await waitFor('the first look', () => outcomes.length > 0);
    const customer = await createCustomer(api, { name: 'Mele Tupou' });

    const signedIn = await signIn();
    token = signedIn.idToken;
    sync.engine.requestSync('manual');
    const item = await waitFor('the customer in the table', () => customerInTable(table, customer.id));
    expect(item).toMatchObject({ name: { S: 'Mele Tupou' } });
    const after = await waitFor('an idle loop with an empty queue', async () => {
      const s = await status(api);
      return s.pending === 0 && s.lastSuccessAt !== null ? s : null;
    });
    expect(after).toMatchObject({ online: true, lastError: null });
    expect(after.waiting).toBeUndefined();

    // The pool was asked with the ID token under the user pool's provider name, and agreed.
    const asked = identity.calls.filter((c) => c.logins[identity.loginProvider] === signedIn.idToken);
    expect(asked.map((c) => [c.operation, c.refused])).toEqual([
      ['GetId', null],
      ['GetCredentialsForIdentity', null],
    ]);
    // The items sit in the database of the role's key: the default chain's keys (DynamoDB Local's test keys) see no such table.
    const other = new DynamoDBClient({ endpoint: ddb.endpoint, region: ddb.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    cleanup.push(() => other.destroy());
    expect((await other.send(new ListTablesCommand({}))).TableNames ?? []).not.toContain(table);

    token = null;
    const passes = outcomes.length;
    sync.engine.requestSync('manual');
    await waitFor('the look after sign-out', () => outcomes.length > passes);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, waiting: 'sign-in' });
    expect(await status(api)).toMatchObject({ waiting: 'sign-in' });
  });

  it('renews the credentials with the current ID token: a refreshed token is the one the pool sees next', async () => {
    // Credentials that expire within the SDK's five-minute window are fetched again for every call.
    identity.setLifetime(60);
    cleanup.push(() => identity.setLifetime(3600));
    let token: string | null = (await signIn()).idToken;
    const { api, table } = await startInstance(() => token);
    const first = await createCustomer(api, { name: 'Sione Vea' });
    await waitFor('the first customer in the table', () => customerInTable(table, first.id));

    const refreshed = (await signIn()).idToken;
    expect(refreshed).not.toBe(token);
    token = refreshed;
    const second = await createCustomer(api, { name: 'Losa Vea' });
    await waitFor('the second customer in the table', () => customerInTable(table, second.id));
    const last = identity.calls.filter((c) => c.operation === 'GetCredentialsForIdentity').at(-1);
    expect(last).toMatchObject({ refused: null, logins: { [identity.loginProvider]: refreshed } });
  });
});

describe('the identity-pool credentials provider', () => {
  const settings = () => {
    const found = identityPoolSettings({
      identityPoolId: identity.identityPoolId,
      userPoolId: cognito.poolId,
      region: cognito.region,
      cognitoIdentityEndpoint: identity.endpoint,
    });
    if (!found) throw new Error('an identity pool is configured');
    return found;
  };

  it('hands out temporary credentials for a valid ID token, and no long-lived key', async () => {
    const credentials = await identityPoolCredentials(settings(), async () => (await signIn()).idToken)();
    expect(credentials).toMatchObject({
      accessKeyId: ROLE_CREDENTIALS.accessKeyId,
      sessionToken: expect.stringMatching(/^stand-in-session-/),
    });
    expect(credentials.expiration).toBeInstanceOf(Date);
  });

  it('refuses without asking the pool when nobody is signed in', async () => {
    const before = identity.calls.length;
    await expect(identityPoolCredentials(settings(), () => Promise.resolve(null))()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(identity.calls.length).toBe(before);
  });

  it('gets nothing for a token the pool cannot verify: an access token, a forged signature', async () => {
    const { idToken, accessToken } = await signIn();
    const [header, payload] = idToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the pool’s signature').toString('base64url')}`;
    for (const token of [accessToken, forged]) {
      await expect(identityPoolCredentials(settings(), () => Promise.resolve(token))()).rejects.toMatchObject({
        name: 'NotAuthorizedException',
      });
    }
  });

  it('names the user pool the way AWS expects, taking regions from AWS-shaped ids', () => {
    expect(
      identityPoolSettings({
        identityPoolId: 'eu-west-1:0f3c6c38-1111-2222-3333-444455556666',
        userPoolId: 'eu-central-1_AbCdEf123',
        region: 'ap-southeast-2',
        cognitoIdentityEndpoint: null,
      }),
    ).toEqual({
      identityPoolId: 'eu-west-1:0f3c6c38-1111-2222-3333-444455556666',
      loginProvider: 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123',
      region: 'eu-west-1',
      endpoint: null,
    });
    expect(identityPoolSettings({ identityPoolId: null, userPoolId: 'x', region: null, cognitoIdentityEndpoint: null })).toBeNull();
  });
});
