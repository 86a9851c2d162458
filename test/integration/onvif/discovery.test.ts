/**
 * Unicast and range WS-Discovery on loopback against the simulator: each camera answers on its own
 * UDP port, so a port range on 127.0.0.1 plays the part of an address range on another subnet.
 * (Multicast is tested inside a private network namespace: multicast.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '@cctv/camera-sim';
import { parseTargets, probeUnicast } from '../../../apps/ingest/src/onvif/index';

let fleet: Fleet;
// A fixed base so the cameras sit on consecutive ports (ephemeral ports would be scattered).
const base = 20_000 + Math.floor(Math.random() * 20_000);

beforeAll(async () => {
  fleet = await startFleet({
    cameras: 4,
    rtspPort: 0,
    onvifPort: base,
    discovery: false,
    mode: 'loop',
    loopSeconds: 1,
    main: { width: 160, height: 90 },
    sub: null,
    logLevel: 'warn',
  });
});

afterAll(async () => {
  await fleet?.stop();
});

describe('unicast discovery', () => {
  it('finds one camera at one address and port', async () => {
    const cam = fleet.manifest().cameras[0]!;
    const { devices } = await probeUnicast([{ host: '127.0.0.1', port: cam.discoveryPort! }], { timeoutMs: 500 });
    expect(devices).toEqual([
      expect.objectContaining({
        address: '127.0.0.1',
        xaddrs: [cam.onvif],
        name: cam.name,
        make: 'CCTV-Sim',
        model: 'SimCam PTZ 1080',
        endpoint: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      }),
    ]);
  });

  it('finds every camera of a range once, whatever else is in the range', async () => {
    expect(fleet.manifest().cameras.map((c) => c.discoveryPort)).toEqual([base, base + 1, base + 2, base + 3]);
    const spec = `127.0.0.1:${base - 2}-${base + 5}`;
    const targets = parseTargets(spec);
    // Probing twice in one call must not list a camera twice (de-duplicated by endpoint reference).
    const { devices } = await probeUnicast([...targets, ...targets], { timeoutMs: 800 });
    expect(devices.map((d) => d.xaddrs[0]).sort()).toEqual(
      fleet
        .manifest()
        .cameras.map((c) => c.onvif)
        .sort(),
    );
  });

  it('does not list a camera that is rebooting', async () => {
    const cam = fleet.manifest().cameras[1]!;
    await fleet.cameras[1]!.fault({ kind: 'reboot', ms: 60_000 });
    try {
      const { devices } = await probeUnicast([{ host: '127.0.0.1', port: cam.discoveryPort! }], { timeoutMs: 400 });
      expect(devices).toEqual([]);
    } finally {
      await fleet.cameras[1]!.fault({ kind: 'clear' });
    }
  });
});
