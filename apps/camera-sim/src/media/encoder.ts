/**
 * The live encoder of one camera: paints frames on a drift-free clock, writes them to one ffmpeg
 * (libx264/libx265, main + sub), receives ffmpeg's RTP packets on loopback UDP and hands each one to
 * its stream the moment it arrives: the simulator holds no frame back, so the capture-time strip
 * measures only real delay. ffmpeg is restarted if it dies; sessions see continuous timestamps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { FramePacer } from '../picture/pacer.js';
import type { Scene } from '../picture/scene.js';
import { isRtcp, isRtp, rtpTimestamp } from '../rtsp/rtp.js';
import { hasParameterSets, parseEncoderSdp, type VideoCodec } from '../rtsp/sdp.js';
import { DelayStats, type DelaySummary } from './delayStats.js';
import { buildEncoderArgs } from './encoderArgs.js';
import type { VideoStream } from './stream.js';

export interface EncoderTarget {
  stream: VideoStream;
  bitrate: number;
}

export interface LiveEncoderOptions {
  id: string;
  scene: Scene;
  targets: readonly EncoderTarget[];
  fps: number;
  gop: number;
  codec: VideoCodec;
  ffmpegPath: string;
  workDir: string;
  logger: Logger;
  /** > 1 paints faster than real time (pre-encoding the loop clip). */
  speed?: number;
  startTimeoutMs?: number;
}

interface Output {
  target: EncoderTarget;
  socket: UdpSocket;
  port: number;
  baseTs: number | undefined;
  lastTs: number | undefined;
  delay: DelayStats;
}

const CAPTURE_RING = 1024;
const RESTART_DELAY_MS = 1000;

export class LiveEncoder {
  private outputs: Output[] = [];
  private child: ChildProcess | undefined;
  private readonly pacer: FramePacer;
  private readonly captureMs = new Float64Array(CAPTURE_RING);
  private framesWritten = 0;
  framesDropped = 0;
  private stopping = false;
  /** Only an encoder that once worked is restarted; one that cannot start fails start(). */
  private started = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly sdpFile: string;

  constructor(private readonly o: LiveEncoderOptions) {
    this.pacer = new FramePacer(o.fps, () => this.frame(), o.speed ?? 1);
    this.sdpFile = join(o.workDir, `${o.id}.sdp`);
  }

  /** Resolves once ffmpeg has reported the parameter sets of every output. */
  async start(): Promise<void> {
    for (const target of this.o.targets) this.outputs.push(await this.bindOutput(target));
    await this.spawn();
    this.started = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.pacer.stop();
    await this.killChild();
    for (const out of this.outputs) out.socket.close();
    this.outputs = [];
  }

  /** Capture-to-RTP-out delay per output (ms), measured on the first packet of each frame. */
  delays(): DelaySummary[] {
    return this.outputs.map((o) => o.delay.summary());
  }

  private bindOutput(target: EncoderTarget): Promise<Output> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        socket.off('error', reject);
        const out: Output = {
          target,
          socket,
          port: socket.address().port,
          baseTs: undefined,
          lastTs: undefined,
          delay: new DelayStats(),
        };
        socket.on('message', (msg) => this.onPacket(out, msg));
        socket.on('error', (err) => this.o.logger.warn({ err: err.message }, 'encoder socket error'));
        resolve(out);
      });
    });
  }

  private onPacket(out: Output, msg: Buffer): void {
    if (isRtcp(msg) || !isRtp(msg)) return;
    const ts = rtpTimestamp(msg);
    out.baseTs ??= ts;
    const ticks = 90000 / this.o.fps;
    const frame = Math.round(((ts - out.baseTs) >>> 0) / ticks);
    const captured = frame < this.framesWritten ? this.captureMs[frame % CAPTURE_RING] : undefined;
    if (ts !== out.lastTs && captured !== undefined) out.delay.add(Date.now() - captured);
    out.lastTs = ts;
    out.target.stream.publish([msg], captured);
  }

  private frame(): void {
    const stdin = this.child?.stdin;
    if (!stdin || !stdin.writable) return;
    const slot = this.o.scene.acquire();
    if (!slot) {
      // ffmpeg has not taken the last frames yet: drop this one rather than queue it (and add delay).
      this.framesDropped++;
      return;
    }
    const ms = Date.now();
    this.o.scene.paint(slot, ms);
    this.captureMs[this.framesWritten % CAPTURE_RING] = ms;
    this.framesWritten++;
    stdin.write(slot.buffer, () => {
      slot.busy = false;
    });
  }

  private async spawn(): Promise<void> {
    const { o } = this;
    const args = buildEncoderArgs({
      input: { width: o.scene.width, height: o.scene.height },
      fps: o.fps,
      gop: o.gop,
      codec: o.codec,
      outputs: this.outputs.map((out) => ({
        size: { width: out.target.stream.info.width, height: out.target.stream.info.height },
        bitrate: out.target.bitrate,
        port: out.port,
      })),
      sdpFile: this.sdpFile,
    });
    this.framesWritten = 0;
    await rm(this.sdpFile, { force: true });
    for (const out of this.outputs) {
      out.baseTs = undefined;
      out.lastTs = undefined;
      out.target.stream.discontinuity();
    }
    o.logger.debug({ args }, 'spawning ffmpeg');
    const child = spawn(o.ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    this.child = child;
    child.stdin.on('error', () => undefined); // EPIPE when ffmpeg dies; the exit handler reports it.
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-2000);
      if (this.stopping) return; // "Immediate exit requested" and the like are expected then.
      for (const line of text.split('\n')) if (line.trim()) o.logger.warn({ ffmpeg: line.trim() }, 'ffmpeg says');
    });
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        this.pacer.stop();
        if (this.stopping) return;
        o.logger.error({ code, signal, stderr: stderr.trim().slice(-500) }, 'ffmpeg exited');
        if (this.started) {
          this.restartTimer = setTimeout(() => void this.spawn().catch(() => undefined), RESTART_DELAY_MS);
        }
        reject(new Error(`ffmpeg exited (${code ?? signal}): ${stderr.trim().slice(-300)}`));
      });
    });
    exited.catch(() => undefined);
    this.pacer.begin();
    await Promise.race([this.readParameters(), exited]);
  }

  private async readParameters(): Promise<void> {
    const deadline = Date.now() + (this.o.startTimeoutMs ?? 15_000);
    while (Date.now() < deadline && !this.stopping) {
      const text = await readFile(this.sdpFile, 'utf8').catch(() => '');
      const media = parseEncoderSdp(text);
      const complete =
        media.length === this.outputs.length && media.every((m) => hasParameterSets(this.o.codec, m.fmtp));
      if (complete) {
        for (const out of this.outputs) {
          const m = media.find((x) => x.port === out.port);
          if (!m) throw new Error(`ffmpeg SDP has no media for port ${out.port}`);
          out.target.stream.setParameters(m.fmtp);
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`ffmpeg did not report stream parameters within ${this.o.startTimeoutMs ?? 15_000} ms`);
  }

  private async killChild(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}
