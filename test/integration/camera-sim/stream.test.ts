/**
 * The fleet's video as real clients see it: ffprobe and ffmpeg pull main and sub over TCP and UDP
 * with digest auth, decode them, and read the capture-time strip back from the decoded picture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Relative imports: the root does not yet link workspace packages for test/ (see the app README).
import { startFleet, type Fleet } from '@cctv/camera-sim';
import { readTimestrip } from '@cctv/timestrip';
import { grabGrayFrames, probe, RawRtspClient, run, portOf, withCredentials, type RtspTransport } from './helpers.js';

const MAIN = { width: 320, height: 180 };
const SUB = { width: 256, height: 144 };
const USER = 'operator';
const PASSWORD = 'p@ss:word';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({
    cameras: 2,
    rtspPort: 0,
    main: MAIN,
    sub: SUB,
    bitrate: 600_000,
    subBitrate: 300_000,
    credentials: { username: USER, password: PASSWORD },
    logLevel: 'warn',
  });
});

afterAll(async () => {
  await fleet?.stop();
});

const authed = (url: string): string => withCredentials(url, USER, PASSWORD);

describe.each<RtspTransport>(['tcp', 'udp'])('over %s', (transport) => {
  it('serves decodable H.264 at the configured size on main and sub', async () => {
    const cam = fleet.cameras[1]!;
    expect(await probe(authed(cam.urls.main), transport)).toEqual([{ codec_name: 'h264', ...MAIN }]);
    expect(await probe(authed(cam.urls.sub!), transport)).toEqual([{ codec_name: 'h264', ...SUB }]);
  });

  it.each(['main', 'sub'] as const)('carries a readable capture-time strip on %s', async (profile) => {
    const size = profile === 'main' ? MAIN : SUB;
    const started = Date.now();
    const frames = await grabGrayFrames(authed(fleet.cameras[0]!.urls[profile]!), transport, size, 10);
    const times = frames.map((f) => readTimestrip((x, y) => f.pixels[y * size.width + x]!, size.width, size.height));
    expect(times.every((t) => t !== null)).toBe(true);
    for (let i = 0; i < frames.length; i++) {
      const t = times[i]!;
      // Fresh (captured after we asked) and not from the future; ffmpeg's probing may hold early frames.
      expect(t).toBeGreaterThanOrEqual(started - 100);
      expect(t).toBeLessThanOrEqual(frames[i]!.receivedAt);
      expect(frames[i]!.receivedAt - t).toBeLessThan(5000);
      if (i > 0) expect(t).toBeGreaterThan(times[i - 1]!);
    }
  });
});

describe('digest auth', () => {
  it('answers 401 with a digest challenge to a request without credentials', async () => {
    const cam = fleet.cameras[0]!;
    const client = await RawRtspClient.open(portOf(cam.urls.main));
    try {
      const r = await client.request('DESCRIBE', cam.urls.main);
      expect(r.status).toBe(401);
      expect(r.head).toMatch(/WWW-Authenticate: Digest realm="camera-sim", nonce="[0-9a-f]+"/);
    } finally {
      client.close();
    }
  });

  it('makes ffmpeg fail with a wrong password', async () => {
    const url = withCredentials(fleet.cameras[0]!.urls.main, USER, 'wrong');
    const r = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/401 Unauthorized/);
  });

  it('makes ffmpeg fail without credentials', async () => {
    const r = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', fleet.cameras[0]!.urls.main]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/401 Unauthorized/);
  });
});

describe('protocol robustness', () => {
  it('answers garbage with 400 and closes, and keeps serving others', async () => {
    const cam = fleet.cameras[0]!;
    const client = await RawRtspClient.open(portOf(cam.urls.main));
    client.sendRaw(Buffer.from([0x00, 0xff, 0x10, 0x20, 0x0d, 0x0a, 0x0d, 0x0a]));
    expect((await client.readResponse()).status).toBe(400);
    const options = await RawRtspClient.open(portOf(cam.urls.main));
    try {
      const r = await options.request('OPTIONS', cam.urls.main);
      expect(r.status).toBe(200);
      expect(r.head).toMatch(/Public: .*DESCRIBE.*SETUP.*PLAY.*TEARDOWN.*GET_PARAMETER/);
    } finally {
      options.close();
      client.close();
    }
  });

  it('answers 404 for an unknown stream path', async () => {
    const cam = fleet.cameras[0]!;
    const url = withCredentials(cam.urls.main.replace('/main', '/nope'), USER, PASSWORD);
    const r = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', url]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/404 Not Found/);
  });
});
