import type { CameraInfo, CameraProfileInfo } from '@cctv/protocol';
import type { Db } from '../store/db';
import type { SecretBox } from './secretBox';

/** A stored profile: what the supervisor pulls. */
export interface StoredProfile extends CameraProfileInfo {
  uri: string;
}

/** An onboarded camera with its credentials (opened). Never leaves ingest. */
export interface StoredCamera {
  id: string;
  name: string;
  district: string;
  site: string;
  location: string;
  deviceUrl: string;
  username: string;
  password: string;
  make: string | null;
  model: string | null;
  main: StoredProfile;
  sub: StoredProfile | null;
  snapshotUri: string | null;
  ptzToken: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  name: string;
  district: string;
  site: string;
  location: string;
  device_url: string;
  username: string;
  password: string;
  make: string | null;
  model: string | null;
  main_token: string;
  main_uri: string;
  main_width: number;
  main_height: number;
  main_encoding: string;
  sub_token: string | null;
  sub_uri: string | null;
  sub_width: number | null;
  sub_height: number | null;
  sub_encoding: string | null;
  snapshot_uri: string | null;
  ptz_token: string | null;
  created_at: number;
  updated_at: number;
}

/** What consoles may see of a stored camera: no credentials, no stream URIs. */
export function cameraInfo(c: StoredCamera): CameraInfo {
  const profile = (p: StoredProfile | null): CameraProfileInfo | null =>
    p && { token: p.token, width: p.width, height: p.height, encoding: p.encoding };
  return {
    id: c.id,
    name: c.name,
    district: c.district,
    site: c.site,
    location: c.location,
    source: 'onvif',
    deviceUrl: c.deviceUrl,
    make: c.make,
    model: c.model,
    ptz: c.ptzToken !== null,
    profiles: { main: profile(c.main), sub: profile(c.sub) },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The cameras table. Passwords are sealed on the way in and opened on the way out. */
export class CameraRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  list(): StoredCamera[] {
    return (this.db.prepare('SELECT * FROM cameras ORDER BY created_at, id').all() as Row[]).map((r) =>
      this.toCamera(r),
    );
  }

  get(id: string): StoredCamera | undefined {
    const r = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(id) as Row | undefined;
    return r && this.toCamera(r);
  }

  byDeviceUrl(url: string): StoredCamera | undefined {
    const r = this.db.prepare('SELECT * FROM cameras WHERE device_url = ?').get(url) as Row | undefined;
    return r && this.toCamera(r);
  }

  /** Inserts or replaces the whole camera. */
  save(c: StoredCamera): void {
    this.db
      .prepare(
        `INSERT INTO cameras (id, name, district, site, location, device_url, username, password, make, model,
           main_token, main_uri, main_width, main_height, main_encoding,
           sub_token, sub_uri, sub_width, sub_height, sub_encoding, snapshot_uri, ptz_token, created_at, updated_at)
         VALUES (@id, @name, @district, @site, @location, @device_url, @username, @password, @make, @model,
           @main_token, @main_uri, @main_width, @main_height, @main_encoding,
           @sub_token, @sub_uri, @sub_width, @sub_height, @sub_encoding, @snapshot_uri, @ptz_token, @created_at, @updated_at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, district = excluded.district, site = excluded.site,
           location = excluded.location, device_url = excluded.device_url, username = excluded.username,
           password = excluded.password, make = excluded.make, model = excluded.model,
           main_token = excluded.main_token, main_uri = excluded.main_uri, main_width = excluded.main_width,
           main_height = excluded.main_height, main_encoding = excluded.main_encoding, sub_token = excluded.sub_token,
           sub_uri = excluded.sub_uri, sub_width = excluded.sub_width, sub_height = excluded.sub_height,
           sub_encoding = excluded.sub_encoding, snapshot_uri = excluded.snapshot_uri, ptz_token = excluded.ptz_token,
           updated_at = excluded.updated_at`,
      )
      .run(this.toRow(c));
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes > 0;
  }

  private toRow(c: StoredCamera): Row {
    return {
      id: c.id,
      name: c.name,
      district: c.district,
      site: c.site,
      location: c.location,
      device_url: c.deviceUrl,
      username: c.username,
      password: this.box.seal(c.password),
      make: c.make,
      model: c.model,
      main_token: c.main.token,
      main_uri: c.main.uri,
      main_width: c.main.width,
      main_height: c.main.height,
      main_encoding: c.main.encoding,
      sub_token: c.sub?.token ?? null,
      sub_uri: c.sub?.uri ?? null,
      sub_width: c.sub?.width ?? null,
      sub_height: c.sub?.height ?? null,
      sub_encoding: c.sub?.encoding ?? null,
      snapshot_uri: c.snapshotUri,
      ptz_token: c.ptzToken,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    };
  }

  private toCamera(r: Row): StoredCamera {
    return {
      id: r.id,
      name: r.name,
      district: r.district,
      site: r.site,
      location: r.location,
      deviceUrl: r.device_url,
      username: r.username,
      password: this.box.open(r.password),
      make: r.make,
      model: r.model,
      main: {
        token: r.main_token,
        uri: r.main_uri,
        width: r.main_width,
        height: r.main_height,
        encoding: r.main_encoding,
      },
      sub:
        r.sub_token !== null && r.sub_uri !== null
          ? {
              token: r.sub_token,
              uri: r.sub_uri,
              width: r.sub_width ?? 0,
              height: r.sub_height ?? 0,
              encoding: r.sub_encoding ?? '',
            }
          : null,
      snapshotUri: r.snapshot_uri,
      ptzToken: r.ptz_token,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
