import { setupSchema } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom, fieldErrorsOf, fieldLabel, hasErrors } from './formErrors';

const fields = ['username', 'displayName', 'password'] as const;

describe('form errors', () => {
  it.each([
    [
      { code: 'INVALID_PAYLOAD' as const, message: 'password: must be at least 12 characters', field: 'password' },
      { password: 'Password must be at least 12 characters' },
    ],
    [
      { code: 'INVALID_PAYLOAD' as const, message: 'displayName: Too small', field: 'displayName' },
      { displayName: 'Display name Too small' },
    ],
    [
      { code: 'INVALID_PAYLOAD' as const, message: 'districts.0: Too small', field: 'districts.0' },
      { form: 'districts.0: Too small' },
    ],
    [
      { code: 'UNAUTHENTICATED' as const, message: 'The user name or password is wrong.' },
      { form: 'The user name or password is wrong.' },
    ],
    [
      { code: 'CONFLICT' as const, message: 'The user name "op" is taken.', field: 'username' },
      { form: 'The user name "op" is taken.' },
    ],
  ])('%o → %o', (error, expected) => {
    expect(fieldErrorsFrom(error, fields)).toEqual(expected);
  });

  it('checks a form with the protocol schema, one message per field', () => {
    const r = setupSchema.safeParse({ token: 'x'.repeat(20), username: 'A B', displayName: '', password: 'short' });
    const e = fieldErrorsOf(r, fields);
    expect(Object.keys(e).sort()).toEqual(['displayName', 'password', 'username']);
    expect(e.password).toBe('Password must be at least 12 characters');
    expect(hasErrors(e)).toBe(true);
    expect(hasErrors({})).toBe(false);
  });

  it('labels camelCase fields', () => {
    expect(fieldLabel('displayName')).toBe('Display name');
  });
});
