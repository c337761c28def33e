// Which demo accounts the sign-in screen lists: local ones in local demo mode, dev:cloud's pool users against cognito-local, none against a real pool.
import { describe, expect, it } from 'vitest';
import { demoAccountsFor } from '../../main/services/cloud-demo-accounts';

const local = { demo: true, userPoolId: null, cognitoEndpoint: null };

describe('demo accounts on the sign-in screen', () => {
  it('lists the local accounts in local demo mode, and nothing outside demo mode', () => {
    expect(demoAccountsFor(local).map((a) => a.username)).toEqual(['csr', 'manager', 'admin']);
    expect(demoAccountsFor({ ...local, demo: false })).toEqual([]);
  });

  it('lists the pool users, one per group, with e-mail usernames when the pool is cognito-local on this machine', () => {
    expect(demoAccountsFor({ demo: true, userPoolId: 'local_abc', cognitoEndpoint: 'http://127.0.0.1:9229' })).toEqual([
      { username: 'csr@portside.example', password: 'portside-demo', roles: ['CSR'] },
      { username: 'manager@portside.example', password: 'portside-demo', roles: ['Manager'] },
      { username: 'admin@portside.example', password: 'portside-demo', roles: ['Admin'] },
    ]);
  });

  it('lists none against a real pool: its users are the company’s, and local accounts cannot sign in there', () => {
    expect(demoAccountsFor({ demo: true, userPoolId: 'eu-west-1_AbC', cognitoEndpoint: null })).toEqual([]);
  });
});
