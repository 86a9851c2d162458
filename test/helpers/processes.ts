import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Starts a child and resolves when a line of its output matches `ready`; rejects if it exits first. */
export async function startProcess(
  cmd: string,
  args: string[],
  ready: RegExp,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ child: ChildProcess; output: () => string; match: RegExpMatchArray }> {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${cmd} not ready after ${opts.timeoutMs ?? 30_000} ms:\n${out}`)),
      opts.timeoutMs ?? 30_000,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before it was ready:\n${out}`));
    });
  });
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-65536)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-65536)));
  return { child, output: () => out, match };
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}
