import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { FlvDemuxer, type AvcConfig } from '@cctv/media';
import type { Profile, StreamId, StreamState, StreamStatus } from '@cctv/protocol';
import type { Logger } from '../log';
import { RtspReceiver, type ReceiverEnd } from '../rtsp/receiver';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
import { buildPullArgs, describeFailure, needsTranscode, redactUrl } from './ffmpegArgs';
import { GopCache, type Frame } from './gopCache';
import { RateMeter } from './rate';

export interface SourceOptions {
  streamId: StreamId;
  cameraId: string;
  profile: Profile;
  url: string;
  transport: 'tcp' | 'udp';
  /** Force re-encoding; otherwise it is chosen when the camera's codec cannot be copied. */
  transcode: boolean;
  /**
   * auto: an H.264 camera over RTSP/TCP is received by the ingest's own RTSP client, which hands each
   * frame on as soon as it is complete (ffmpeg holds every frame until the next one starts; decision
   * 0007); anything else goes through ffmpeg. ffmpeg: always ffmpeg (for a camera the client mishandles).
   */
  receiver: 'auto' | 'ffmpeg';
  transcodeMaxWidth?: number;
  ffmpegPath: string;
  /** No frame for this long: stalled. */
  stallMs: number;
  /** No frame for this long: the pull is killed and started again. */
  restartAfterMs: number;
  ioTimeoutMs: number;
  backoff: BackoffPolicy;
  log: Logger;
}

export const sourceDefaults = {
  transport: 'tcp',
  transcode: false,
  receiver: 'auto',
  ffmpegPath: 'ffmpeg',
  stallMs: 3000,
  restartAfterMs: 10_000,
  ioTimeoutMs: 5000,
  backoff: defaultBackoff,
} as const;

/** The codec configuration a decoder needs before the first frame. */
export interface SourceConfig {
  avc: AvcConfig;
  record: Uint8Array;
}

/** The camera's own codec configuration, as the recorder stores it (no re-encoding). */
export interface NativeConfig {
  family: 'avc1' | 'hvc1';
  codec: string;
  width: number;
  height: number;
  record: Uint8Array;
}

interface SourceEvents {
  state: [StreamStatus];
  /** What viewers decode (H.264: the camera's own, or transcoded). */
  configured: [SourceConfig];
  frame: [Frame];
  /** The camera's own video, as it came (for the recorder); absent while only a transcode exists. */
  nativeConfigured: [NativeConfig];
  nativeFrame: [Frame];
}

/**
 * One RTSP pull, owned here and shared by every viewer: an ffmpeg child copying (or transcoding) the
 * camera's video into FLV on stdout, demuxed into access units as they arrive. Restarts itself with
 * capped backoff when the camera drops; reports `connecting | live | stalled | offline`.
 */
export class StreamSource extends EventEmitter<SourceEvents> {
  private child: ChildProcessWithoutNullStreams | null = null;
  private native: RtspReceiver | null = null;
  private state: StreamState = 'idle';
  private message: string | undefined;
  private since = Date.now();
  private seq = 0;
  private attempt = 0;
  private lastFrameAt = 0;
  private liveSince = 0;
  private transcoding: boolean;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private running = false;
  private config: SourceConfig | null = null;
  private killReason: string | null = null;
  private readonly gop = new GopCache();
  private readonly rate = new RateMeter();
  restarts = 0;

  constructor(private readonly o: SourceOptions) {
    super();
    this.transcoding = o.transcode;
  }

  get id(): StreamId {
    return this.o.streamId;
  }

  status(): StreamStatus {
    const s: StreamStatus = {
      streamId: this.o.streamId,
      cameraId: this.o.cameraId,
      profile: this.o.profile,
      state: this.state,
      since: this.since,
    };
    if (this.message) s.message = this.message;
    if (this.config)
      Object.assign(s, { codec: this.config.avc.codec, width: this.config.avc.width, height: this.config.avc.height });
    return s;
  }

  /** The configuration and the frames since the last keyframe, for a new viewer. */
  catchUp(): { config: SourceConfig | null; frames: readonly Frame[] } {
    return {
      config: this.config,
      frames: this.state === 'live' || this.state === 'stalled' ? this.gop.snapshot() : [],
    };
  }

  figures(): { fps: number; bitrateKbps: number } {
    const r = this.rate.read();
    return { fps: r.perSecond, bitrateKbps: r.kbps };
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.watchdog = setInterval(() => this.checkStall(), 250);
    this.watchdog.unref();
    this.spawnPull();
  }

  /** New address or credentials: the next pull uses them, and a running pull reconnects now. */
  retarget(url: string): void {
    (this.o as { url: string }).url = url;
    this.native?.kill("The camera's settings changed; reconnecting.");
    if (this.child) {
      this.killReason = "The camera's settings changed; reconnecting.";
      this.child.kill('SIGKILL');
    }
  }

  /** Stops the pull; resolves once ffmpeg has exited. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = this.watchdog = null;
    const native = this.native;
    this.native = null;
    await native?.stop();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(hard);
    }
    this.child = null;
    this.gop.clear();
    this.setState('idle', undefined);
  }

  /** The ingest's own receiver takes H.264 over RTSP/TCP; a camera found to send another codec goes to ffmpeg. */
  private usesNative(): boolean {
    return (
      this.o.receiver === 'auto' && !this.transcoding && this.o.transport === 'tcp' && /^rtsp:\/\//i.test(this.o.url)
    );
  }

