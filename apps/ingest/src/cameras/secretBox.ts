import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const PREFIX = 'v1:';

/**
 * Seals camera passwords at rest with AES-256-GCM. The key is a file beside the database
 * (`<db>.key`, mode 0600), created on first use. This keeps passwords out of a copied database file
 * (a backup, a file handed to a vendor); it does not protect against someone who can read the whole
 * data directory, which needs a key store the control room does not have (docs/decisions/0005).
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The key of the database at `dbPath`; a throwaway key for an in-memory database. */
  static forDatabase(dbPath: string): SecretBox {
    if (dbPath === ':memory:' || dbPath === '') return new SecretBox(randomBytes(32));
    const keyPath = `${dbPath}.key`;
    try {
      return new SecretBox(parseKey(readFileSync(keyPath, 'utf8'), keyPath));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const key = randomBytes(32);
    try {
      // 'wx': never overwrite a key another process wrote in the meantime.
      writeFileSync(keyPath, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      return new SecretBox(key);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      return new SecretBox(parseKey(readFileSync(keyPath, 'utf8'), keyPath));
    }
  }

  static withKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new RangeError('the key must be 32 bytes');
    return new SecretBox(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Throws when the value was sealed with another key or changed. */
  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

function parseKey(text: string, path: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${path} is not a camera key (64 hex digits)`);
  return Buffer.from(hex, 'hex');
}
