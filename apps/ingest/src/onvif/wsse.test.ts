import { describe, expect, it } from 'vitest';
import { parseXml, text } from '@cctv/safe-xml';
import { passwordDigest, securityHeader } from './wsse';

describe('passwordDigest', () => {
  // Vectors computed independently: (base64 -d nonce; printf created password) | openssl sha1 -binary | base64
  it.each([
    ['LKqI6G/AikKCQrN0zqZFlg==', '2010-09-16T07:50:45Z', 'userpassword', 'tuOSpGlFlIXsozq4HFNeeGeFLEI='],
    ['AAAAAAAAAAAAAAAAAAAAAA==', '2026-01-01T00:00:00Z', 'secret', '2xZ/Cmnr1KTlt8EvXpFnfAtEYCY='],
  ])('nonce %s created %s password %s', (nonce, created, password, digest) => {
    expect(passwordDigest(Buffer.from(nonce, 'base64'), created, password)).toBe(digest);
  });

  it('hashes a non-ASCII password as UTF-8', () => {
    const nonce = Buffer.alloc(16);
    expect(passwordDigest(nonce, 'x', 'pässwörd')).not.toBe(passwordDigest(nonce, 'x', 'p?ssw?rd'));
  });
});

describe('securityHeader', () => {
  it('writes the camera time and escapes the user name', () => {
    const xml = securityHeader('a<b', 'pw', Date.UTC(2026, 0, 2, 3, 4, 5, 678), Buffer.alloc(16));
    const doc = parseXml(`<s:Envelope xmlns:s="x"><s:Header>${xml}</s:Header></s:Envelope>`);
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    expect(text(doc.doc, 'Envelope', 'Header', 'Security', 'UsernameToken', 'Username')).toBe('a<b');
    expect(text(doc.doc, 'Envelope', 'Header', 'Security', 'UsernameToken', 'Created')).toBe('2026-01-02T03:04:05Z');
  });
});
