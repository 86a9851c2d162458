/**
 * Numbered migrations, applied in order at start-up, each in its own transaction. Never edit one that
 * has shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'users, sessions, audit trail, inspections',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        districts TEXT NOT NULL DEFAULT '[]',
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER,
        created_at INTEGER NOT NULL,
        password_changed_at INTEGER NOT NULL,
        last_sign_in_at INTEGER
      ) STRICT;

      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        workstation TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);

      -- Append-only and hash-chained: each row carries the hash of the one before it, so an edit,
      -- a deletion or a reordering breaks the chain at that row. The triggers stop honest mistakes;
      -- the chain catches the rest.
      -- AUTOINCREMENT: ids are never reused, so a deleted last row leaves sqlite_sequence ahead of it.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        user_id INTEGER,
        username TEXT,
        workstation TEXT,
        action TEXT NOT NULL,
        camera_id TEXT,
        target TEXT,
        details TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_at ON audit(at);
      CREATE INDEX audit_user ON audit(username, at);
      CREATE INDEX audit_camera ON audit(camera_id, at);
      CREATE INDEX audit_action ON audit(action, at);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        inspector_id INTEGER NOT NULL REFERENCES users(id),
        checked TEXT NOT NULL,
        findings TEXT NOT NULL,
        recommendations TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE inspection_responses (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        at INTEGER NOT NULL,
        response TEXT NOT NULL
      ) STRICT;
    `,
  },
];
