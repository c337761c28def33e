// The rules that keep an Admin in charge of the accounts, and the inputs of the Admin screen.
import { describe, expect, it } from 'vitest';
import { PortsideError } from '../../core/api/errors';
import { checkAccountChange, passwordProblem, userCreateInput, userUpdateInput } from '../../core/domain/users';

const admin = { id: 'admin-1', roles: ['Admin'] as const, disabled: false };
const other = { id: 'admin-2', roles: ['Admin'] as const, disabled: false };

function refusal(run: () => void): PortsideError {
  try {
    run();
  } catch (error) {
    if (error instanceof PortsideError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('account changes', () => {
  it('refuses an Admin disabling their own account', () => {
    const error = refusal(() => checkAccountChange('admin-1', admin, { ...admin, disabled: true }, ['admin-1', 'admin-2']));
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.fields).toEqual({ disabled: 'Your own account stays enabled.' });
  });

  it('refuses an Admin removing the Admin role from their own account, even with other Admins', () => {
    const error = refusal(() => checkAccountChange('admin-1', admin, { ...admin, roles: ['Manager'] }, ['admin-1', 'admin-2']));
    expect(error.fields).toEqual({ roles: 'Keep Admin in your own roles.' });
  });

  it('refuses disabling or demoting the last enabled Admin, whoever asks', () => {
    const disable = refusal(() => checkAccountChange(null, other, { ...other, disabled: true }, ['admin-2']));
    expect(disable.message).toMatch(/at least one enabled Admin/);
    expect(disable.fields).toEqual({ disabled: 'This is the last enabled Admin.' });
    const demote = refusal(() => checkAccountChange('someone', other, { ...other, roles: ['CSR'] }, ['admin-2']));
    expect(demote.fields).toEqual({ roles: 'This is the last enabled Admin.' });
  });

  it('allows demoting or disabling another Admin while one stays enabled, and adding roles to oneself', () => {
    expect(() => checkAccountChange('admin-1', other, { ...other, disabled: true, roles: ['CSR'] }, ['admin-1', 'admin-2'])).not.toThrow();
    expect(() => checkAccountChange('admin-1', admin, { ...admin, roles: ['CSR', 'Admin'] }, ['admin-1'])).not.toThrow();
  });

  it('allows enabling a disabled account that makes a new Admin', () => {
    const disabled = { id: 'admin-3', roles: ['Admin'] as const, disabled: true };
    expect(() => checkAccountChange('admin-1', disabled, { ...disabled, disabled: false }, ['admin-1'])).not.toThrow();
  });
});

describe('user administration inputs', () => {
  it('needs a password of at least 12 typeable characters that is not the username', () => {
    const base = { username: 'ana', displayName: 'Ana Rossi', roles: ['CSR'] };
    expect(userCreateInput.safeParse({ ...base, password: 'harbour lights' }).success).toBe(true);
    expect(userCreateInput.safeParse({ ...base, password: 'harbour' }).success).toBe(false);
    expect(userCreateInput.safeParse({ ...base, password: 'harbour\nlights at dawn' }).success).toBe(false);
    expect(passwordProblem('  Harbourmaster ', 'harbourmaster')).toMatch(/not be the username/);
    expect(passwordProblem('harbour lights', 'harbourmaster')).toBeNull();
  });

  it('keeps roles in a fixed order, each once, at least one', () => {
    const parsed = userUpdateInput.parse({ id: 'u1', version: 1, roles: ['Admin', 'CSR'] });
    expect(parsed.roles).toEqual(['CSR', 'Admin']);
    expect(userUpdateInput.safeParse({ id: 'u1', version: 1, roles: [] }).success).toBe(false);
    expect(userUpdateInput.safeParse({ id: 'u1', version: 1, roles: ['CSR', 'CSR'] }).success).toBe(false);
    expect(userUpdateInput.safeParse({ id: 'u1', version: 1, roles: ['csr'] }).success).toBe(false);
    expect(userUpdateInput.safeParse({ id: 'u1', version: '1' }).success).toBe(false);
  });
});
