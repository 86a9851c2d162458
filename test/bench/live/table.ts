import type { CapacityStep } from './capacity';
import type { Spread } from '../common/stats';

export interface Row {
  name: string;
  s: Spread;
  /** p95 ≤ x, p50 ≤ x, or value ≥ x (capacity). */
  target?: { p95?: number; p50?: number; value?: number; atLeast?: boolean };
}

function verdict(r: Row): string {
  const t = r.target;
  if (!t) return '';
  if (r.s.n === 0) return 'MISS (no data)';
  if (t.p95 !== undefined) return `${r.s.p95 <= t.p95 ? 'PASS' : 'MISS'} (p95 ≤ ${t.p95})`;
  if (t.p50 !== undefined) return `${r.s.p50 <= t.p50 ? 'PASS' : 'MISS'} (p50 ≤ ${t.p50})`;
  if (t.value !== undefined) return `${r.s.max >= t.value ? 'PASS' : 'MISS'} (≥ ${t.value})`;
  return '';
}

const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : '-');

export function printReport(
  env: Record<string, unknown>,
  rows: Row[],
  notes: string[],
  errors: Record<string, string>,
  capacity: CapacityStep[],
): void {
  const out: string[] = [];
  out.push('');
  out.push(
    `live video benchmark  ${String(env.date)}  commit ${String(env.gitCommit).slice(0, 10)}${env.gitDirty ? '+dirty' : ''}`,
  );
  out.push(
    `${String(env.cpuModel)}, ${String(env.cores)} cores, ${String(env.memoryGb)} GB; node ${String(env.node)}; ${String(env.ffmpeg)}; Chromium ${String(env.chromium)}${env.quick ? '; QUICK run' : ''}`,
  );
  out.push('');
  const w = Math.max(40, ...rows.map((r) => r.name.length));
  const head = ['n', 'min', 'p50', 'p95', 'p99', 'max'];
  out.push(`${'metric'.padEnd(w)}  ${head.map((h) => h.padStart(7)).join(' ')}  target`);
  out.push('-'.repeat(w + 2 + 8 * head.length + 20));
  for (const r of rows) {
    const cells = [String(r.s.n), num(r.s.min), num(r.s.p50), num(r.s.p95), num(r.s.p99), num(r.s.max)];
    out.push(`${r.name.padEnd(w)}  ${cells.map((c) => c.padStart(7)).join(' ')}  ${verdict(r)}`);
  }
  if (capacity.length > 0) {
    out.push('');
    out.push('capacity steps (ingest CPU % of one core, p50 of 1 s samples; machine busy % of all cores):');
    for (const c of capacity)
      out.push(
        `  ${String(c.streams).padStart(4)} streams  ${c.held ? 'held    ' : 'NOT held'}  fps p50 ${num(c.fps.p50)} min ${num(c.fps.min)}  lost ${c.lostFrames}  node ${num(c.ingest.groups.node?.cpuPct.p50 ?? NaN)}%  ffmpeg ${num(c.ingest.groups.ffmpeg?.cpuPct.p50 ?? NaN)}%  sim ${num((c.sim.groups.node?.cpuPct.p50 ?? 0) + (c.sim.groups.ffmpeg?.cpuPct.p50 ?? 0))}%  client ${num(c.benchClientCpuPct)}%  machine ${num(c.machineBusyPct.p50)}%  others ${num(c.foreignCorePct.p50)}%${c.why.length ? `  (${c.why.join('; ')})` : ''}${c.warnings.length ? `  [${c.warnings.join('; ')}]` : ''}`,
      );
  }
  for (const n of notes) out.push(`note: ${n}`);
  for (const [k, v] of Object.entries(errors)) out.push(`ERROR in ${k}: ${v.split('\n')[0]}`);
  process.stdout.write(out.join('\n') + '\n');
}
