/**
 * The fleet manifest: what another process needs to use the cameras (ids, names, RTSP URLs,
 * credentials, the control port). Written atomically, so a reader never sees half a file; its
 * appearance also tells a parent process that every camera is ready.
 */
import { rename, writeFile } from 'node:fs/promises';
import type { DigestCredentials } from '../rtsp/digest.js';
import type { VideoCodec } from '../rtsp/sdp.js';
import type { CameraInfo } from './camera.js';

export interface ManifestCamera {
  id: string;
  name: string;
  host: string;
  rtspPort: number;
  urls: { main: string; sub: string | null };
  /** ONVIF device service URL (http://HOST:PORT/onvif/device_service); null when ONVIF is off. */
  onvif: string | null;
  /** The camera's unicast WS-Discovery UDP port; null when ONVIF is off. */
  discoveryPort: number | null;
  credentials: DigestCredentials | null;
}

export interface FleetManifest {
  codec: VideoCodec;
  mode: 'live' | 'loop';
  controlUrl: string | null;
  cameras: ManifestCamera[];
}

export function buildManifest(
  cameras: readonly CameraInfo[],
  meta: { codec: VideoCodec; mode: 'live' | 'loop'; controlUrl: string | null; credentials?: DigestCredentials },
): FleetManifest {
  return {
    codec: meta.codec,
    mode: meta.mode,
    controlUrl: meta.controlUrl,
    cameras: cameras.map((c) => ({
      id: c.id,
      name: c.name,
      host: c.host,
      rtspPort: c.rtspPort,
      urls: c.urls,
      onvif: c.onvif?.deviceServiceUrl ?? null,
      discoveryPort: c.onvif?.discoveryPort ?? null,
      credentials: meta.credentials ?? null,
    })),
  };
}

export async function writeManifest(path: string, manifest: FleetManifest): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  await rename(tmp, path);
}
