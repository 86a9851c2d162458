// Live distribution and sustained writes through the real service: consoles signed in over Socket.IO,
// incidents created with `incident:create`, changes received as `incident:changed`. Every time is
// performance.now() in this one process (the senders and the receivers share its clock).
import type { CreateIncidentRequest, Incident } from '@cctv/protocol';
import { readFileSync } from 'node:fs';
import { cpuMsOf } from './procs';
import { ask, type ControlSocket } from './service';
import { sleep, spread, type Spread } from '../common/stats';
import { incidentAt, type Rand } from './vocab';

/** A realistic new, open incident (started a few minutes ago) whose location carries a unique marker. */
export function newIncident(r: Rand, categories: readonly string[], marker: string): CreateIncidentRequest {
  const s = incidentAt(r, Date.now() - 5 * 60_000, categories, true);
  return {
    ...s.fields,
    endedAt: null,
    outcome: null,
    outcomeNotes: '',
    location: `${s.fields.location} [${marker}]`.slice(0, 200),
    narrative: s.lines[0]!.text,
  };
}

const markerOf = (i: Incident): string | undefined => /\[(bench-[^\]]+)\]$/.exec(i.location)?.[1];

/** Receives `incident:changed` on every console and notes when each marked incident arrived. */
export class Arrivals {
  /** marker → one arrival time per console index. */
  readonly at = new Map<string, Float64Array>();
  constructor(private readonly consoles: ControlSocket[]) {
    consoles.forEach((s, idx) =>
      s.on('incident:changed', (i) => {
        const now = performance.now();
        const m = markerOf(i);
        if (!m) return;
        let row = this.at.get(m);
        if (!row) {
          row = new Float64Array(consoles.length).fill(Number.NaN);
          this.at.set(m, row);
        }
        if (Number.isNaN(row[idx]!)) row[idx] = now;
      }),
    );
  }

  complete(marker: string): boolean {
    const row = this.at.get(marker);
    return row !== undefined && row.every((t) => !Number.isNaN(t));
  }

  stop(): void {
    for (const s of this.consoles) s.off('incident:changed');
  }
}

export interface ProcessCpu {
  /** % of one core over the phase. */
  ingestCpuPct: number;
  benchCpuPct: number;
}

function cpuMeter(ingestPid: number | undefined) {
  const rf = (p: string) => readFileSync(p, 'utf8');
  const t0 = performance.now();
  const i0 = cpuMsOf(ingestPid, rf);
  const b0 = process.cpuUsage();
  return (): ProcessCpu => {
    const dt = performance.now() - t0;
    const b = process.cpuUsage(b0);
    return {
      ingestCpuPct: Math.round(((cpuMsOf(ingestPid, rf) - i0) / dt) * 1000) / 10,
      benchCpuPct: Math.round(((b.user + b.system) / 1000 / dt) * 1000) / 10,
    };
  };
}

/** Sends `total` calls at `ratePerS`, open loop (on schedule, not waiting for answers); bounded by `deadlineMs`. */
async function openLoop(
  ratePerS: number,
  total: number,
  deadlineMs: number,
  send: (k: number) => void,
): Promise<{ sent: number; lateMs: number[] }> {
  const t0 = performance.now();
  const lateMs: number[] = [];
  let k = 0;
  while (k < total && performance.now() - t0 < deadlineMs) {
    const due = t0 + (k * 1000) / ratePerS;
    const now = performance.now();
    if (now < due) {
      await sleep(Math.max(0, Math.min(20, due - now - 1)));
      continue;
    }
    lateMs.push(now - due);
    send(k++);
  }
  return { sent: k, lateMs };
}

export interface FanoutResult {
  consoles: number;
  ratePerS: number;
  seconds: number;
  creates: number;
  acked: number;
  errors: string[];
  /** create call → each console's `incident:changed`. */
  perDeliveryMs: Spread;
  /** create call → the last of the consoles to receive it. */
  perCreateWorstMs: Spread;
  ackMs: Spread;
  missingDeliveries: number;
  cpu: ProcessCpu;
}

/** One operator creates incidents at a steady rate; every console's arrival is timed. */
export async function fanout(
  creator: ControlSocket,
  consoles: ControlSocket[],
  r: Rand,
  categories: readonly string[],
  o: { ratePerS: number; seconds: number; tag: string; ingestPid?: number },
): Promise<FanoutResult> {
  const arrivals = new Arrivals(consoles);
  const sentAt = new Map<string, number>();
  const ackMs: number[] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const meter = cpuMeter(o.ingestPid);
  const total = Math.round(o.ratePerS * o.seconds);
  const { sent } = await openLoop(o.ratePerS, total, o.seconds * 1000 + 10_000, (k) => {
    const marker = `bench-${o.tag}-${k}`;
    const body = newIncident(r, categories, marker);
    const t = performance.now();
    sentAt.set(marker, t);
    pending.push(
      ask(creator, 'incident:create', body, 30_000).then(
        (a) => {
          if (a.ok) ackMs.push(performance.now() - t);
          else errors.push(`${a.error.code}: ${a.error.message}`);
        },
        (e: unknown) => void errors.push(String(e)),
      ),
    );
  });
  await Promise.all(pending);
  // Every delivery, or 15 s.
  const until = performance.now() + 15_000;
  while (performance.now() < until && ![...sentAt.keys()].every((m) => arrivals.complete(m))) await sleep(50);
  const cpu = meter();
  arrivals.stop();
  const perDelivery: number[] = [];
  const worst: number[] = [];
  let missing = 0;
  for (const [m, t] of sentAt) {
    const row = arrivals.at.get(m);
    let w = 0;
    for (let i = 0; i < consoles.length; i++) {
      const a = row?.[i];
      if (a === undefined || Number.isNaN(a)) {
        missing++;
        w = Number.POSITIVE_INFINITY;
        continue;
      }
      perDelivery.push(a - t);
      w = Math.max(w, a - t);
    }
    worst.push(w);
  }
  return {
    consoles: consoles.length,
    ratePerS: o.ratePerS,
    seconds: o.seconds,
    creates: sent,
    acked: ackMs.length,
    errors: errors.slice(0, 20),
    perDeliveryMs: spread(perDelivery),
    perCreateWorstMs: spread(worst.filter(Number.isFinite)),
    ackMs: spread(ackMs),
    missingDeliveries: missing,
    cpu,
  };
}

