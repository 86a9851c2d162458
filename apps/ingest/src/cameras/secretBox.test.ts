import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox } from './secretBox';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SecretBox', () => {
  it('round-trips, and seals the same text differently each time', () => {
    const box = SecretBox.withKey(randomBytes(32));
    const a = box.seal('sëcret');
    expect(a).not.toContain('sëcret');
    expect(a).not.toBe(box.seal('sëcret'));
    expect(box.open(a)).toBe('sëcret');
  });

  it('refuses a value sealed with another key or changed', () => {
    const a = SecretBox.withKey(randomBytes(32)).seal('x');
    expect(() => SecretBox.withKey(randomBytes(32)).open(a)).toThrow();
    expect(() => SecretBox.withKey(randomBytes(32)).open('plain')).toThrow(/not a sealed value/);
  });

  it('creates the key file beside the database once (0600) and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secretbox-'));
    dirs.push(dir);
    const db = join(dir, 'cctv.sqlite');
    const sealed = SecretBox.forDatabase(db).seal('pw');
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);
    const key = readFileSync(`${db}.key`, 'utf8');
    expect(SecretBox.forDatabase(db).open(sealed)).toBe('pw');
    expect(readFileSync(`${db}.key`, 'utf8')).toBe(key);
  });
});
