import type { Spread } from '../common/stats';

export interface Row {
  name: string;
  s: Spread;
  /** Shown in its own column (e.g. rows returned, p50). */
  extra?: string;
  /** p95 ≤ x, or a verdict computed elsewhere. */
  target?: { p95?: number } | { verdict: string };
}

export function verdict(r: Row): string {
  const t = r.target;
  if (!t) return '';
  if ('verdict' in t) return t.verdict;
  if (r.s.n === 0) return 'MISS (no data)';
  if (t.p95 !== undefined) return `${r.s.p95 <= t.p95 ? 'PASS' : 'MISS'} (p95 ≤ ${t.p95})`;
  return '';
}

const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : '-');

/** Sections of rows, the header lines above them and notes below. */
export function formatTable(header: string[], sections: { title: string; rows: Row[] }[], notes: string[]): string {
  const out: string[] = ['', ...header, ''];
  const all = sections.flatMap((s) => s.rows);
  const w = Math.max(44, ...all.map((r) => r.name.length));
  const head = ['n', 'min', 'p50', 'p95', 'p99', 'max'];
  for (const sec of sections) {
    out.push(`${sec.title.padEnd(w)}  ${head.map((h) => h.padStart(7)).join(' ')}  ${'rows'.padStart(5)}  target`);
    out.push('-'.repeat(w + 2 + 8 * head.length + 28));
    for (const r of sec.rows) {
      const cells = [String(r.s.n), num(r.s.min), num(r.s.p50), num(r.s.p95), num(r.s.p99), num(r.s.max)];
      out.push(
        `${r.name.padEnd(w)}  ${cells.map((c) => c.padStart(7)).join(' ')}  ${(r.extra ?? '').padStart(5)}  ${verdict(r)}`,
      );
    }
    out.push('');
  }
  for (const n of notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
