import { EventEmitter } from 'node:events';
import { streamIdOf, type CameraSummary, type Profile, type StreamId, type StreamStatus } from '@cctv/protocol';
import { pullUrl, type CameraConfig, type IngestConfig, type StreamConfig } from '../config/config';
import type { Logger } from '../log';
import { sourceDefaults, StreamSource, type SourceOptions } from './streamSource';

export interface SupervisorOptions {
  ffmpegPath?: string;
  /** The receiver for streams whose camera does not name one (default auto; see SourceOptions.receiver). */
  receiver?: 'auto' | 'ffmpeg';
  /** An on-demand stream keeps running this long after its last viewer leaves (tile flips are cheap). */
  lingerMs?: number;
  source?: Partial<Pick<SourceOptions, 'stallMs' | 'restartAfterMs' | 'ioTimeoutMs' | 'backoff'>>;
}

interface Entry {
  source: StreamSource;
  alwaysOn: boolean;
  refs: number;
  lingerTimer: NodeJS.Timeout | null;
}

interface SupervisorEvents {
  state: [StreamStatus];
  /** A camera's streams exist now (after start-up: cameras known before are in `cameras()`). */
  cameraAdded: [cameraId: string];
  /** A camera is about to go: its streams stop once every listener has returned. */
  cameraRemoving: [cameraId: string];
}

/**
 * Owns one StreamSource per camera profile. Sub-streams (and main streams of cameras without one) are
 * pulled from start-up; main streams are pulled while someone watches them, since cameras allow few
 * RTSP sessions and a 4K main stream is costly to carry for nobody. Cameras come from the config file
 * at construction and from the registry at run time (`addCamera`, `updateCamera`, `removeCamera`).
 */
export class StreamSupervisor extends EventEmitter<SupervisorEvents> {
  private readonly entries = new Map<StreamId, Entry>();
  /** In the order they were added: config-file cameras first. */
  private readonly cams = new Map<string, CameraConfig>();
  private started = false;

  constructor(
    config: IngestConfig,
    private readonly log: Logger,
    private readonly options: SupervisorOptions = {},
  ) {
    super();
    for (const cam of config.cameras) this.addCamera(cam);
  }

  hasCamera(cameraId: string): boolean {
    return this.cams.has(cameraId);
  }

  /** Adds a camera's streams; once started, its always-on streams start now. */
  addCamera(cam: CameraConfig): void {
    if (this.cams.has(cam.id)) throw new Error(`camera ${cam.id} exists`);
    this.cams.set(cam.id, cam);
    for (const profile of ['main', 'sub'] as const) {
      const stream = cam.streams[profile];
      if (stream) this.add(cam.id, profile, stream, alwaysOnOf(cam, profile));
    }
    if (this.started) this.startCamera(cam.id);
    this.emit('cameraAdded', cam.id);
  }

  /**
   * Replaces a camera's settings. A stream whose URL or credentials changed is reconnected in place
   * (its viewers stay subscribed); a profile that appeared or went away is added or removed.
   */
  async updateCamera(cam: CameraConfig): Promise<void> {
    const before = this.cams.get(cam.id);
    if (!before) throw new Error(`no camera ${cam.id}`);
    this.cams.set(cam.id, cam);
    for (const profile of ['main', 'sub'] as const) {
      const streamId = streamIdOf(cam.id, profile);
      const stream = cam.streams[profile];
      const e = this.entries.get(streamId);
      if (!stream) {
        if (e) await this.drop(streamId, e);
      } else if (!e) {
        this.add(cam.id, profile, stream, alwaysOnOf(cam, profile));
        if (this.started && alwaysOnOf(cam, profile)) this.entries.get(streamId)!.source.start();
      } else if (pullUrl(stream) !== pullUrl(before.streams[profile]!)) {
        e.source.retarget(pullUrl(stream));
      }
    }
  }

