/**
 * What the ONVIF handlers of one camera may see and touch. The camera (fleet/camera.ts) provides it.
 */
import type { EventBroker } from './events.js';
import type { PtzController } from './ptz.js';

export interface ProfileInfo {
  token: 'main' | 'sub';
  name: string;
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
  encoding: 'H264' | 'H265';
  rtspUrl: string;
}

export interface OnvifContext {
  id: string;
  name: string;
  /** Base URL of the camera's ONVIF HTTP server, e.g. http://127.0.0.1:8000 */
  baseUrl(): string;
  /** The camera's own clock, skew included. */
  now(): number;
  profiles(): ProfileInfo[];
  ptz: PtzController;
  events: EventBroker;
  serialNumber: string;
  hardwareId: string;
}