  private spawnPull(): void {
    if (this.usesNative()) {
      this.startNative();
      return;
    }
    const args = buildPullArgs({
      url: this.o.url,
      transport: this.o.transport,
      mode: this.transcoding ? 'transcode' : 'copy',
      ioTimeoutMs: this.o.ioTimeoutMs,
      transcode: { maxWidth: this.o.transcodeMaxWidth, bitrateKbps: this.o.profile === 'main' ? 2500 : 600, gop: 50 },
    });
    this.killReason = null;
    this.setState('connecting', undefined);
    this.o.log.info(
      { stream: this.o.streamId, camera: redactUrl(this.o.url), transcode: this.transcoding },
      'pull starting (ffmpeg)',
    );
    const child = spawn(this.o.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    const demux = new FlvDemuxer();
    let stderr = '';
    let failure: string | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure) return;
      try {
        for (const e of demux.push(chunk)) {
          if (e.type === 'config') this.onConfig({ avc: e.config, record: e.record });
          else this.onFrame(e.key, e.pts, e.data);
        }
      } catch (err) {
        failure = `The video process sent data that could not be read: ${(err as Error).message}`;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4096);
    });
    child.on('error', (err) => {
      failure = err.message.includes('ENOENT') ? `ffmpeg was not found at "${this.o.ffmpegPath}".` : err.message;
    });
    child.on('close', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.gop.clear();
      if (!this.running) return;
      const redacted = stderr.split(this.o.url).join(redactUrl(this.o.url));
      if (!this.transcoding && needsTranscode(stderr)) {
        this.o.log.info({ stream: this.o.streamId }, 'codec cannot be copied; transcoding to H.264');
        this.transcoding = true;
        this.spawnPull();
        return;
      }
      const message = failure ?? this.killReason ?? describeFailure(redacted, code, signal);
      this.o.log.warn({ stream: this.o.streamId, code, signal, stderr: redacted.slice(-500) }, 'pull ended');
      this.retryLater(message);
    });
  }

  private startNative(): void {
    this.setState('connecting', undefined);
    this.o.log.info({ stream: this.o.streamId, camera: redactUrl(this.o.url) }, 'pull starting (RTSP receiver)');
    const rx = new RtspReceiver({ url: this.o.url, ioTimeoutMs: this.o.ioTimeoutMs, log: this.o.log });
    this.native = rx;
    rx.on('config', (c) => this.onConfig(c));
    rx.on('frame', (key, pts, data) => this.onFrame(key, pts, data));
    rx.on('end', (end: ReceiverEnd) => {
      if (this.native !== rx) return;
      this.native = null;
      this.gop.clear();
      if (!this.running) return;
      if (end.reason === 'codec') {
        this.o.log.info(
          { stream: this.o.streamId, codec: end.encoding },
          'codec cannot be copied; transcoding to H.264',
        );
        this.transcoding = true;
        this.spawnPull();
        return;
      }
      const message = end.reason === 'failed' ? end.message : 'The pull was stopped.';
      this.o.log.warn({ stream: this.o.streamId, ...rx.losses, message }, 'pull ended');
      this.retryLater(message);
    });
    rx.start();
  }

  private retryLater(message: string): void {
    this.setState('offline', message);
    if (this.liveSince && Date.now() - this.liveSince > 10_000) this.attempt = 0;
    this.liveSince = 0;
    const delay = backoffDelay(this.attempt++, this.o.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.running) return;
      this.restarts++;
      this.spawnPull();
    }, delay);
    this.retryTimer.unref();
  }

  private onConfig(config: SourceConfig): void {
    this.config = config;
    this.gop.clear();
    this.emit('configured', config);
    if (!this.transcoding) {
      const { codec, width, height } = config.avc;
      this.emit('nativeConfigured', { family: 'avc1', codec, width, height, record: config.record });
    }
  }

  /** The camera's own configuration while it is copied (what a recorder starting now needs). */
  nativeConfig(): NativeConfig | null {
    if (this.transcoding || !this.config) return null;
    const { codec, width, height } = this.config.avc;
    return { family: 'avc1', codec, width, height, record: this.config.record };
  }

  private onFrame(key: boolean, pts: number, data: Uint8Array): void {
    if (!this.config) return; // no decoder configuration yet: nobody could decode it
    const frame: Frame = { seq: this.seq++, pts, key, data, at: Date.now() };
    this.lastFrameAt = frame.at;
    this.gop.push(frame);
    this.rate.add(data.byteLength);
    if (this.state !== 'live') {
      if (!this.liveSince) this.liveSince = this.lastFrameAt;
      this.setState('live', undefined);
    }
    this.emit('frame', frame);
    if (!this.transcoding) this.emit('nativeFrame', frame);
  }

  private checkStall(): void {
    if (this.state !== 'live' && this.state !== 'stalled') return;
    const quiet = Date.now() - this.lastFrameAt;
    if (this.state === 'live' && quiet >= this.o.stallMs) {
      this.setState('stalled', `No video for ${Math.round(quiet / 1000)} s.`);
    } else if (quiet >= this.o.restartAfterMs && (this.child || this.native)) {
      this.o.log.warn({ stream: this.o.streamId, quietMs: quiet }, 'stalled too long; restarting the pull');
      this.killReason = `No video for ${Math.round(quiet / 1000)} s; reconnecting.`;
      this.child?.kill('SIGKILL');
      this.native?.kill(this.killReason);
    }
  }

  private setState(state: StreamState, message: string | undefined): void {
    if (state === this.state && message === this.message) return;
    this.state = state;
    this.message = message;
    this.since = Date.now();
    this.emit('state', this.status());
  }
}
