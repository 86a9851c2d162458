import { isOnvifError, type OnvifDevice } from '../onvif/index';
import { CommandFailure } from '../socket/commands';
import type { StoredProfile } from './cameraRepository';

/** What onboarding reads from a camera. */
export interface DeviceReading {
  make: string | null;
  model: string | null;
  main: StoredProfile;
  sub: StoredProfile | null;
  snapshotUri: string | null;
  ptzToken: string | null;
}

/** Reads device information, main and sub profiles, stream and snapshot URIs. */
export async function readDevice(device: OnvifDevice): Promise<DeviceReading> {
  const info = await device.getDeviceInformation();
  const profiles = await device.getProfiles();
  const stored = (p: typeof profiles.main): StoredProfile => {
    if (!/^rtsps?:\/\/[^\s]+$/i.test(p.streamUri))
      throw new CommandFailure('UNAVAILABLE', `The camera gave no RTSP address for its profile "${p.name}".`);
    return { token: p.token, uri: p.streamUri, width: p.width, height: p.height, encoding: p.encoding };
  };
  const ptz = profiles.main.ptz ? profiles.main : profiles.all.find((p) => p.ptz);
  return {
    make: info.manufacturer || null,
    model: info.model || null,
    main: stored(profiles.main),
    sub: profiles.sub ? stored(profiles.sub) : null,
    snapshotUri: profiles.main.snapshotUri ?? profiles.sub?.snapshotUri ?? null,
    ptzToken: ptz?.token ?? null,
  };
}

/** An ONVIF failure in words an administrator can act on, naming the cause (never the password). */
export function onboardingFailure(e: unknown, url: string): never {
  if (e instanceof CommandFailure) throw e;
  const where = safeHost(url);
  if (isOnvifError(e)) {
    switch (e.code) {
      case 'notAuthorized':
        throw new CommandFailure(
          'INVALID_PAYLOAD',
          `The camera at ${where} refused the user name or password.`,
          'password',
        );
      case 'timeout':
        throw new CommandFailure('TIMEOUT', `The camera at ${where} did not answer in time.`);
      case 'unreachable':
        throw new CommandFailure(
          'UNAVAILABLE',
          `Nothing answers at ${where}: check the address and that the camera is on.`,
          'deviceUrl',
        );
      default:
        throw new CommandFailure(
          'UNAVAILABLE',
          `The device at ${where} did not answer as an ONVIF camera (${e.code}: ${e.message}).`,
          'deviceUrl',
        );
    }
  }
  throw e;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'that address';
  }
}

/** Normalises a device URL; credentials in it are refused (they belong in their own fields). */
export function normaliseDeviceUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CommandFailure('INVALID_PAYLOAD', 'deviceUrl: not a URL', 'deviceUrl');
  }
  if (u.username || u.password)
    throw new CommandFailure(
      'INVALID_PAYLOAD',
      'deviceUrl: put the user name and password in their own fields, not in the address',
      'deviceUrl',
    );
  return u.toString();
}

/** A camera id from its name: `Market Square North` → `market-square-north`. */
export function idFromName(name: string, taken: (id: string) => boolean): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '') // accents off: é → e
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'camera';
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}
