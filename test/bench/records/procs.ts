import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';

/** Every child the benchmark started: all are stopped on exit, on errors and on Ctrl-C. */
const children = new Set<ChildProcess>();
const tails = new WeakMap<ChildProcess, string[]>();

export function spawnTracked(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.add(child);
  child.once('exit', () => children.delete(child));
  // Keep a short tail of the output for error messages; never let a full pipe block the child.
  const tail: string[] = [];
  tails.set(child, tail);
  const keep = (d: Buffer) => {
    tail.push(d.toString());
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

export const outputTail = (child: ChildProcess): string => (tails.get(child) ?? []).join('').slice(-4000);

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

/** CPU time (user + system, ms) of a process so far, from /proc. */
export function cpuMsOf(pid: number | undefined, readFile: (p: string) => string): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFile(`/proc/${pid}/stat`);
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
  } catch {
    return Number.NaN;
  }
}
