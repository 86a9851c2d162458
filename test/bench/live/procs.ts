import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { spread, type Spread } from '../common/stats';

/** Every child the benchmark started: all are stopped on exit, on errors and on Ctrl-C. */
const children = new Set<ChildProcess>();

export function spawnTracked(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.add(child);
  child.once('exit', () => children.delete(child));
  // Keep a short tail of the output for error messages; never let a full pipe block the child.
  const tail: string[] = [];
  const keep = (d: Buffer) => {
    tail.push(d.toString());
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  (child as ChildProcess & { tail: () => string }).tail = () => tail.join('').slice(-4000);
  return child;
}

export function outputTail(child: ChildProcess): string {
  return (child as ChildProcess & { tail?: () => string }).tail?.() ?? '';
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c).catch(() => undefined)));
}

/** Last resort (process exit): no awaiting possible, so kill hard. */
export function killAllChildrenNow(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

// ---- /proc sampling -------------------------------------------------------------------------

const CLK_TCK = 100; // USER_HZ on Linux (getconf CLK_TCK)

interface ProcInfo {
  comm: string;
  ticks: number;
  rssKb: number;
  pssKb: number;
}

function readProc(pid: number, readPss = true): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14, stime field 15.
    const ticks = Number(f[11]) + Number(f[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    // PSS shares each shared page (ffmpeg's libraries, node's binary) among the processes that map it,
    // so the sum over processes is the memory really used; RSS counts shared pages in every process.
    let pssKb = 0;
    if (readPss)
      try {
        const p = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        pssKb = p ? Number(p[1]) : 0;
      } catch {
        // no smaps_rollup (old kernel): PSS stays 0
      }
    return { comm, ticks, rssKb: m ? Number(m[1]) : 0, pssKb };
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
        if (c) out.push(Number(c));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** The pid and all its descendants (bounded depth and count). */
export function processTree(root: number): { pid: number; depth: number }[] {
  const out: { pid: number; depth: number }[] = [];
  const queue = [{ pid: root, depth: 0 }];
  while (queue.length > 0 && out.length < 2000) {
    const p = queue.shift()!;
    out.push(p);
    if (p.depth < 6) for (const c of childPids(p.pid)) queue.push({ pid: c, depth: p.depth + 1 });
  }
  return out;
}

/** Per-group figures over a window: CPU in % of one core per interval, RSS in MB per interval. */
export interface GroupFigures {
  cpuPct: number[];
  rssMb: number[];
  pssMb: number[];
  processes: number[];
}

export interface TreeReport {
  label: string;
  intervalMs: number;
  groups: Record<
    string,
    {
      cpuPct: Spread;
      rssMb: Spread;
      pssMb: Spread;
      processes: Spread;
      cpuPctRaw: number[];
      rssMbRaw: number[];
      pssMbRaw: number[];
    }
  >;
}

/**
 * Samples a process tree every `intervalMs`: CPU from utime+stime deltas, RSS from VmRSS, summed per
 * group. Groups: the root process is `node` (or `root`), descendants by their command name.
 */
export class TreeSampler {
  private prev = new Map<number, number>();
  private prevAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly figures = new Map<string, GroupFigures>();

  constructor(
    readonly label: string,
    private readonly rootPid: number,
    private readonly groupOf: (comm: string, depth: number) => string = (comm, depth) => (depth === 0 ? 'node' : comm),
    private readonly intervalMs = 1000,
    /**
     * Read PSS (smaps_rollup). Off for Chromium: walking a big process's page tables holds its memory-map
     * lock, and once a second that stalled the page being measured (16-tile p95 rose by tens of ms).
     */
    private readonly readPss = true,
  ) {}

  start(): this {
    this.tick(true);
    this.timer = setInterval(() => this.tick(false), this.intervalMs);
    return this;
  }

  stop(): TreeReport {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.tick(false);
    const groups: TreeReport['groups'] = {};
    for (const [g, f] of this.figures)
      groups[g] = {
        cpuPct: spread(f.cpuPct),
        rssMb: spread(f.rssMb),
        pssMb: spread(f.pssMb),
        processes: spread(f.processes),
        cpuPctRaw: f.cpuPct.map((x) => Math.round(x * 100) / 100),
        rssMbRaw: f.rssMb.map((x) => Math.round(x * 10) / 10),
        pssMbRaw: f.pssMb.map((x) => Math.round(x * 10) / 10),
      };
    return { label: this.label, intervalMs: this.intervalMs, groups };
  }

  private tick(first: boolean): void {
    const now = performance.now();
    const dt = (now - this.prevAt) / 1000;
    const ticks = new Map<string, number>();
    const rss = new Map<string, number>();
    const pss = new Map<string, number>();
    const count = new Map<string, number>();
    const next = new Map<number, number>();
    for (const { pid, depth } of processTree(this.rootPid)) {
      const info = readProc(pid, this.readPss);
      if (!info) continue;
      const g = this.groupOf(info.comm, depth);
      next.set(pid, info.ticks);
      const before = this.prev.get(pid) ?? (first ? info.ticks : 0);
      ticks.set(g, (ticks.get(g) ?? 0) + Math.max(0, info.ticks - before));
      rss.set(g, (rss.get(g) ?? 0) + info.rssKb);
      pss.set(g, (pss.get(g) ?? 0) + info.pssKb);
      count.set(g, (count.get(g) ?? 0) + 1);
    }
    this.prev = next;
    this.prevAt = now;
    if (first || dt < this.intervalMs / 4000) return;
    for (const [g, t] of ticks) {
      let f = this.figures.get(g);
      if (!f) this.figures.set(g, (f = { cpuPct: [], rssMb: [], pssMb: [], processes: [] }));
      f.cpuPct.push(((t / CLK_TCK) * 100) / dt);
      f.rssMb.push(rss.get(g)! / 1024);
      f.pssMb.push(pss.get(g)! / 1024);
      f.processes.push(count.get(g)!);
    }
  }
}

/**
 * Whole-machine CPU busy share (all cores), sampled from /proc/stat, and the share of it that is not
 * this benchmark's process tree (other work on a shared machine), in % of one core.
 */
export class MachineSampler {
  private prev: { busy: number; total: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  readonly busyPct: number[] = [];
  private ours = new TreeSampler('bench', process.pid, () => 'all', 1000, false);

  private static read(): { busy: number; total: number } {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  }

  start(intervalMs = 1000): this {
    this.ours = new TreeSampler('bench', process.pid, () => 'all', intervalMs, false).start();
    this.prev = MachineSampler.read();
    this.timer = setInterval(() => {
      const cur = MachineSampler.read();
      if (this.prev && cur.total > this.prev.total)
        this.busyPct.push(((cur.busy - this.prev.busy) * 100) / (cur.total - this.prev.total));
      this.prev = cur;
    }, intervalMs);
    return this;
  }

  stop(): Spread {
    return this.stopAll().busy;
  }

  /** busy: % of all cores; foreign: % of one core used by processes outside this benchmark's tree. */
  stopAll(): { busy: Spread; foreignCorePct: Spread } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const ours = this.ours.stop().groups.all?.cpuPctRaw ?? [];
    const cores = cpus().length;
    const n = Math.min(ours.length, this.busyPct.length);
    const foreign = Array.from({ length: n }, (_, i) => Math.max(0, this.busyPct[i]! * cores - ours[i]!));
    return { busy: spread(this.busyPct), foreignCorePct: spread(foreign) };
  }
}