  /** Stops and forgets a camera's streams. */
  async removeCamera(cameraId: string): Promise<void> {
    if (!this.cams.has(cameraId)) return;
    this.emit('cameraRemoving', cameraId);
    this.cams.delete(cameraId);
    await Promise.all(
      (['main', 'sub'] as const).map((profile) => {
        const streamId = streamIdOf(cameraId, profile);
        const e = this.entries.get(streamId);
        return e ? this.drop(streamId, e) : undefined;
      }),
    );
  }

  private async drop(streamId: StreamId, e: Entry): Promise<void> {
    this.entries.delete(streamId);
    if (e.lingerTimer) clearTimeout(e.lingerTimer);
    await e.source.stop();
    e.source.removeAllListeners('state');
  }

  private startCamera(cameraId: string): void {
    for (const profile of ['main', 'sub'] as const) {
      const e = this.entries.get(streamIdOf(cameraId, profile));
      if (e?.alwaysOn) e.source.start();
    }
  }

  private add(cameraId: string, profile: Profile, stream: StreamConfig, alwaysOn: boolean): void {
    const streamId = streamIdOf(cameraId, profile);
    const source = new StreamSource({
      ...sourceDefaults,
      ...this.options.source,
      ffmpegPath: this.options.ffmpegPath ?? sourceDefaults.ffmpegPath,
      streamId,
      cameraId,
      profile,
      url: pullUrl(stream),
      transport: stream.transport,
      transcode: stream.transcode,
      receiver: stream.receiver ?? this.options.receiver ?? 'auto',
      transcodeMaxWidth: profile === 'sub' ? 640 : 1920,
      log: this.log,
    });
    source.on('state', (s) => this.emit('state', s));
    this.entries.set(streamId, { source, alwaysOn, refs: 0, lingerTimer: null });
  }

  start(): void {
    this.started = true;
    for (const e of this.entries.values()) if (e.alwaysOn) e.source.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(
      [...this.entries.values()].map((e) => {
        if (e.lingerTimer) clearTimeout(e.lingerTimer);
        return e.source.stop();
      }),
    );
  }

  has(streamId: StreamId): boolean {
    return this.entries.has(streamId);
  }

  source(streamId: StreamId): StreamSource | undefined {
    return this.entries.get(streamId)?.source;
  }

  /** A viewer wants this stream: make sure it is being pulled. */
  acquire(streamId: StreamId): StreamSource {
    const e = this.entries.get(streamId);
    if (!e) throw new Error(`unknown stream ${streamId}`);
    e.refs++;
    if (e.lingerTimer) clearTimeout(e.lingerTimer);
    e.lingerTimer = null;
    e.source.start();
    return e.source;
  }

  release(streamId: StreamId): void {
    const e = this.entries.get(streamId);
    if (!e || e.refs === 0) return;
    e.refs--;
    if (e.refs > 0 || e.alwaysOn) return;
    e.lingerTimer = setTimeout(() => {
      e.lingerTimer = null;
      if (e.refs === 0) void e.source.stop();
    }, this.options.lingerMs ?? 15_000);
    e.lingerTimer.unref();
  }

  cameras(): CameraSummary[] {
    return [...this.cams.values()].map((cam) => {
      const summary: CameraSummary = { id: cam.id, name: cam.name, streams: [] };
      if (cam.district) summary.district = cam.district;
      if (cam.site) summary.site = cam.site;
      for (const profile of ['sub', 'main'] as const) {
        const e = this.entries.get(streamIdOf(cam.id, profile));
        if (e) summary.streams.push(e.source.status());
      }
      return summary;
    });
  }

  sources(): StreamSource[] {
    return [...this.entries.values()].map((e) => e.source);
  }
}

function alwaysOnOf(cam: CameraConfig, profile: Profile): boolean {
  const stream = cam.streams[profile];
  return stream?.pull ? stream.pull === 'always' : profile === 'sub' || !cam.streams.sub;
}
