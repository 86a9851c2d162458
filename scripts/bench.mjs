// Runs a benchmark: `pnpm bench:live [--quick]`. Bundles test/bench/<name>/main.ts with esbuild (npm
// packages stay external, workspace packages are bundled) and runs it with node, after making sure the workspace is installed and built.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const [name, ...args] = process.argv.slice(2);
if (!name) {
  process.stderr.write('usage: node scripts/bench.mjs <live|...> [args]\n');
  process.exit(2);
}
if (!process.env.CCTV_BENCH_SKIP_SETUP) {
  const setup = spawnSync('bash', ['scripts/setup.sh', '--test'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}
mkdirSync('.var/bench', { recursive: true });
const outfile = `.var/bench/${name}.mjs`;
await build({
  entryPoints: [`test/bench/${name}/main.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // npm packages stay external; workspace packages (TypeScript sources) are bundled.
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
const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
