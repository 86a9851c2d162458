/**
 * HTTP Digest authentication (RFC 2617, MD5) as RTSP cameras do it. Nonces are self-validating
 * (issue time + HMAC), so the server keeps no nonce table and a restarted camera rejects old nonces
 * as forged rather than crashing on them. An expired but genuine nonce is answered with
 * `stale=true`, which tells the client to retry with the new nonce without asking for a password.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestParams {
  username?: string;
  realm?: string;
  nonce?: string;
  uri?: string;
  response?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

export type DigestVerdict = { ok: true } | { ok: false; stale: boolean; reason: string };

export const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Parses `Digest k=v, k="v", ...`; returns null for any other scheme. */
export function parseDigestHeader(header: string): DigestParams | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return null;
  const params: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(match[1]!); m; m = re.exec(match[1]!)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return params;
}

/** The expected `response` for the given request (RFC 2617 section 3.2.2.1). */
export function digestResponse(
  creds: DigestCredentials,
  realm: string,
  method: string,
  p: Pick<DigestParams, 'nonce' | 'uri' | 'qop' | 'nc' | 'cnonce'>,
): string {
  const ha1 = md5(`${creds.username}:${realm}:${creds.password}`);
  const ha2 = md5(`${method}:${p.uri ?? ''}`);
  if (p.qop === 'auth') return md5(`${ha1}:${p.nonce ?? ''}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`);
  return md5(`${ha1}:${p.nonce ?? ''}:${ha2}`);
}

export interface DigestAuthOptions {
  realm: string;
  credentials: DigestCredentials;
  /** How long a nonce stays fresh. */
  nonceTtlMs?: number;
  now?: () => number;
  secret?: Buffer;
}

export class DigestAuth {
  readonly realm: string;
  private readonly credentials: DigestCredentials;
  private readonly ttl: number;
  private readonly now: () => number;
  private readonly secret: Buffer;

  constructor(options: DigestAuthOptions) {
    this.realm = options.realm;
    this.credentials = options.credentials;
    this.ttl = options.nonceTtlMs ?? 300_000;
    this.now = options.now ?? Date.now;
    this.secret = options.secret ?? randomBytes(16);
  }

  issueNonce(): string {
    const issued = this.now().toString(16);
    return `${issued}${this.sign(issued)}`;
  }

  /** The `WWW-Authenticate` value for a 401. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.issueNonce()}", algorithm="MD5"${stale ? ', stale=TRUE' : ''}`;
  }

  verify(method: string, authorization: string | undefined): DigestVerdict {
    if (!authorization) return { ok: false, stale: false, reason: 'no Authorization header' };
    const p = parseDigestHeader(authorization);
    if (!p) return { ok: false, stale: false, reason: 'not a Digest Authorization header' };
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') {
      return { ok: false, stale: false, reason: `algorithm ${p.algorithm} not supported` };
    }
    if (p.username !== this.credentials.username || p.realm !== this.realm) {
      return { ok: false, stale: false, reason: 'unknown user or realm' };
    }
    const nonceAge = this.nonceAge(p.nonce ?? '');
    if (nonceAge === null) return { ok: false, stale: false, reason: 'nonce not issued by this server' };
    const expected = digestResponse(this.credentials, this.realm, method, p);
    if (!safeEqual(expected, (p.response ?? '').toLowerCase())) {
      return { ok: false, stale: false, reason: 'wrong response (password)' };
    }
    // Checked after the response, so `stale` is only ever set for a client that knows the password.
    if (nonceAge > this.ttl) return { ok: false, stale: true, reason: 'stale nonce' };
    return { ok: true };
  }

  private sign(issued: string): string {
    return createHmac('sha256', this.secret).update(issued).digest('hex').slice(0, 32);
  }

  /** Age in ms of a nonce this server issued; null when it is forged or malformed. */
  private nonceAge(nonce: string): number | null {
    const match = /^([0-9a-f]{1,13})([0-9a-f]{32})$/.exec(nonce);
    if (!match || !safeEqual(this.sign(match[1]!), match[2]!)) return null;
    return this.now() - parseInt(match[1]!, 16);
  }
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
