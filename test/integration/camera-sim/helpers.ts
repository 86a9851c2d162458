/**
 * Helpers for the camera-sim integration tests: run the real ffmpeg/ffprobe against the fleet,
 * speak raw RTSP where a test needs to see the protocol itself, and wait for conditions with a
 * deadline instead of sleeping.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a program with an argument array; kills it at the deadline. */
export function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr });
    });
  });
}

export type RtspTransport = 'tcp' | 'udp';

export interface ProbedStream {
  codec_name: string;
  width: number;
  height: number;
}

export async function probe(url: string, transport: RtspTransport): Promise<ProbedStream[]> {
  const r = await run('ffprobe', [
    '-v',
    'error',
    '-rtsp_transport',
    transport,
    '-show_entries',
    'stream=codec_name,width,height',
    '-of',
    'json',
    url,
  ]);
  if (r.code !== 0) throw new Error(`ffprobe failed (${r.code}): ${r.stderr}`);
  return (JSON.parse(r.stdout.toString()) as { streams: ProbedStream[] }).streams;
}

export interface GrayFrame {
  pixels: Buffer;
  receivedAt: number;
}

/** Decodes `count` frames to 8-bit gray (the Y plane) and notes when each one arrived. */
export function grabGrayFrames(
  url: string,
  transport: RtspTransport,
  size: { width: number; height: number },
  count: number,
  timeoutMs = 20_000,
): Promise<GrayFrame[]> {
  const frameBytes = size.width * size.height;
  return new Promise((resolve, reject) => {
    const args = ['-v', 'error', '-rtsp_transport', transport, '-fflags', 'nobuffer', '-flags', 'low_delay', '-i', url];
    args.push('-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1');
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const frames: GrayFrame[] = [];
    let pending = Buffer.alloc(0);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      pending = Buffer.concat([pending, b]);
      while (pending.length >= frameBytes) {
        frames.push({ pixels: pending.subarray(0, frameBytes), receivedAt: Date.now() });
        pending = pending.subarray(frameBytes);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (frames.length === count) resolve(frames);
      else reject(new Error(`ffmpeg gave ${frames.length}/${count} frames (exit ${code}): ${stderr}`));
    });
  });
}

/** Polls `check` until it holds; fails with `what` at the deadline. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * A minimal RTSP client over one TCP connection: sends requests, reads responses, and after PLAY
 * counts the interleaved bytes that arrive.
 */
export class RawRtspClient {
  private buffered = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private playing = false;
  mediaBytes = 0;
  closed = false;
  private cseq = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (b: Buffer) => {
      if (this.playing) {
        this.mediaBytes += b.length;
        return;
      }
      this.buffered = Buffer.concat([this.buffered, b]);
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawRtspClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawRtspClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a request and resolves with the response head (status line + headers). */
  async request(
    method: string,
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; head: string }> {
    const lines = [
      `${method} ${url} RTSP/1.0`,
      `CSeq: ${++this.cseq}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    this.socket.write(lines.join('\r\n') + '\r\n\r\n');
    return this.readResponse();
  }

  sendRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  async readResponse(): Promise<{ status: number; head: string }> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = this.buffered.subarray(0, end).toString('latin1');
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (this.buffered.length >= end + 4 + length) {
          this.buffered = this.buffered.subarray(end + 4 + length);
          return { status: Number(head.split(' ')[1]), head };
        }
      }
      if (this.closed) throw new Error('connection closed before a response');
      if (Date.now() > deadline) throw new Error('no RTSP response within 5 s');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  /** DESCRIBE, SETUP (interleaved), PLAY; afterwards every byte received counts as media. */
  async play(url: string): Promise<void> {
    expectStatus(await this.request('DESCRIBE', url, { Accept: 'application/sdp' }), 200);
    const setup = await this.request('SETUP', `${url}/trackID=0`, { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
    expectStatus(setup, 200);
    const session = /session:\s*([^;\r\n]+)/i.exec(setup.head)?.[1] ?? '';
    expectStatus(await this.request('PLAY', url, { Session: session }), 200);
    this.playing = true;
    this.mediaBytes = this.buffered.length;
  }

  close(): void {
    this.socket.destroy();
  }
}

function expectStatus(r: { status: number; head: string }, status: number): void {
  if (r.status !== status) throw new Error(`expected RTSP ${status}, got: ${r.head}`);
}
