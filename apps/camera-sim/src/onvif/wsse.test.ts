import { describe, expect, it } from 'vitest';
import { passwordDigest, TokenChecker, type UsernameToken } from './wsse.js';

const NONCE = Buffer.alloc(16, 7).toString('base64');
const token = (created: string, password = 'pw', nonce = NONCE): UsernameToken => ({
  username: 'admin',
  password: passwordDigest(nonce, created, password),
  passwordType: 'digest',
  nonce,
  created,
});

describe('passwordDigest', () => {
  it('matches the UsernameToken Profile example', () => {
    expect(passwordDigest('LKqI6G/AikKCQrN0zqZFlg==', '2010-09-16T07:50:45Z', 'userpassword')).toBe(
      'tuOSpGlFlIXsozq4HFNeeGeFLEI=',
    );
  });
});

describe('TokenChecker', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    ['a fresh token', token('2026-01-01T12:00:00Z'), now, true],
    ['4 min early', token('2026-01-01T11:56:00Z'), now, true],
    ['6 min early', token('2026-01-01T11:54:00Z'), now, false],
    ['a skewed camera, token in its time', token('2026-01-01T12:20:00Z'), now + 20 * 60_000, true],
    ['a skewed camera, token in our time', token('2026-01-01T12:00:00Z'), now + 20 * 60_000, false],
    ['a wrong password', token('2026-01-01T12:00:00Z', 'nope'), now, false],
    ['no token', undefined, now, false],
  ])('%s -> %s', (_what, t, cameraNow, ok) => {
    expect(new TokenChecker({ username: 'admin', password: 'pw' }).check(t, cameraNow).ok).toBe(ok);
  });

  it('refuses a replayed nonce', () => {
    const checker = new TokenChecker({ username: 'admin', password: 'pw' });
    const t = token('2026-01-01T12:00:00Z');
    expect(checker.check(t, now).ok).toBe(true);
    expect(checker.check(t, now)).toEqual({ ok: false, reason: 'nonce replayed' });
  });
});
