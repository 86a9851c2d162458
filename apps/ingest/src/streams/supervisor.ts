import { EventEmitter } from 'node:events';
import { streamIdOf, type CameraSummary, type Profile, type StreamId, type StreamStatus } from '@cctv/protocol';
import { pullUrl, type IngestConfig, type StreamConfig } from '../config/config';
import type { Logger } from '../log';
import { sourceDefaults, StreamSource, type SourceOptions } from './streamSource';

export interface SupervisorOptions {
  ffmpegPath?: string;
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
}

/**
 * Owns one StreamSource per camera profile. Sub-streams (and main streams of cameras without one) are
 * pulled from start-up; main streams are pulled while someone watches them, since cameras allow few
 * RTSP sessions and a 4K main stream is costly to carry for nobody.
 */
export class StreamSupervisor extends EventEmitter<SupervisorEvents> {
  private readonly entries = new Map<StreamId, Entry>();

  constructor(
    private readonly config: IngestConfig,
    private readonly log: Logger,
    private readonly options: SupervisorOptions = {},
  ) {
    super();
    for (const cam of config.cameras) {
      for (const profile of ['main', 'sub'] as const) {
        const stream = cam.streams[profile];
        if (!stream) continue;
        this.add(
          cam.id,
          profile,
          stream,
          stream.pull ? stream.pull === 'always' : profile === 'sub' || !cam.streams.sub,
        );
      }
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
      transcodeMaxWidth: profile === 'sub' ? 640 : 1920,
      log: this.log,
    });
    source.on('state', (s) => this.emit('state', s));
    this.entries.set(streamId, { source, alwaysOn, refs: 0, lingerTimer: null });
  }

  start(): void {
    for (const e of this.entries.values()) if (e.alwaysOn) e.source.start();
  }

  async stop(): Promise<void> {
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
    return this.config.cameras.map((cam) => {
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
