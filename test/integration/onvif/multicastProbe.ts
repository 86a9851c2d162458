/**
 * Run inside a private network namespace (scripts/netns-run.sh) by multicast.test.ts: starts a
 * small fleet with its multicast responder, runs a multicast probe, prints one JSON line.
 */
import { startFleet } from '@cctv/camera-sim';
import { probeMulticast } from '../../../apps/ingest/src/onvif/index';

const cameras = Number(process.argv[2] ?? '3');
const fleet = await startFleet({
  cameras,
  rtspPort: 0,
  onvifPort: 0,
  discovery: true,
  mode: 'loop',
  loopSeconds: 1,
  main: { width: 160, height: 90 },
  sub: null,
  logLevel: 'warn',
});
try {
  const result = await probeMulticast({ timeoutMs: 1500, bindAddress: '127.0.0.1' });
  const expected = fleet.manifest().cameras.map((c) => ({ name: c.name, xaddr: c.onvif }));
  process.stdout.write(JSON.stringify({ expected, found: result.devices, ignored: result.ignored }) + '\n');
} finally {
  await fleet.stop();
}
