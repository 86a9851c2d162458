import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Authenticator, parseChallenges, UnsupportedAuth } from './auth';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('RTSP authentication', () => {
  it('reads Digest and Basic challenges, Digest first, with quoted commas and escapes', () => {
    const got = parseChallenges(
      'Basic realm="cam", Digest realm="IP Camera(C1234)", nonce="a,b\\"c", qop="auth,auth-int", stale=FALSE',
    );
    expect(got).toEqual([
      { scheme: 'digest', params: { realm: 'IP Camera(C1234)', nonce: 'a,b"c', qop: 'auth,auth-int', stale: 'FALSE' } },
      { scheme: 'basic', params: { realm: 'cam' } },
    ]);
    expect(parseChallenges('Bearer token=x')).toEqual([]);
    expect(parseChallenges(undefined)).toEqual([]);
  });

  // RFC 2617 3.5: the worked example (its method is GET, its URI a path; RTSP uses the same formula).
  it('computes the RFC 2617 example response with qop=auth', () => {
    const [challenge] = parseChallenges(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    const header = new Authenticator(challenge!, 'Mufasa', 'Circle Of Life', () => '0a4f113b').header(
      'GET',
      '/dir/index.html',
    );
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('computes the response without qop as cameras most often ask (RFC 2069 form)', () => {
    const [challenge] = parseChallenges('Digest realm="r", nonce="n"');
    const header = new Authenticator(challenge!, 'u', 'p').header('DESCRIBE', 'rtsp://h/s');
    expect(header).toMatch(/^Digest username="u", realm="r", nonce="n", uri="rtsp:\/\/h\/s", response="[0-9a-f]{32}"$/);
    expect(header).toContain(`response="${md5(`${md5('u:r:p')}:n:${md5('DESCRIBE:rtsp://h/s')}`)}"`);
  });

  it('sends Basic only as asked, and refuses digest algorithms it cannot compute', () => {
    const [basic] = parseChallenges('Basic realm="x"');
    expect(new Authenticator(basic!, 'admin', 'pa:ss').header('DESCRIBE', 'rtsp://h/')).toBe(
      `Basic ${Buffer.from('admin:pa:ss').toString('base64')}`,
    );
    const [sha] = parseChallenges('Digest realm="r", nonce="n", algorithm=SHA-256');
    expect(() => new Authenticator(sha!, 'u', 'p')).toThrow(UnsupportedAuth);
    const [noNonce] = parseChallenges('Digest realm="r"');
    expect(() => new Authenticator(noNonce!, 'u', 'p')).toThrow(/without a nonce/);
  });
});
