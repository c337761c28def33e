// Which demo accounts the sign-in screen lists in cloud demo mode: dev:cloud's pool users against cognito-local, none against a real pool.
import { describe, expect, it } from 'vitest';
import { cloudDemoAccounts } from '../../main/services/cloud-demo-accounts';

describe('demo accounts on the sign-in screen', () => {
  it('leaves local mode to the local demo accounts', () => {
    expect(cloudDemoAccounts({ userPoolId: null, cognitoEndpoint: null })).toBeNull();
  });

  it('lists the pool users, one per group, with e-mail usernames when the pool is cognito-local on this machine', () => {
    expect(cloudDemoAccounts({ userPoolId: 'local_abc', cognitoEndpoint: 'http://127.0.0.1:9229' })).toEqual([
      { username: 'csr@portside.example', password: 'portside-demo', roles: ['CSR'] },
      { username: 'manager@portside.example', password: 'portside-demo', roles: ['Manager'] },
      { username: 'admin@portside.example', password: 'portside-demo', roles: ['Admin'] },
    ]);
  });

  it('lists none against a real pool: its users are the company’s, and local accounts cannot sign in there', () => {
    expect(cloudDemoAccounts({ userPoolId: 'eu-west-1_AbC', cognitoEndpoint: null })).toEqual([]);
  });
});
