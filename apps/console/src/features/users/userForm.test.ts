import type { UserSummary } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import {
  createErrors,
  createRequest,
  emptyUserForm,
  formFor,
  parseDistricts,
  updateErrors,
  updateRequest,
} from './userForm';

const alice: UserSummary = {
  id: 7,
  username: 'alice',
  displayName: 'Alice Ward',
  role: 'partner-officer',
  districts: ['North', 'East'],
  disabled: false,
  lockedUntil: null,
  createdAt: 1,
  lastSignInAt: null,
};

describe('user form', () => {
  it.each([
    ['North, East ,,North', ['North', 'East']],
    ['', []],
  ])('districts %j → %j', (text, list) => {
    expect(parseDistricts(text)).toEqual(list);
  });

  it('drops districts for roles that are not scoped', () => {
    expect(
      createRequest({ ...emptyUserForm, username: ' Op-1 ', displayName: 'Op', districts: 'North', password: 'x' }),
    ).toEqual({
      username: 'op-1',
      displayName: 'Op',
      role: 'operator',
      districts: [],
      password: 'x',
    });
  });

  it('names each bad field, and asks a partner officer for districts', () => {
    const e = createErrors({ ...emptyUserForm, username: 'x', role: 'partner-officer', password: 'short' });
    expect(Object.keys(e).sort()).toEqual(['displayName', 'districts', 'password', 'username']);
  });

  it('sends only what changed', () => {
    expect(updateRequest(alice, formFor(alice))).toEqual({ id: 7 });
    expect(updateRequest(alice, { ...formFor(alice), role: 'operator', password: 'a long new passphrase' })).toEqual({
      id: 7,
      role: 'operator',
      districts: [],
      password: 'a long new passphrase',
    });
    expect(updateRequest(alice, { ...formFor(alice), districts: 'North' })).toEqual({ id: 7, districts: ['North'] });
  });

  it('checks a new password on reset', () => {
    expect(updateErrors(alice, { ...formFor(alice), password: 'short' }).password).toMatch(/12 characters/);
    expect(updateErrors(alice, formFor(alice))).toEqual({});
  });
});
