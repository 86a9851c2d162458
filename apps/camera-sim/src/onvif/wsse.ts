/**
 * WS-Security UsernameToken checks (OASIS UsernameToken Profile 1.0) as a camera does them:
 * PasswordDigest = Base64(SHA-1(nonce bytes + Created + password)), Created within a window of the
 * camera's own (possibly skewed) clock, and each nonce accepted once while it could still be valid.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { attr, child, text, type XmlNode } from '@cctv/safe-xml';

export interface UsernameToken {
  username: string;
  password: string;
  passwordType: 'digest' | 'text';
  nonce: string;
  created: string;
}

export const PASSWORD_DIGEST_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  return createHash('sha1')
    .update(
      Buffer.concat([Buffer.from(nonceBase64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]),
    )
    .digest('base64');
}

/** The UsernameToken of a parsed envelope, if there is one. */
export function readUsernameToken(envelope: XmlNode): UsernameToken | undefined {
  const token = child(envelope, 'Envelope', 'Header', 'Security', 'UsernameToken');
  if (!token) return undefined;
  const password = child(token, 'Password');
  const type = attr(password, 'Type') ?? '';
  return {
    username: text(token, 'Username') ?? '',
    password: text(token, 'Password') ?? '',
    passwordType: type.endsWith('#PasswordText') ? 'text' : 'digest',
    nonce: text(token, 'Nonce') ?? '',
    created: text(token, 'Created') ?? '',
  };
}

export type TokenVerdict = { ok: true } | { ok: false; reason: string };

export interface TokenCheckerOptions {
  username: string;
  password: string;
  /** Accepted distance between Created and the camera's clock (default 5 min). */
  windowMs?: number;
  /** Nonces remembered at most; the oldest are forgotten first (default 10 000). */
  maxNonces?: number;
}

export class TokenChecker {
  private readonly seen = new Map<string, number>();
  private readonly window: number;
  private readonly maxNonces: number;

  constructor(private readonly o: TokenCheckerOptions) {
    this.window = o.windowMs ?? 300_000;
    this.maxNonces = o.maxNonces ?? 10_000;
  }

  /** `cameraNow` is the camera's own clock, skew included. */
  check(token: UsernameToken | undefined, cameraNow: number, password = this.o.password): TokenVerdict {
    if (!token) return { ok: false, reason: 'no UsernameToken' };
    if (token.username !== this.o.username) return { ok: false, reason: 'unknown user' };
    if (token.passwordType !== 'digest') return { ok: false, reason: 'only PasswordDigest is accepted' };
    const created = Date.parse(token.created);
    if (!Number.isFinite(created)) return { ok: false, reason: 'Created is not a time' };
    if (Math.abs(created - cameraNow) > this.window) return { ok: false, reason: 'Created outside the time window' };
    const nonce = Buffer.from(token.nonce, 'base64');
    if (nonce.length < 8 || nonce.length > 64) return { ok: false, reason: 'nonce of a bad length' };
    const expected = Buffer.from(passwordDigest(token.nonce, token.created, password));
    const given = Buffer.from(token.password);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'wrong password digest' };
    }
    this.forgetOld(cameraNow);
    if (this.seen.has(token.nonce)) return { ok: false, reason: 'nonce replayed' };
    this.seen.set(token.nonce, created + this.window);
    if (this.seen.size > this.maxNonces) this.seen.delete(this.seen.keys().next().value!);
    return { ok: true };
  }

  private forgetOld(now: number): void {
    for (const [nonce, until] of this.seen) {
      if (until >= now) break;
      this.seen.delete(nonce);
    }
  }
}
