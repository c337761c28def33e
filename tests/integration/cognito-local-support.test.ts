// The cognito-local harness the Cognito tests stand on: a pool with the three groups, users created as needed, and the
// AWS answers the emulator lacks (a disabled user is refused) added by its front.
import {
  CognitoIdentityProviderClient,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../support/cognito-local';

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: cognito.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await cognito?.stop();
});

function signIn(username: string, password: string) {
  return client.send(
    new InitiateAuthCommand({
      ClientId: cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

describe('cognito-local harness', () => {
  it('issues ID tokens carrying the user’s groups, after the new-password challenge for a temporary password', async () => {
    await cognito.createUser('ana@example.com', { temporaryPassword: 'Temporary-1', name: 'Ana Rossi', groups: ['CSR'] });
    const first = await signIn('ana@example.com', 'Temporary-1');
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const done = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: cognito.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'ana@example.com', NEW_PASSWORD: 'Harbour-pass-2' },
      }),
    );
    const idToken = done.AuthenticationResult?.IdToken ?? '';
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims['cognito:groups']).toEqual(['CSR']);
    expect(claims.iss).toBe(`${cognito.rawEndpoint}/${cognito.poolId}`);
  });

  it('refuses a disabled user the way AWS does, for passwords and refresh tokens alike', async () => {
    await cognito.createUser('bo@example.com', { password: 'Harbour-pass-3', groups: ['Manager'] });
    const ok = await signIn('bo@example.com', 'Harbour-pass-3');
    const refreshToken = ok.AuthenticationResult?.RefreshToken ?? '';
    await cognito.disableUser('bo@example.com');
    await expect(signIn('bo@example.com', 'Harbour-pass-3')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: cognito.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('captures the forgotten-password code the emulator prints', async () => {
    await cognito.createUser('cy@example.com', { password: 'Harbour-pass-4', groups: ['CSR'] });
    await client.send(new ForgotPasswordCommand({ ClientId: cognito.clientId, Username: 'cy@example.com' }));
    await expect.poll(() => cognito.lastCode()).toMatch(/^\d{6}$/);
  });

  it('can be made unreachable, as at a port office without a link', async () => {
    cognito.setOffline(true);
    await expect(signIn('cy@example.com', 'Harbour-pass-4')).rejects.toThrow();
    cognito.setOffline(false);
    expect((await signIn('cy@example.com', 'Harbour-pass-4')).AuthenticationResult?.IdToken).toBeTruthy();
  });
});
