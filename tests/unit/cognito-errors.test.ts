// How the pool's answers are sorted: the same "wrong" for AWS's and cognito-local's wrong password, "disabled", "unreachable" for no answer.
import { describe, expect, it } from 'vitest';
import { classify, poolRegion } from '../../main/services/cognito-gateway';

const aws = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('sorting Cognito failures', () => {
  it('reads a wrong password the same on AWS (NotAuthorized) and cognito-local (InvalidPassword), and an unknown user too', () => {
    expect(classify(aws('NotAuthorizedException', 'Incorrect username or password.'), 'sign-in').kind).toBe('wrong');
    expect(classify(aws('InvalidPasswordException', 'Invalid password'), 'sign-in').kind).toBe('wrong');
    expect(classify(aws('UserNotFoundException', 'User does not exist.'), 'sign-in').kind).toBe('wrong');
  });

  it('reads InvalidPassword outside sign-in as a new password the policy refuses', () => {
    expect(classify(aws('InvalidPasswordException', 'Password not long enough'), 'new-password').kind).toBe('policy');
  });

  it('tells a disabled user, a revoked refresh token and too many attempts apart from a wrong password', () => {
    expect(classify(aws('NotAuthorizedException', 'User is disabled.'), 'sign-in').kind).toBe('disabled');
    expect(classify(aws('NotAuthorizedException', 'Refresh Token has been revoked'), 'other').kind).toBe('revoked');
    expect(classify(aws('NotAuthorizedException', 'Password attempts exceeded'), 'sign-in').kind).toBe('throttled');
    expect(classify(aws('TooManyRequestsException', 'Rate exceeded'), 'sign-in').kind).toBe('throttled');
  });

  it('reads no answer at all, or the service failing, as unreachable (offline unlock takes over)', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classify(reset, 'sign-in').kind).toBe('unreachable');
    expect(classify(Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'sign-in').kind).toBe('unreachable');
    expect(classify(aws('InternalErrorException', 'boom', 500), 'sign-in').kind).toBe('unreachable');
  });

  it("reads cognito-local's missing operations as unsupported, not unreachable", () => {
    expect(classify(aws('Unsupported', 'Cognito Local unsupported feature: GlobalSignOut', 500), 'other').kind).toBe('unsupported');
  });

  it('takes the region from the pool id when none is configured', () => {
    expect(poolRegion('eu-west-2_AbCdEf', null)).toBe('eu-west-2');
    expect(poolRegion('local_5OYxGGBZ', null)).toBe('us-east-1');
    expect(poolRegion('eu-west-2_AbCdEf', 'ap-southeast-2')).toBe('ap-southeast-2');
  });
});