export interface WritesResult {
  writers: number;
  perWriterPerS: number;
  seconds: number;
  targetPerS: number;
  sent: number;
  acked: number;
  errors: string[];
  /** Acknowledged writes ÷ (last acknowledgement − first send). */
  achievedPerS: number;
  /** Acknowledgements per whole second of the run. */
  ackedPerSecond: Spread;
  ackMs: Spread;
  /** How late the sender was against its schedule (the bench's own event loop). */
  sendLateMs: Spread;
  /** Time from the last scheduled send to the last acknowledgement. */
  drainMs: number;
  /** Consoles connected during the run, and their receive latency (create call → `incident:changed`). */
  consoles: number;
  deliveryMs: Spread;
  missingDeliveries: number;
  holds: boolean;
  cpu: ProcessCpu;
}

/** `writers` operators each create incidents at `perWriterPerS` for `seconds`, open loop. */
export async function sustainedWrites(
  writers: ControlSocket[],
  consoles: ControlSocket[],
  r: Rand,
  categories: readonly string[],
  o: { perWriterPerS: number; seconds: number; tag: string; ingestPid?: number },
): Promise<WritesResult> {
  const rate = writers.length * o.perWriterPerS;
  const total = Math.round(rate * o.seconds);
  const arrivals = new Arrivals(consoles);
  const ackMs: number[] = [];
  const ackTimes: number[] = [];
  const sentAt = new Map<string, number>();
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  // Bodies are made before the clock starts, so the sender only sends.
  const bodies = Array.from({ length: total }, (_, k) => newIncident(r, categories, `bench-${o.tag}-${k}`));
  const meter = cpuMeter(o.ingestPid);
  const t0 = performance.now();
  const { sent, lateMs } = await openLoop(rate, total, o.seconds * 1000 + 30_000, (k) => {
    const t = performance.now();
    sentAt.set(`bench-${o.tag}-${k}`, t);
    pending.push(
      ask(writers[k % writers.length]!, 'incident:create', bodies[k]!, 60_000).then(
        (a) => {
          const now = performance.now();
          if (a.ok) {
            ackMs.push(now - t);
            ackTimes.push(now - t0);
          } else errors.push(`${a.error.code}: ${a.error.message}`);
        },
        (e: unknown) => void errors.push(String(e)),
      ),
    );
  });
  const lastSend = performance.now();
  await Promise.all(pending);
  const lastAck = performance.now();
  const until = performance.now() + 15_000;
  while (performance.now() < until && ![...sentAt.keys()].every((m) => arrivals.complete(m))) await sleep(50);
  const cpu = meter();
  arrivals.stop();
  const perSecond = new Array<number>(Math.ceil(o.seconds)).fill(0);
  for (const t of ackTimes) {
    const s = Math.floor(t / 1000);
    if (s < perSecond.length) perSecond[s]!++;
  }
  const delivery: number[] = [];
  let missing = 0;
  for (const [m, t] of sentAt) {
    const row = arrivals.at.get(m);
    for (let i = 0; i < consoles.length; i++) {
      const a = row?.[i];
      if (a === undefined || Number.isNaN(a)) missing++;
      else delivery.push(a - t);
    }
  }
  const achieved = ackMs.length / ((lastAck - t0) / 1000);
  const drainMs = lastAck - lastSend;
  return {
    writers: writers.length,
    perWriterPerS: o.perWriterPerS,
    seconds: o.seconds,
    targetPerS: rate,
    sent,
    acked: ackMs.length,
    errors: errors.slice(0, 20),
    achievedPerS: Math.round(achieved * 10) / 10,
    ackedPerSecond: spread(perSecond),
    ackMs: spread(ackMs),
    sendLateMs: spread(lateMs),
    drainMs: Math.round(drainMs),
    consoles: consoles.length,
    deliveryMs: spread(delivery),
    missingDeliveries: missing,
    // Held: every write acknowledged, at ≥ 98 % of the target rate over the run, and no backlog left
    // (the last acknowledgement within a second of the last send).
    holds: errors.length === 0 && ackMs.length === total && achieved >= rate * 0.98 && drainMs < 1000,
    cpu,
  };
}
