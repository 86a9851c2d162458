import { connectMedia, subscribe } from './client';
import { cpus } from 'node:os';
import { MachineSampler, TreeSampler, type TreeReport } from './procs';
import { ingestConfig, startIngest, waitLive, type Sim } from './services';
import { sleep, spread, type Spread } from '../common/stats';

export interface CapacityStep {
  streams: number;
  held: boolean;
  why: string[];
  /** Conditions worth knowing that do not make the step fail (load from other processes). */
  warnings: string[];
  windowS: number;
  lostFrames: number;
  droppedNotices: number;
  fps: Spread;
  ingest: TreeReport;
  sim: TreeReport;
  machineBusyPct: Spread;
  foreignCorePct: Spread;
  benchClientCpuPct: number;
  perStream: ReturnType<typeof perStream>;
}

interface Counter {
  frames: number;
  last: number;
  lost: number;
  dropped: number;
  unacked: number;
}

/** Divides a group's per-interval figures by the stream count: per-stream spread. */
export function perStream(report: TreeReport, n: number) {
  const g = (name: string) => report.groups[name];
  const div = (xs: number[] | undefined) => spread((xs ?? []).map((x) => x / n));
  return {
    nodeCpuPct: div(g('node')?.cpuPctRaw),
    ffmpegCpuPct: div(g('ffmpeg')?.cpuPctRaw),
    nodeRssMb: div(g('node')?.rssMbRaw),
    ffmpegRssMb: div(g('ffmpeg')?.rssMbRaw),
    nodePssMb: div(g('node')?.pssMbRaw),
    ffmpegPssMb: div(g('ffmpeg')?.pssMbRaw),
  };
}

/**
 * One step: ingest pulls `n` looped 1 Mbit/s streams (always), one typed Socket.IO client subscribes
 * to all of them and acknowledges like the console (every 4 frames or 100 ms), counts frames and seq gaps.
 */
export async function capacityStep(sim: Sim, n: number, windowMs: number, fps: number): Promise<CapacityStep> {
  const cams = sim.cameras.slice(0, n);
  const ingest = await startIngest(ingestConfig(cams, { mainPull: 'always' }));
  const why: string[] = [];
  const warnings: string[] = [];
  try {
    const ids = cams.map((c) => `${c.id}:main`);
    await waitLive(ingest.url, ids, 60_000 + n * 500);
    const media = await connectMedia(ingest.url, ingest.session?.token ?? null);
    try {
      const counters = new Map<string, Counter>(
        ids.map((id) => [id, { frames: 0, last: -1, lost: 0, dropped: 0, unacked: -1 }]),
      );
      let counting = false;
      media.on('stream:frameArrived', (f) => {
        const c = counters.get(f.streamId);
        if (!c) return;
        if (counting) {
          c.frames++;
          if (c.last >= 0 && f.seq !== c.last + 1) c.lost += Math.max(0, f.seq - c.last - 1);
        }
        c.last = f.seq;
        c.unacked = f.seq;
        if (f.seq % 4 === 0) {
          media.emit('stream:acknowledge', { streamId: f.streamId, seq: f.seq });
          c.unacked = -1;
        }
      });
      media.on('stream:framesDropped', (d) => {
        const c = counters.get(d.streamId);
        if (c && counting) c.dropped += d.count;
      });
      const acker = setInterval(() => {
        for (const [id, c] of counters)
          if (c.unacked >= 0) {
            media.emit('stream:acknowledge', { streamId: id, seq: c.unacked });
            c.unacked = -1;
          }
      }, 100);
      try {
        for (const id of ids) {
          await subscribe(media, id);
        }
        await sleep(3000);
        const ingestS = new TreeSampler('ingest', ingest.child.pid!).start();
        const simS = new TreeSampler('camera-sim', sim.child.pid!).start();
        const machine = new MachineSampler().start();
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        counting = true;
        await sleep(windowMs);
        counting = false;
        const windowS = (performance.now() - t0) / 1000;
        const cpu1 = process.cpuUsage(cpu0);
        const ingestR = ingestS.stop();
        const simR = simS.stop();
        const { busy, foreignCorePct } = machine.stopAll();
        const rates = [...counters.values()].map((c) => c.frames / windowS);
        const lost = [...counters.values()].reduce((a, c) => a + c.lost, 0);
        const dropped = [...counters.values()].reduce((a, c) => a + c.dropped, 0);
        const fpsS = spread(rates);
        if (lost > 0) why.push(`${lost} frames lost (seq gaps)`);
        if (dropped > 0) why.push(`${dropped} frames skipped by flow control`);
        if (fpsS.min < fps * 0.9) why.push(`slowest stream at ${fpsS.min.toFixed(1)} fps (source ${fps})`);
        // Saturation is judged on this benchmark's own processes (ingest, camera-sim, the client): on a
        // shared machine other work can fill the CPU, which is reported (foreignCorePct) but is not ours.
        const oursPct = busy.p50 * cpus().length - foreignCorePct.p50;
        if (oursPct > 90 * cpus().length)
          why.push(`CPU saturated by ingest, camera-sim and the client (${oursPct.toFixed(0)} % of one core)`);
        if (busy.p50 > 95 && lost + dropped === 0)
          warnings.push(
            `machine ${busy.p50.toFixed(0)} % busy, ${foreignCorePct.p50.toFixed(0)} % of a core from other processes`,
          );
        return {
          streams: n,
          held: why.length === 0,
          why,
          warnings,
          windowS: Math.round(windowS * 100) / 100,
          lostFrames: lost,
          droppedNotices: dropped,
          fps: fpsS,
          ingest: ingestR,
          sim: simR,
          machineBusyPct: busy,
          foreignCorePct,
          benchClientCpuPct: Math.round(((cpu1.user + cpu1.system) / 1e6 / windowS) * 10000) / 100,
          perStream: perStream(ingestR, n),
        };
      } finally {
        clearInterval(acker);
      }
    } finally {
      media.close();
    }
  } finally {
    await ingest.stop();
  }
}
