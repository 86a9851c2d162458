import { z } from 'zod';
import { cameraIdSchema } from './streams';

// Cameras: discovery, onboarding (the registry), PTZ and alarms. Credentials travel only from the
// console to the server (camera:add, camera:update) and never back.

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** A camera's ONVIF device service URL, e.g. http://10.0.0.5/onvif/device_service. */
export const deviceUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/i, 'must be an http:// or https:// URL without spaces');

/** `discovery:probe`: multicast on the local segment, unicast to targets, or both. */
export const discoveryProbeSchema = z
  .object({
    multicast: z.boolean(),
    /** Comma-separated addresses, CIDR blocks or ranges, each with an optional `:port` or `:port-port`. */
    targets: text(1000).optional(),
    /** How long to listen for answers. */
    timeoutMs: z.number().int().min(100).max(10_000).default(2000),
  })
  .strict()
  .refine((p) => p.multicast || (p.targets ?? '') !== '', {
    message: 'probe by multicast, by targets, or both',
    path: ['targets'],
  });
/** Payload of `discovery:probe`. */
export type DiscoveryProbeRequest = z.input<typeof discoveryProbeSchema>;

/** A device that answered a WS-Discovery probe. */
export interface DiscoveredCamera {
  /** WS-Addressing endpoint reference (urn:uuid:...), stable per device. */
  endpoint: string;
  /** IP address the answer came from. */
  address: string;
  /** Device service URLs it advertised; the first is used for `camera:add`. */
  xaddrs: string[];
  make?: string;
  model?: string;
  name?: string;
  location?: string;
  scopes: string[];
  /** The registry already holds a camera at one of these URLs (its id in `cameraId`). */
  alreadyAdded: boolean;
  cameraId?: string;
}

/** The last discovery results (from a probe on demand or on the schedule). */
export interface DiscoveryResult {
  /** When the probe finished (ms since the epoch); null before the first probe. */
  at: number | null;
  devices: DiscoveredCamera[];
}

const cameraFields = {
  name: required(120),
  /** The partner the camera belongs to. */
  district: text(120),
  site: text(120),
  location: text(200),
};

/** `camera:add`: onboards an ONVIF camera (reads its profiles and stream URIs, then stores it). */
export const addCameraSchema = z
  .object({
    deviceUrl: deviceUrlSchema,
    username: z.string().max(128),
    password: z.string().max(256),
    ...cameraFields,
    /** The id to give it; made from the name when left out. */
    id: cameraIdSchema.optional(),
  })
  .strict();
/** Payload of `camera:add`. */
export type AddCameraRequest = z.input<typeof addCameraSchema>;

/** `camera:update`: changes what it names. New credentials are checked against the camera first. */
export const updateCameraSchema = z
  .object({
    id: cameraIdSchema,
    name: cameraFields.name.optional(),
    district: cameraFields.district.optional(),
    site: cameraFields.site.optional(),
    location: cameraFields.location.optional(),
    credentials: z
      .object({ username: z.string().max(128), password: z.string().max(256) })
      .strict()
      .optional(),
  })
  .strict();
/** Payload of `camera:update`. */
export type UpdateCameraRequest = z.input<typeof updateCameraSchema>;

/** `camera:remove` and other commands that name one camera. */
export const cameraRefSchema = z.object({ id: cameraIdSchema }).strict();

/** One stored profile of a camera (never with credentials). */
export interface CameraProfileInfo {
  token: string;
  width: number;
  height: number;
  encoding: string;
}

/** A camera of the registry as consoles see it: no credentials, no stream URIs. */
export interface CameraInfo {
  id: string;
  name: string;
  district: string;
  site: string;
  location: string;
  /** onvif: onboarded and editable; config: from the ingest's config file, read-only. */
  source: 'onvif' | 'config';
  deviceUrl: string | null;
  make: string | null;
  model: string | null;
  ptz: boolean;
  profiles: { main: CameraProfileInfo | null; sub: CameraProfileInfo | null };
  createdAt: number | null;
  updatedAt: number | null;
}

const velocity = z.number().min(-1).max(1);

/**
 * `ptz:move`: a continuous move at these velocities (-1..1; zoom + is in). The server stops the camera
 * when no move arrives for about 1 s, so a console re-sends the move at least every 500 ms while the
 * operator holds the joystick, and sends `ptz:stop` when it is released.
 */
export const ptzMoveSchema = z
  .object({ cameraId: cameraIdSchema, pan: velocity, tilt: velocity, zoom: velocity })
  .strict();
/** Payload of `ptz:move`. */
export type PtzMoveRequest = z.input<typeof ptzMoveSchema>;

/** Commands that name one PTZ camera (`ptz:stop`, `ptz:home`, `ptz:takeOver`, `ptz:preset:list`, `ptz:status`). */
export const ptzCameraSchema = z.object({ cameraId: cameraIdSchema }).strict();

/** `ptz:preset:goto` and `ptz:preset:remove`. */
export const ptzPresetRefSchema = z.object({ cameraId: cameraIdSchema, token: required(64) }).strict();

/** `ptz:preset:set`: stores the current position under a name. */
export const ptzPresetSetSchema = z.object({ cameraId: cameraIdSchema, name: required(64) }).strict();

/** A preset position of a PTZ camera. */
export interface PtzPresetInfo {
  token: string;
  name: string;
}

/** Who steers a camera. */
export interface PtzHolder {
  userId: number;
  displayName: string;
}

/** A camera's PTZ lock: who holds it (null: free). */
export interface PtzLockState {
  cameraId: string;
  holder: PtzHolder | null;
}

/** The answer of PTZ commands that steer: the lock after the command, and whether the camera is moving. */
export interface PtzControlState extends PtzLockState {
  moving: boolean;
}

/** The kinds of camera alarm. `recording`: the camera's footage could not be written (see `detail`). */
export const alarmKindSchema = z.enum(['motion', 'tamper', 'recording']);
/** A kind of camera alarm. */
export type AlarmKind = z.infer<typeof alarmKindSchema>;

/** A camera alarm, stored and published to consoles with live:view. */
export interface Alarm {
  id: number;
  cameraId: string;
  kind: AlarmKind;
  /** When ingest received it (ms since the epoch, our clock). */
  at: number;
  /** Still active (the camera has not reported its end). */
  active: boolean;
  endedAt: number | null;
  /** The camera's own timestamp (its clock, may be skewed). */
  cameraTime: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: PtzHolder | null;
  /** More than the kind says, for an operator (why a recording failed). */
  detail?: string;
}

/** `alarm:list`: newest first. */
export const alarmQuerySchema = z
  .object({
    unacknowledgedOnly: z.boolean().default(false),
    cameraId: cameraIdSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
/** Payload of `alarm:list`. */
export type AlarmQuery = z.input<typeof alarmQuerySchema>;

/** `alarm:acknowledge`. */
export const alarmAckSchema = z.object({ id: z.number().int().positive() }).strict();
