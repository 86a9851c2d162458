/**
 * Loop mode, for capacity tests: one short clip is encoded once at start (faster than real time),
 * its RTP packets are kept in memory, and every camera replays them on one shared frame clock.
 * Replaying costs a copy per packet per client and no encoding, so many cameras fit in one process.
 * The clip's time strip shows when it was encoded, so loop mode is not for latency measurements.
 */
import type { Logger } from 'pino';
import { FramePacer } from '../picture/pacer.js';
import type { Scene } from '../picture/scene.js';
import { rtpSeq } from '../rtsp/rtp.js';
import type { VideoCodec } from '../rtsp/sdp.js';
import { LiveEncoder } from './encoder.js';
import { VideoStream, type StreamInfo } from './stream.js';

export interface Clip {
  info: StreamInfo;
  fmtp: Record<string, string>;
  /** Whole GOPs, starting with a keyframe; each entry is one frame's packets in wire order. */
  frames: Buffer[][];
}

export interface RecordClipOptions {
  scene: Scene;
  targets: ReadonlyArray<{ info: StreamInfo; bitrate: number }>;
  fps: number;
  gop: number;
  codec: VideoCodec;
  seconds: number;
  ffmpegPath: string;
  workDir: string;
  logger: Logger;
}

/** Encodes the loop clip; retries once in real time if packets were lost at the faster speed. */
export async function recordClip(o: RecordClipOptions): Promise<Clip[]> {
  for (const speed of [4, 1]) {
    const clips = await recordAtSpeed(o, speed);
    if (clips) return clips;
    o.logger.warn({ speed }, 'loop clip lost packets while encoding; retrying in real time');
  }
  throw new Error('could not record the loop clip without packet loss');
}

async function recordAtSpeed(o: RecordClipOptions, speed: number): Promise<Clip[] | null> {
  const framesWanted = Math.max(1, Math.ceil((o.seconds * o.fps) / o.gop)) * o.gop;
  const streams = o.targets.map((t) => new VideoStream(t.info));
  const clips: Clip[] = streams.map((s) => ({ info: s.info, fmtp: {}, frames: [] }));
  let lost = false;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const complete = streams.map(() => false);
  streams.forEach((stream, i) => {
    const clip = clips[i]!;
    let frame: Buffer[] | undefined;
    let lastTs: number | undefined;
    let lastSeq: number | undefined;
    stream.subscribe((packets) => {
      for (const p of packets) {
        const seq = rtpSeq(p.data);
        if (lastSeq !== undefined && seq !== ((lastSeq + 1) & 0xffff)) lost = true;
        lastSeq = seq;
        if (complete[i]) continue;
        if (!frame && !p.keyStart) continue;
        if (frame && p.ts !== lastTs) {
          clip.frames.push(frame);
          frame = undefined;
          if (clip.frames.length >= framesWanted && p.keyStart) {
            complete[i] = true;
            if (complete.every(Boolean)) finish();
            continue;
          }
        }
        frame ??= [];
        frame.push(Buffer.from(p.data));
        lastTs = p.ts;
      }
    });
  });
  const encoder = new LiveEncoder({
    id: 'loop-clip',
    scene: o.scene,
    targets: streams.map((stream, i) => ({ stream, bitrate: o.targets[i]!.bitrate })),
    fps: o.fps,
    gop: o.gop,
    codec: o.codec,
    ffmpegPath: o.ffmpegPath,
    workDir: o.workDir,
    logger: o.logger,
    speed,
  });
  try {
    await encoder.start();
    const timeoutMs = ((framesWanted + 2 * o.gop) / o.fps / speed) * 1000 + 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`loop clip not recorded within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  } finally {
    await encoder.stop();
  }
  if (lost) return null;
  streams.forEach((s, i) => (clips[i]!.fmtp = s.fmtp));
  return clips;
}

/** Replays clips into streams on one shared frame clock. */
export class LoopPlayer {
  private readonly entries: Array<{ stream: VideoStream; clip: Clip; at: number }> = [];
  private readonly pacer: FramePacer;

  constructor(fps: number) {
    this.pacer = new FramePacer(fps, () => this.tick());
  }

  /** `startFrame` staggers cameras so their keyframes (the big packets) do not all fall on one tick. */
  add(stream: VideoStream, clip: Clip, startFrame: number): () => void {
    stream.setParameters(clip.fmtp);
    const entry = { stream, clip, at: startFrame % clip.frames.length };
    this.entries.push(entry);
    return () => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
    };
  }

  start(): void {
    this.pacer.begin();
  }

  stop(): void {
    this.pacer.stop();
  }

  private tick(): void {
    for (const e of this.entries) {
      // Nobody watching: skip the work; a new session starts from a keyframe and its own base anyway.
      if (e.stream.listenerCount > 0) e.stream.publish(e.clip.frames[e.at]!);
      e.at++;
      if (e.at === e.clip.frames.length) {
        e.at = 0;
        e.stream.discontinuity();
      }
    }
  }
}
