/**
 * Faults on request, through the in-process API and the loopback control port: each one must
 * change what a real client sees, and `clear` (or the timeout) must bring the camera back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '@cctv/camera-sim';
import { canConnect, portOf, probe, RawRtspClient, run, waitFor } from './helpers.js';

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({
    cameras: 2,
    rtspPort: 0,
    main: { width: 320, height: 180 },
    sub: null,
    bitrate: 400_000,
    gop: 25,
    controlPort: 0,
    logLevel: 'warn',
  });
});

afterAll(async () => {
  await fleet?.stop();
});

async function postFault(id: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fleet.controlUrl}/cameras/${id}/fault`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('control port', () => {
  it('lists the cameras with their URLs and fault state', async () => {
    const res = await fetch(`${fleet.controlUrl}/cameras`);
    const list = (await res.json()) as Array<{ id: string; urls: { main: string }; faults: object }>;
    expect(list.map((c) => c.id)).toEqual(['cam-01', 'cam-02']);
    expect(list[0]!.urls.main).toBe(fleet.cameras[0]!.urls.main);
    expect(list[0]!.faults).toEqual({ stalled: false, refusingAuth: false, down: false });
  });

  it('rejects an unknown fault, a non-JSON body and an unknown camera', async () => {
    expect((await postFault('cam-01', { kind: 'explode' })).status).toBe(400);
    const notJson = await fetch(`${fleet.controlUrl}/cameras/cam-01/fault`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await postFault('cam-99', { kind: 'drop' })).status).toBe(404);
  });
});

describe('faults', () => {
  it('drop closes every RTSP connection of the camera at once', async () => {
    const cam = fleet.cameras[0]!;
    const clients = await Promise.all([
      RawRtspClient.open(portOf(cam.urls.main)),
      RawRtspClient.open(portOf(cam.urls.main)),
    ]);
    await Promise.all(clients.map((c) => c.play(cam.urls.main)));
    await waitFor(() => clients.every((c) => c.mediaBytes > 0), 'media on both clients');
    expect((await postFault('cam-01', { kind: 'drop' })).status).toBe(200);
    await waitFor(() => clients.every((c) => c.closed), 'both connections closed', 3000);
    expect(cam.info().sessions).toBe(0);
    // The camera itself is still there.
    expect(await canConnect(portOf(cam.urls.main))).toBe(true);
  });

  it('stall keeps the connection open but sends nothing until cleared', async () => {
    const cam = fleet.cameras[0]!;
    const client = await RawRtspClient.open(portOf(cam.urls.main));
    try {
      await client.play(cam.urls.main);
      await waitFor(() => client.mediaBytes > 0, 'media before the stall');
      await cam.fault({ kind: 'stall' });
      expect(cam.info().faults.stalled).toBe(true);
      // A packet already in flight may still land; after that, nothing for a while (25 fps would
      // have sent ~25 frames in this window).
      await new Promise((r) => setTimeout(r, 200));
      const during = client.mediaBytes;
      await new Promise((r) => setTimeout(r, 1000));
      expect(client.mediaBytes).toBe(during);
      expect(client.closed).toBe(false);
      await cam.fault({ kind: 'clear' });
      await waitFor(() => client.mediaBytes > during, 'media after clear', 5000);
    } finally {
      client.close();
    }
  });

  it('stall with ms ends by itself', async () => {
    const cam = fleet.cameras[1]!;
    await cam.fault({ kind: 'stall', ms: 300 });
    expect(cam.info().faults.stalled).toBe(true);
    await waitFor(() => !cam.info().faults.stalled, 'the stall to end', 2000);
    expect(await probe(cam.urls.main, 'tcp')).toEqual([{ codec_name: 'h264', width: 320, height: 180 }]);
  });

  it('restart takes the camera away for ms, then it serves again on the same port', async () => {
    const cam = fleet.cameras[1]!;
    const port = portOf(cam.urls.main);
    const client = await RawRtspClient.open(port);
    await client.play(cam.urls.main);
    const downAt = Date.now();
    expect((await postFault('cam-02', { kind: 'restart', ms: 1500 })).status).toBe(200);
    await waitFor(() => client.closed, 'the client to be dropped', 2000);
    expect(await canConnect(port)).toBe(false);
    expect(cam.info().faults.down).toBe(true);
    await waitFor(() => canConnect(port), 'the camera to come back', 5000);
    expect(Date.now() - downAt).toBeGreaterThanOrEqual(1400);
    expect(cam.urls.main).toBe(`rtsp://127.0.0.1:${port}/main`);
    expect(await probe(cam.urls.main, 'tcp')).toEqual([{ codec_name: 'h264', width: 320, height: 180 }]);
  });

  it('clear brings a restarting camera back early', async () => {
    const cam = fleet.cameras[1]!;
    await cam.fault({ kind: 'restart', ms: 60_000 });
    expect(await canConnect(portOf(cam.urls.main))).toBe(false);
    await cam.fault({ kind: 'clear' });
    expect(await canConnect(portOf(cam.urls.main))).toBe(true);
  });

  it('refuseAuth answers 401 to every request, even OPTIONS on a camera without auth', async () => {
    const cam = fleet.cameras[0]!;
    await cam.fault({ kind: 'refuseAuth' });
    const r = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', cam.urls.main]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/401 Unauthorized/);
    const client = await RawRtspClient.open(portOf(cam.urls.main));
    expect((await client.request('OPTIONS', cam.urls.main)).status).toBe(401);
    client.close();
    await cam.fault({ kind: 'clear' });
    expect(await probe(cam.urls.main, 'tcp')).toEqual([{ codec_name: 'h264', width: 320, height: 180 }]);
  });
});
