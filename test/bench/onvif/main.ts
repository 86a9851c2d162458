/**
 * `pnpm bench:onvif [--cameras 100] [--runs 5]`: how long ingest's ONVIF adapter takes to discover
 * a fleet of simulated cameras and to onboard them all (clock, capabilities, device information,
 * profiles with stream and snapshot URIs). Targets on the 2-core machine: discovery <= 3 s,
 * onboarding <= 10 s for 100 cameras. The fleet runs in loop mode (one pre-encoded clip; ONVIF does
 * not depend on the picture) in this same process, so the figures include the simulator's CPU.
 * Discovery is measured twice: unicast probes to a port range on loopback, and multicast inside a
 * private network namespace (scripts/netns-run.sh, re-running this script), when that is possible.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFleet, type Fleet } from '@cctv/camera-sim';
import { connectOnvifDevice, probeMulticast, probeUnicast, parseTargets } from '../../../apps/ingest/src/onvif/index';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    'multicast-child': { type: 'boolean', default: false },
  },
});
const N = Number(values.cameras);
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const credentials = { username: 'admin', password: 'bench-secret' };

async function fleetOf(n: number, base: number, discovery: boolean): Promise<Fleet> {
  return startFleet({
    cameras: n,
    rtspPort: 0,
    onvifPort: base,
    discovery,
    mode: 'loop',
    loopSeconds: 1,
    main: { width: 320, height: 180 },
    sub: { width: 160, height: 90 },
    credentials,
    logLevel: 'error',
  });
}

/** Milliseconds until `n` distinct cameras answered (or Infinity at the timeout). */
async function timeDiscovery(
  n: number,
  probe: (o: { onDevice: () => void; signal: AbortSignal }) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  let found = 0;
  let at = Number.POSITIVE_INFINITY;
  const stop = new AbortController();
  await probe({
    signal: stop.signal,
    onDevice: () => {
      if (++found === n) {
        at = performance.now() - started;
        stop.abort();
      }
    },
  });
  return at;
}

if (values['multicast-child']) {
  // Inside the private namespace: a fresh fleet, multicast probes, one JSON line out.
  const fleet = await fleetOf(N, 30_000, true);
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    times.push(await timeDiscovery(N, (o) => probeMulticast({ ...o, timeoutMs: 5000, bindAddress: '127.0.0.1' })));
  }
  await fleet.stop();
  process.stdout.write(JSON.stringify({ multicastMs: times }) + '\n');
  process.exit(0);
}

async function onboardAll(fleet: Fleet): Promise<{ ms: number; failures: number }> {
  const urls = fleet.manifest().cameras.map((c) => c.onvif!);
  const started = performance.now();
  let failures = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        try {
          const d = await connectOnvifDevice({ url, credentials, timeoutMs: 5000 });
          await d.getDeviceInformation();
          const p = await d.getProfiles();
          if (!p.main.streamUri.startsWith('rtsp://') || !p.sub) failures++;
          await d.close();
        } catch {
          failures++;
        }
      }
    }),
  );
  return { ms: performance.now() - started, failures };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]!, runs: s.length };
};

const base = 31_000;
process.stderr.write(`starting ${N} simulated cameras...\n`);
const fleet = await fleetOf(N, base, false);
const unicast: number[] = [];
const onboarding: number[] = [];
let failures = 0;
try {
  const targets = parseTargets(`127.0.0.1:${base}-${base + N - 1}`);
  for (let r = 0; r < RUNS; r++) {
    unicast.push(await timeDiscovery(N, (o) => probeUnicast(targets, { ...o, timeoutMs: 5000 })));
    const o = await onboardAll(fleet);
    onboarding.push(o.ms);
    failures += o.failures;
  }
} finally {
  await fleet.stop();
}

let multicast: number[] | null = null;
const child = spawnSync(
  'bash',
  [
    'scripts/netns-run.sh',
    process.execPath,
    process.argv[1]!,
    '--multicast-child',
    '--cameras',
    String(N),
    '--runs',
    String(RUNS),
  ],
  {
    encoding: 'utf8',
    timeout: 120_000,
  },
);
// JSON has no Infinity: a run that did not find every camera comes back as null.
if (child.status === 0) {
  const parsed = JSON.parse(child.stdout.trim().split('\n').pop()!) as { multicastMs: Array<number | null> };
  multicast = parsed.multicastMs.map((x) => x ?? Number.POSITIVE_INFINITY);
} else
  process.stderr.write(
    `multicast discovery not measured (no private network namespace here): ${child.stderr.slice(0, 300)}\n`,
  );

const result = {
  bench: 'onvif',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', node: process.version },
  cameras: N,
  concurrency: CONCURRENCY,
  discoveryUnicastMs: stats(unicast),
  discoveryMulticastMs: multicast ? stats(multicast) : null,
  onboardingMs: stats(onboarding),
  onboardingFailures: failures,
  targets: { discoveryMs: 3000, onboardingMs: 10_000 },
};
mkdirSync('bench-results', { recursive: true });
const file = join('bench-results', `onvif-${result.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');

const row = (what: string, s: ReturnType<typeof stats> | null, target: number): string =>
  s
    ? `| ${what.padEnd(34)} | ${s.min.toFixed(0).padStart(6)} | ${s.median.toFixed(0).padStart(6)} | ${s.max.toFixed(0).padStart(6)} | ${String(target).padStart(6)} | ${s.max <= target ? 'yes' : 'NO '} |`
    : `| ${what.padEnd(34)} |    n/a |    n/a |    n/a | ${String(target).padStart(6)} | n/a |`;
process.stdout.write(
  [
    `ONVIF bench: ${N} cameras, ${RUNS} runs, onboarding concurrency ${CONCURRENCY}, ${result.machine.cpus} CPUs`,
    '| what (ms)                          |    min | median |    max | target | met |',
    '| ---------------------------------- | -----: | -----: | -----: | -----: | --- |',
    row('discover all (unicast port range)', result.discoveryUnicastMs, 3000),
    row('discover all (multicast, netns)', result.discoveryMulticastMs, 3000),
    row('onboard all (profiles + URIs)', result.onboardingMs, 10_000),
    `onboarding failures: ${failures}`,
    `written: ${file}`,
  ].join('\n') + '\n',
);
process.exit(failures > 0 ? 1 : 0);
