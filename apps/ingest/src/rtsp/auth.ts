/**
 * RTSP authentication as cameras do it: HTTP Digest (RFC 2617, MD5, with or without qop=auth) and,
 * only where a camera offers nothing else, Basic. The password never leaves this module except inside
 * the Authorization header.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Challenge {
  scheme: 'digest' | 'basic';
  params: Record<string, string>;
}

/** The challenges in one or more WWW-Authenticate values; Digest first when several are offered. */
export function parseChallenges(header: string | undefined): Challenge[] {
  if (!header) return [];
  const found: { scheme: string; params: Record<string, string> }[] = [];
  const token = /[A-Za-z0-9!#$%&'*+.^_`|~-]+/y;
  let i = 0;
  while (i < header.length) {
    while (i < header.length && /[\s,]/.test(header[i]!)) i++;
    token.lastIndex = i;
    const t = token.exec(header);
    if (!t) {
      i++;
      continue;
    }
    let j = token.lastIndex;
    while (j < header.length && header[j] === ' ') j++;
    if (header[j] !== '=') {
      found.push({ scheme: t[0].toLowerCase(), params: {} }); // a scheme name starts a challenge
      i = j;
      continue;
    }
    j++;
    while (j < header.length && header[j] === ' ') j++;
    let value = '';
    if (header[j] === '"') {
      j++;
      while (j < header.length && header[j] !== '"') {
        if (header[j] === '\\' && j + 1 < header.length) j++;
        value += header[j++];
      }
      j++;
    } else {
      while (j < header.length && header[j] !== ',' && header[j] !== ' ') value += header[j++];
    }
    const last = found[found.length - 1];
    if (last) last.params[t[0].toLowerCase()] = value;
    i = j;
  }
  return found
    .filter((c): c is Challenge => c.scheme === 'digest' || c.scheme === 'basic')
    .sort((a, b) => (a.scheme === b.scheme ? 0 : a.scheme === 'digest' ? -1 : 1));
}

export class UnsupportedAuth extends Error {
  override name = 'UnsupportedAuth';
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** Builds Authorization headers for one challenge; counts nonces as RFC 2617 asks. */
export class Authenticator {
  private nc = 0;

  constructor(
    private readonly challenge: Challenge,
    private readonly username: string,
    private readonly password: string,
    private readonly newCnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {
    if (challenge.scheme === 'digest') {
      const algorithm = (challenge.params.algorithm ?? 'MD5').toUpperCase();
      if (algorithm !== 'MD5' && algorithm !== 'MD5-SESS')
        throw new UnsupportedAuth(`the camera asks for digest algorithm ${algorithm}, which is not supported`);
      if (!challenge.params.nonce) throw new UnsupportedAuth('the camera sent a digest challenge without a nonce');
    }
  }

  header(method: string, uri: string): string {
    if (this.challenge.scheme === 'basic')
      return `Basic ${Buffer.from(`${this.username}:${this.password}`, 'utf8').toString('base64')}`;
    const { realm = '', nonce = '', opaque, qop } = this.challenge.params;
    const algorithm = (this.challenge.params.algorithm ?? 'MD5').toUpperCase();
    const useQop = qop
      ?.split(',')
      .map((q) => q.trim().toLowerCase())
      .includes('auth')
      ? 'auth'
      : undefined;
    const cnonce = this.newCnonce();
    const nc = (++this.nc).toString(16).padStart(8, '0');
    let ha1 = md5(`${this.username}:${realm}:${this.password}`);
    if (algorithm === 'MD5-SESS') ha1 = md5(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = useQop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${useQop}:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
    const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
    const parts = [
      `username=${q(this.username)}`,
      `realm=${q(realm)}`,
      `nonce=${q(nonce)}`,
      `uri=${q(uri)}`,
      `response=${q(response)}`,
    ];
    if (this.challenge.params.algorithm) parts.push(`algorithm=${this.challenge.params.algorithm}`);
    if (opaque !== undefined) parts.push(`opaque=${q(opaque)}`);
    if (useQop || algorithm === 'MD5-SESS') parts.push(`qop=auth`, `nc=${nc}`, `cnonce=${q(cnonce)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
