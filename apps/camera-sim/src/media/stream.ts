/**
 * One video stream of a camera (main or sub): its codec parameters for the SDP, and a fan-out of
 * RTP packets to the RTSP sessions playing it. Whatever feeds it (the live encoder, the loop player)
 * hands packets over in the order they go on the wire; the stream makes their timestamps continuous
 * when the feeder starts over (encoder restart, loop wrap), so sessions never see time jump back.
 */
import type { VideoCodec } from '../rtsp/sdp.js';
import { rtpMarker, rtpTimestamp, startsKeyframe } from '../rtsp/rtp.js';

export interface StreamPacket {
  /** The encoder's packet; shared by all sessions, never mutated. */
  readonly data: Buffer;
  /** Continuous 90 kHz timestamp (before each session's own random base). */
  readonly ts: number;
  /** First packet of an access unit that a decoder can start from. */
  readonly keyStart: boolean;
  /** Wall-clock ms at which the frame was captured, when known (live mode). */
  readonly captureMs: number | undefined;
}

export type PacketListener = (packets: readonly StreamPacket[]) => void;

export interface StreamInfo {
  codec: VideoCodec;
  width: number;
  height: number;
  fps: number;
}

export class VideoStream {
  fmtp: Record<string, string> = {};
  /** Bumped when the parameter sets change, for the SDP o= line. */
  version = 1;
  private readonly listeners = new Set<PacketListener>();
  private lastSourceTs: number | undefined;
  private lastTs = 0;
  private offset = 0;
  private newFrame = true;
  private readyWaiters: Array<() => void> = [];

  constructor(readonly info: StreamInfo) {}

  get ready(): boolean {
    return Object.keys(this.fmtp).length > 0;
  }

  setParameters(fmtp: Record<string, string>): void {
    if (JSON.stringify(fmtp) !== JSON.stringify(this.fmtp)) {
      this.fmtp = fmtp;
      this.version++;
    }
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The feeder starts over: the next packet continues one frame after the last one sent. */
  discontinuity(): void {
    this.lastSourceTs = undefined;
    this.newFrame = true;
  }

  /** The last timestamp handed out, so PLAY can announce where a new session starts. */
  get lastTimestamp(): number {
    return this.lastTs;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: PacketListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feeds raw encoder packets (one frame's worth or fewer), in wire order. */
  publish(raw: readonly Buffer[], captureMs?: number): void {
    const frameTicks = Math.round(90000 / this.info.fps);
    const packets: StreamPacket[] = [];
    for (const data of raw) {
      const sourceTs = rtpTimestamp(data);
      if (this.lastSourceTs === undefined) this.offset = (this.lastTs + frameTicks - sourceTs) >>> 0;
      this.lastSourceTs = sourceTs;
      const ts = (sourceTs + this.offset) >>> 0;
      this.lastTs = ts;
      const keyStart = this.newFrame && startsKeyframe(this.info.codec, data);
      this.newFrame = rtpMarker(data);
      packets.push({ data, ts, keyStart, captureMs });
    }
    if (packets.length === 0) return;
    for (const listener of this.listeners) listener(packets);
  }
}
