import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, entryHash, openDatabase } from '@cctv/ingest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot } from '../../helpers/fleet';

type Db = ReturnType<typeof openDatabase>;

/** Tampering as an attacker with a copy of sqlite3 would: the triggers go first. */
function tamper(db: Db, sql: string, ...args: unknown[]): void {
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.prepare(sql).run(...args);
}

describe('the hash-chained audit trail', () => {
  let dir: string;
  let db: Db;
  let audit: AuditLog;
  const actor = { userId: 1, username: 'op-1', workstation: 'desk 3' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cctv-audit-'));
    db = openDatabase(join(dir, 'cctv.sqlite'));
    audit = new AuditLog(db);
    for (let i = 0; i < 10; i++)
      audit.append(actor, 'live.viewStarted', { cameraId: `cam-0${i}`, target: `cam-0${i}:sub` });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies an untouched trail', () => {
    expect(audit.verify()).toMatchObject({ ok: true, entries: 10, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses ordinary updates and deletes', () => {
    expect(() => db.prepare('UPDATE audit SET username = ? WHERE id = 3').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE id = 3').run()).toThrow(/append-only/);
  });

  it.each([
    ['the user', "UPDATE audit SET username = 'someone-else' WHERE id = 4"],
    ['the time', 'UPDATE audit SET at = at + 1 WHERE id = 4'],
    ['the camera', "UPDATE audit SET camera_id = 'cam-99' WHERE id = 4"],
    ['the details', `UPDATE audit SET details = '{"x":1}' WHERE id = 4`],
  ])('detects an edit of %s at that entry', (_what, sql) => {
    tamper(db, sql);
    expect(audit.verify()).toMatchObject({ ok: false, brokenAtId: 4, reason: expect.stringMatching(/changed/) });
  });

  it('detects an edit that also recomputes the row’s own hash, at the next entry', () => {
    // A careful forger rewrites entry 4 and gives it a valid hash of its own; entry 5 still points at
    // the old hash, so the chain breaks there.
    const row = db.prepare('SELECT * FROM audit WHERE id = 4').get() as Parameters<typeof entryHash>[1] & {
      prev_hash: string;
    };
    const forged = { ...row, username: 'forger' };
    tamper(db, 'UPDATE audit SET username = ?, hash = ? WHERE id = 4', 'forger', entryHash(forged.prev_hash, forged));
    expect(audit.verify()).toMatchObject({
      ok: false,
      brokenAtId: 5,
      reason: expect.stringMatching(/does not follow/),
    });
  });

  it('detects a deleted entry in the middle', () => {
    tamper(db, 'DELETE FROM audit WHERE id = 6');
    expect(audit.verify()).toMatchObject({ ok: false, brokenAtId: 6, reason: expect.stringMatching(/missing/) });
  });

  it('detects a deleted last entry', () => {
    tamper(db, 'DELETE FROM audit WHERE id = 10');
    expect(audit.verify()).toMatchObject({ ok: false, brokenAtId: 10, reason: expect.stringMatching(/missing/) });
  });

  it('detects two entries swapped', () => {
    const a = db.prepare('SELECT * FROM audit WHERE id = 3').get() as Record<string, unknown>;
    const b = db.prepare('SELECT * FROM audit WHERE id = 7').get() as Record<string, unknown>;
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    const put = db.prepare(
      'UPDATE audit SET at=@at, username=@username, camera_id=@camera_id, target=@target, details=@details, prev_hash=@prev_hash, hash=@hash WHERE id=@id',
    );
    put.run({ ...b, id: 3 });
    put.run({ ...a, id: 7 });
    expect(audit.verify()).toMatchObject({ ok: false, brokenAtId: 3 });
  });

  it('keeps chaining correctly after many appends and a reopen', () => {
    db.close();
    db = openDatabase(join(dir, 'cctv.sqlite'));
    audit = new AuditLog(db);
    audit.append(actor, 'auth.signOut');
    expect(audit.verify()).toMatchObject({ ok: true, entries: 11 });
  });

  it('verifies from the command line, pointing at the first broken link', () => {
    const cli = (path: string) =>
      spawnSync(process.execPath, [join(repoRoot, 'apps/ingest/dist/main.js'), 'verify-audit', '--db', path], {
        encoding: 'utf8',
      });
    const path = join(dir, 'cctv.sqlite');
    let r = cli(path);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/intact: 10 entries/);
    tamper(db, "UPDATE audit SET target = 'x' WHERE id = 2");
    r = cli(path);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at entry 2/);
  });
});
