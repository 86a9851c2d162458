import { describe, expect, it } from 'vitest';
import { DigestAuth, digestResponse, parseDigestHeader } from './digest.js';

describe('digestResponse', () => {
  it.each([
    // RFC 2617 section 3.5 (qop=auth).
    [
      { username: 'Mufasa', password: 'Circle Of Life' },
      { qop: 'auth', nc: '00000001', cnonce: '0a4f113b' },
      '6629fae49393a05397450978507c4ef1',
    ],
    // RFC 2069 section 2.4 as corrected by its erratum (no qop, as most cameras do it).
    [{ username: 'Mufasa', password: 'CircleOfLife' }, {}, '1949323746fe6a43ef61f9606e7febea'],
  ])('matches the RFC vector for %o', (creds, extra, expected) => {
    const p = { nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', uri: '/dir/index.html', ...extra };
    expect(digestResponse(creds, 'testrealm@host.com', 'GET', p)).toBe(expected);
  });
});

describe('parseDigestHeader', () => {
  it('reads quoted and bare values, with escapes', () => {
    const p = parseDigestHeader(
      'Digest username="a\\"b", realm="r", nonce="n", uri="rtsp://h/x", response="ff", nc=00000001, qop=auth',
    );
    expect(p).toMatchObject({
      username: 'a"b',
      realm: 'r',
      nonce: 'n',
      uri: 'rtsp://h/x',
      nc: '00000001',
      qop: 'auth',
    });
  });
  it('refuses other schemes', () => expect(parseDigestHeader('Basic dXNlcjpwYXNz')).toBeNull());
});

describe('DigestAuth', () => {
  const creds = { username: 'admin', password: 'secret' };
  const make = (now: () => number): DigestAuth =>
    new DigestAuth({ realm: 'cam', credentials: creds, now, nonceTtlMs: 1000 });
  const header = (auth: DigestAuth, password: string, nonce = auth.issueNonce()): string => {
    const uri = 'rtsp://127.0.0.1/main';
    const response = digestResponse({ username: 'admin', password }, 'cam', 'DESCRIBE', { nonce, uri });
    return `Digest username="admin", realm="cam", nonce="${nonce}", uri="${uri}", response="${response}"`;
  };

  it('accepts the right password', () => {
    const auth = make(() => 5000);
    expect(auth.verify('DESCRIBE', header(auth, 'secret'))).toEqual({ ok: true });
  });

  it.each([
    ['no header', undefined],
    ['a Basic header', 'Basic YWRtaW46c2VjcmV0'],
  ])('refuses %s', (_name, value) => {
    expect(make(() => 0).verify('DESCRIBE', value)).toMatchObject({ ok: false, stale: false });
  });

  it('refuses a wrong password, not as stale', () => {
    const auth = make(() => 5000);
    expect(auth.verify('DESCRIBE', header(auth, 'guess'))).toMatchObject({ ok: false, stale: false });
  });

  it('refuses a nonce it did not issue', () => {
    const auth = make(() => 5000);
    expect(auth.verify('DESCRIBE', header(auth, 'secret', 'dcd98b7102dd2f0e8b11d0f600bfb0c093'))).toMatchObject({
      ok: false,
      stale: false,
    });
  });

  it('calls an expired nonce stale, and the challenge says so', () => {
    let now = 5000;
    const auth = make(() => now);
    const h = header(auth, 'secret');
    now += 1001;
    expect(auth.verify('DESCRIBE', h)).toMatchObject({ ok: false, stale: true });
    expect(auth.challenge(true)).toMatch(/^Digest realm="cam", nonce="[0-9a-f]+", algorithm="MD5", stale=TRUE$/);
  });
});
