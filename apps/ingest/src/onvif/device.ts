/**
 * The ONVIF adapter's contract: what the rest of ingest may ask of a camera. The implementation
 * (libDevice.ts, over the `onvif` package) can be replaced without touching callers.
 */
import type { EventEmitter } from 'node:events';

export interface OnvifCredentials {
  username: string;
  password: string;
}

export interface ConnectOptions {
  /** The device service URL (an XAddr from discovery), e.g. http://10.0.0.5/onvif/device_service */
  url: string;
  credentials: OnvifCredentials;
  /** Deadline of each call (default 5000 ms). */
  timeoutMs?: number;
  /** Largest answer accepted (default 1 MiB). */
  maxBytes?: number;
}

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

/** One media profile of a camera: what the stream supervisor needs to pull it. */
export interface MediaProfile {
  token: string;
  name: string;
  encoding: string;
  width: number;
  height: number;
  streamUri: string;
  snapshotUri: string | null;
  /** The profile has a PTZ configuration. */
  ptz: boolean;
}

export interface Profiles {
  /** The largest resolution. */
  main: MediaProfile;
  /** The smallest resolution, when the camera has more than one profile. */
  sub: MediaProfile | null;
  all: MediaProfile[];
}

/** Pan and tilt in -1..1 and zoom in 0..1 (positions) or -1..1 (velocities), ONVIF generic spaces. */
export interface PtzVector {
  pan?: number;
  tilt?: number;
  zoom?: number;
}

export interface PtzStatus {
  pan: number;
  tilt: number;
  zoom: number;
  moving: boolean;
}

export interface PtzPreset {
  token: string;
  name: string;
}

/** A camera alarm, as it comes off the event pull-point. */
export interface OnvifAlarm {
  kind: 'motion' | 'tamper';
  /** true when the alarm starts, false when it ends. */
  active: boolean;
  /** The camera's own timestamp (its clock, may be skewed). */
  cameraTime: string;
  topic: string;
  source: string | null;
}

export interface EventSubscriptionOptions {
  /** PullMessages wait (default 10 s; cameras allow up to 60 s). */
  pullTimeoutMs?: number;
  messageLimit?: number;
  /** Subscription lifetime asked for, renewed at half of it (default 60 s). */
  terminationMs?: number;
  /** Wait before re-subscribing after a failure, doubling up to 30 s (default 1000 ms). */
  retryMs?: number;
}

/** Events of a running pull-point subscription. */
export interface EventStreamEvents {
  alarm: [OnvifAlarm];
  /** A new subscription was made (the first, or again after a reboot or expiry). */
  subscribed: [{ address: string; resubscription: boolean }];
  /** A pull or renew failed; the stream re-subscribes by itself. */
  error: [Error];
}

export interface EventStream extends EventEmitter<EventStreamEvents> {
  /** Stops pulling and unsubscribes (best effort, bounded by the call timeout). */
  close(): Promise<void>;
}

export interface OnvifDevice {
  readonly url: string;
  /** Our clock + this = the camera's clock (ms), read unauthenticated at connect. */
  readonly clockOffsetMs: number;
  getDeviceInformation(): Promise<DeviceInformation>;
  getProfiles(): Promise<Profiles>;
  /**
   * Starts a continuous move. Cameras may ignore `timeoutMs`; the caller must always call `stop`
   * (`moveFor` does both).
   */
  continuousMove(profileToken: string, velocity: PtzVector, timeoutMs?: number): Promise<void>;
  stop(profileToken: string): Promise<void>;
  /** A continuous move for `ms`, always followed by a stop (also when the move call fails). */
  moveFor(profileToken: string, velocity: PtzVector, ms: number): Promise<void>;
  absoluteMove(profileToken: string, position: PtzVector): Promise<void>;
  relativeMove(profileToken: string, translation: PtzVector): Promise<void>;
  gotoHome(profileToken: string): Promise<void>;
  setHome(profileToken: string): Promise<void>;
  getPresets(profileToken: string): Promise<PtzPreset[]>;
  setPreset(profileToken: string, name: string): Promise<string>;
  gotoPreset(profileToken: string, presetToken: string): Promise<void>;
  removePreset(profileToken: string, presetToken: string): Promise<void>;
  getPtzStatus(profileToken: string): Promise<PtzStatus>;
  /** Pull-point events with renewal and re-subscription after failures (a reboot, an expiry). */
  subscribeEvents(options?: EventSubscriptionOptions): EventStream;
  /** Ends every event stream and in-flight call. */
  close(): Promise<void>;
}
