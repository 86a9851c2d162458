import type { Ingest } from '@cctv/ingest';
import type { CameraInfo, Role } from '@cctv/protocol';
import { connectOnvifDevice, type OnvifDevice } from '../../../apps/ingest/src/onvif/index';
import { ask } from '../../helpers/client';
import { startSimFleet, type FleetCamera, type SimFleet } from '../../helpers/fleet';
import { connectAs, startTestIngest } from '../ingest/harness';

export const credentials = { username: 'admin', password: 'sëcret-pw' };

/** A simulated camera as the manifest describes it, ONVIF included. */
export type SimCamera = FleetCamera & { onvif: string; discoveryPort: number };

/** The simulator CLI with ONVIF on ephemeral ports, credentials, small pictures, no multicast. */
export async function startOnvifFleet(cameras: number, extra: string[] = []) {
  const fleet = await startSimFleet([
    '--cameras',
    String(cameras),
    '--onvif-port',
    '0',
    '--discovery',
    'off',
    '--user',
    credentials.username,
    '--password',
    credentials.password,
    '--main',
    '320x180',
    '--sub',
    '160x90',
    '--fps',
    '10',
    '--gop',
    '10',
    ...extra,
  ]);
  return Object.assign(fleet, {
    sim: fleet.cameras as SimCamera[],
    /** Any fault of the simulator (the shared helper types only the RTSP ones). */
    async onvifFault(cameraId: string, kind: string, ms?: number): Promise<void> {
      const res = await fetch(`${fleet.controlUrl}/cameras/${cameraId}/fault`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ms === undefined ? { kind } : { kind, ms }),
      });
      if (!res.ok) throw new Error(`fault ${kind} on ${cameraId}: HTTP ${res.status} ${await res.text()}`);
    },
  });
}
export type OnvifFleet = Awaited<ReturnType<typeof startOnvifFleet>>;

/** Ingest with no config-file cameras and event pulls short enough for tests. */
export function startCameraIngest() {
  return startTestIngest([], {
    cameras: { onvifTimeoutMs: 3000, alarms: { reconnectMs: 200, events: { pullTimeoutMs: 1000, retryMs: 200 } } },
  });
}

/** Onboards a simulated camera through the socket command, as an administrator would. */
export async function onboard(ingest: Ingest, cam: SimCamera, name = cam.name): Promise<CameraInfo> {
  const admin = await connectAs(ingest, 'administrator');
  try {
    const res = await ask(
      admin.control,
      'camera:add',
      { deviceUrl: cam.onvif, ...credentials, name, district: 'North', site: 'Market', location: 'Lamp post 4' },
      15_000,
    );
    if (!res.ok) throw new Error(`camera:add failed: ${res.error.code} ${res.error.message}`);
    return res.data;
  } finally {
    admin.close();
  }
}

/** A direct ONVIF connection to a simulated camera, to read what it really does. */
export function directDevice(cam: SimCamera): Promise<OnvifDevice> {
  return connectOnvifDevice({ url: cam.onvif, credentials, timeoutMs: 3000 });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Client = Awaited<ReturnType<typeof connectAs>>;
export const connect = (ingest: Ingest, role: Role): Promise<Client> => connectAs(ingest, role);
export type { SimFleet };
