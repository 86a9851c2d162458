/**
 * Multicast WS-Discovery inside a private network namespace (loopback only, multicast on, a route
 * for 239.0.0.0/8): no packet leaves the machine. The probe script is bundled with esbuild (npm
 * packages resolve from the root node_modules) and run by scripts/netns-run.sh.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fleet';

const outfile = join(repoRoot, '.var/test/onvif-multicast-probe.mjs');

beforeAll(async () => {
  mkdirSync(join(repoRoot, '.var/test'), { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'test/integration/onvif/multicastProbe.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.path.startsWith('@cctv/') ? undefined : { path: a.path, external: true },
          );
        },
      },
    ],
    logLevel: 'warning',
  });
});

describe('multicast discovery in a private network namespace', () => {
  it('finds every camera of the fleet once, with name, make and model', () => {
    const run = spawnSync(join(repoRoot, 'scripts/netns-run.sh'), [process.execPath, outfile, '3'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      expected: Array<{ name: string; xaddr: string }>;
      found: Array<{ name?: string; make?: string; model?: string; xaddrs: string[] }>;
    };
    expect(result.found).toHaveLength(3);
    expect(
      result.found
        .map((d) => ({ name: d.name, xaddr: d.xaddrs[0] ?? '' }))
        .sort((a, b) => a.xaddr.localeCompare(b.xaddr)),
    ).toEqual([...result.expected].sort((a, b) => a.xaddr.localeCompare(b.xaddr)));
    expect(result.found.every((d) => d.make === 'CCTV-Sim' && d.model === 'SimCam PTZ 1080')).toBe(true);
  });
});
