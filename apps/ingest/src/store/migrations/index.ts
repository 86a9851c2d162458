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
  {
    version: 2,
    name: 'incidents, police requests, shifts, change counter',
    sql: `
      -- Yearly sequential references (incident 2026/000123, request PR-2026-0042).
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

      -- Every create or change takes the next rev; a console that reconnects asks for what came after
      -- the last rev it saw.
      CREATE TABLE changes (
        rev INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX changes_entity ON changes(kind, entity_id);

      CREATE TABLE categories (name TEXT PRIMARY KEY COLLATE NOCASE, position INTEGER NOT NULL, retired INTEGER NOT NULL DEFAULT 0) STRICT;

      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        district TEXT NOT NULL,
        town TEXT NOT NULL,
        location TEXT NOT NULL,
        cameras TEXT NOT NULL,
        source TEXT NOT NULL,
        category TEXT NOT NULL,
        police_refs TEXT NOT NULL,
        outcome TEXT,
        outcome_notes TEXT NOT NULL,
        evidence TEXT NOT NULL,
        shared_with_police INTEGER NOT NULL,
        operator_id INTEGER NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        review_by INTEGER REFERENCES users(id),
        review_at INTEGER,
        review_notes TEXT,
        rev INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incidents_started ON incidents(started_at, id);
      CREATE INDEX incidents_district ON incidents(district, started_at, id);
      CREATE INDEX incidents_category ON incidents(category, started_at, id);
      CREATE INDEX incidents_status ON incidents(status, started_at, id);
      CREATE INDEX incidents_shared ON incidents(shared_with_police, started_at, id);

      -- Append-only: a correction is a new entry.
      CREATE TABLE incident_narrative (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        at INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incident_narrative_incident ON incident_narrative(incident_id, id);
      CREATE TRIGGER incident_narrative_no_update BEFORE UPDATE ON incident_narrative BEGIN SELECT RAISE(ABORT, 'narrative entries are append-only'); END;
      CREATE TRIGGER incident_narrative_no_delete BEFORE DELETE ON incident_narrative BEGIN SELECT RAISE(ABORT, 'narrative entries are append-only'); END;

      CREATE TABLE incident_history (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id),
        at INTEGER NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        version INTEGER NOT NULL,
        reason TEXT NOT NULL,
        changes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incident_history_incident ON incident_history(incident_id, id);

      CREATE TABLE incident_snapshots (
        incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
        camera_id TEXT NOT NULL,
        taken_at INTEGER NOT NULL,
        jpeg BLOB NOT NULL
      ) STRICT;

      -- Free-text search over what operators type; rowid = incident id.
      CREATE VIRTUAL TABLE incident_fts USING fts5(ref, place, narrative, police, tokenize = 'unicode61 remove_diacritics 2');

      CREATE TABLE police_requests (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        requester TEXT NOT NULL,
        lawful_basis TEXT NOT NULL,
        ripa TEXT,
        police_refs TEXT NOT NULL,
        cameras TEXT NOT NULL,
        window_from INTEGER NOT NULL,
        window_to INTEGER NOT NULL,
        reason TEXT NOT NULL,
        urgency TEXT NOT NULL,
        incident_id INTEGER REFERENCES incidents(id),
        status TEXT NOT NULL,
        logged_by INTEGER NOT NULL REFERENCES users(id),
        decision TEXT,
        release TEXT,
        disposal TEXT,
        created_at INTEGER NOT NULL,
        rev INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX police_requests_status ON police_requests(status, id);

      CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        started_by INTEGER NOT NULL REFERENCES users(id),
        on_duty TEXT NOT NULL,
        handover_notes TEXT NOT NULL DEFAULT '',
        camera_faults TEXT NOT NULL DEFAULT '',
        visitors TEXT NOT NULL DEFAULT '[]',
        carried_over TEXT NOT NULL DEFAULT '[]',
        sign_off_by INTEGER REFERENCES users(id),
        sign_off_at INTEGER,
        rev INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'camera registry (onboarded ONVIF cameras), alarms',
    sql: `
      -- Cameras onboarded over ONVIF. Cameras of the config file are not stored here (read-only).
      -- password is sealed (AES-256-GCM, key file beside the database: cameras/secretBox.ts).
      CREATE TABLE cameras (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        district TEXT NOT NULL DEFAULT '',
        site TEXT NOT NULL DEFAULT '',
        location TEXT NOT NULL DEFAULT '',
        device_url TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL,
        password TEXT NOT NULL,
        make TEXT,
        model TEXT,
        main_token TEXT NOT NULL,
        main_uri TEXT NOT NULL,
        main_width INTEGER NOT NULL,
        main_height INTEGER NOT NULL,
        main_encoding TEXT NOT NULL,
        sub_token TEXT,
        sub_uri TEXT,
        sub_width INTEGER,
        sub_height INTEGER,
        sub_encoding TEXT,
        snapshot_uri TEXT,
        -- The profile PTZ commands go to; NULL: the camera cannot pan, tilt or zoom.
        ptz_token TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- No foreign key to cameras: alarms stay in the log after their camera is removed.
      CREATE TABLE alarms (
        id INTEGER PRIMARY KEY,
        camera_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        camera_time TEXT,
        active INTEGER NOT NULL,
        ended_at INTEGER,
        acknowledged_at INTEGER,
        acknowledged_by INTEGER REFERENCES users(id)
      ) STRICT;
      CREATE INDEX alarms_at ON alarms(at, id);
      CREATE INDEX alarms_open ON alarms(camera_id, kind, active);
      CREATE INDEX alarms_unacknowledged ON alarms(acknowledged_at, at);
    `,
  },
  {
    version: 4,
    name: 'recording: segments index, holds, deletion log, per-camera settings',
    sql: `
      -- One row per recorded file (a segment: fMP4, starting at a keyframe). open = 1 while it is being
      -- written; its end and size are then only known to the recorder, and start-up repair closes it.
      -- keyframes: where each keyframe's fragment starts (varint pairs: ms from start, byte offset),
      -- so a time becomes a file offset without opening the file.
      CREATE TABLE recording_segments (
        id INTEGER PRIMARY KEY,
        camera_id TEXT NOT NULL,
        profile TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        file TEXT NOT NULL UNIQUE,
        bytes INTEGER NOT NULL,
        frames INTEGER NOT NULL,
        codec TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        config BLOB NOT NULL,
        keyframes BLOB NOT NULL,
        open INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX recording_segments_time ON recording_segments(camera_id, profile, start_ms, end_ms);
      CREATE INDEX recording_segments_age ON recording_segments(start_ms);
      CREATE INDEX recording_segments_open ON recording_segments(open) WHERE open = 1;

      -- Footage kept past retention while an incident, a police request or an evidence package needs it.
      CREATE TABLE recording_holds (
        id INTEGER PRIMARY KEY,
        camera_id TEXT NOT NULL,
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        reason TEXT NOT NULL,
        placed_by INTEGER REFERENCES users(id),
        placed_at INTEGER NOT NULL,
        released_by INTEGER REFERENCES users(id),
        released_at INTEGER,
        release_reason TEXT
      ) STRICT;
      CREATE INDEX recording_holds_active ON recording_holds(camera_id, from_ms) WHERE released_at IS NULL;
      CREATE INDEX recording_holds_ref ON recording_holds(kind, ref);

      -- Every deletion of footage (retention, disk budget, repair), kept after the footage is gone.
      CREATE TABLE recording_deletions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        camera_id TEXT NOT NULL,
        profile TEXT NOT NULL,
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL,
        segments INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recording_deletions_camera ON recording_deletions(camera_id, at);

      -- Per camera: continuous (the default when no row), off, or alarm with pre/post seconds;
      -- retention in days (NULL: the service's default).
      CREATE TABLE recording_settings (
        camera_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL,
        pre_s INTEGER NOT NULL,
        post_s INTEGER NOT NULL,
        retention_days INTEGER,
        updated_at INTEGER NOT NULL,
        updated_by INTEGER REFERENCES users(id)
      ) STRICT;

      -- An alarm can say more than its kind (a recording that failed: why).
      ALTER TABLE alarms ADD COLUMN detail TEXT;
      -- The timeline's alarm marks for one camera.
      CREATE INDEX alarms_camera_at ON alarms(camera_id, at);
    `,
  },
];
