// Capacity/latency measurement of the simulator (a benchmark, not a test): starts the built CLI,
// pulls every camera's main stream with one ffmpeg client (-c copy, over TCP), and samples the
// simulator's CPU and RSS from /proc, plus its own capture→RTP-out delay from its stats log.
// Usage: node apps/camera-sim/bench/capacity.mjs <seconds> -- <camera-sim flags...>
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sep = process.argv.indexOf('--');
const seconds = Number(process.argv[2] ?? 20);
const simArgs = sep > 0 ? process.argv.slice(sep + 1) : [];
const manifestPath = join(tmpdir(), `camera-sim-bench-${process.pid}.json`);
const main = new URL('../dist/main.js', import.meta.url).pathname;
const sim = spawn('node', [main, '--rtsp-port', '0', '--manifest', manifestPath, ...simArgs], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
const stats = [];
let errText = '';
sim.stderr.setEncoding('utf8');
sim.stderr.on('data', (t) => {
  errText += t;
  for (const line of t.split('\n')) if (line.includes('"msg":"stats"')) stats.push(JSON.parse(line));
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ticks = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const childrenOf = (pid) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

const t0 = Date.now();
while (!existsSync(manifestPath)) {
  if (sim.exitCode !== null || Date.now() - t0 > 120_000) throw new Error(`sim did not start: ${errText}`);
  await sleep(200);
}
const startupMs = Date.now() - t0;
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const clients = manifest.cameras.map((c) =>
  spawn('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', c.urls.main, '-c', 'copy', '-f', 'null', '-'], {
    stdio: 'ignore',
  }),
);
await sleep(5000);
const encoders = childrenOf(sim.pid);
const simT0 = ticks(sim.pid);
const encT0 = encoders.reduce((n, p) => n + ticks(p), 0);
const w0 = Date.now();
await sleep(seconds * 1000);
const wall = (Date.now() - w0) / 1000;
const hz = 100;
const result = {
  args: simArgs.join(' '),
  cameras: manifest.cameras.length,
  clients: clients.filter((c) => c.exitCode === null).length,
  startupMs,
  simCpuPercent: +((((ticks(sim.pid) - simT0) / hz) * 100) / wall).toFixed(1),
  simRssMb: +rssMb(sim.pid).toFixed(1),
  encoderProcesses: encoders.length,
  encodersCpuPercent: +((((encoders.reduce((n, p) => n + ticks(p), 0) - encT0) / hz) * 100) / wall).toFixed(1),
  lastStats: stats.at(-1) && {
    sessions: stats.at(-1).sessions,
    delayMs: stats.at(-1).delayMs,
    framesDropped: stats.at(-1).framesDropped,
    packetsSent: stats.at(-1).packetsSent,
    packetsDropped: stats.at(-1).packetsDropped,
  },
};
for (const c of clients) c.kill('SIGTERM');
sim.kill('SIGTERM');
await new Promise((r) => sim.on('exit', r));
rmSync(manifestPath, { force: true });
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
