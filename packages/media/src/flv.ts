import { parseAvcDecoderConfig, type AvcConfig } from './avc';

/** What the FLV demuxer hands out, in stream order. */
export type FlvEvent =
  | { type: 'config'; config: AvcConfig; record: Uint8Array }
  | { type: 'frame'; dts: number; pts: number; key: boolean; data: Uint8Array };

const HEADER_BYTES = 9;
const TAG_HEADER_BYTES = 11;
const PREV_SIZE_BYTES = 4;
/** A single tag larger than this is garbage, not video (a 4K I-frame is a few MB; FLV allows up to 16 MB). */
export const MAX_TAG_BYTES = 8 * 1024 * 1024;

const TAG_AUDIO = 8;
const TAG_VIDEO = 9;
const TAG_SCRIPT = 18;
const CODEC_AVC = 7;

export class FlvError extends Error {
  override name = 'FlvError';
}

/**
 * An incremental FLV demuxer for ffmpeg's `-f flv` output. A tag is handed out as soon as its last
 * data byte arrives; the trailing PreviousTagSize is not waited for, so parsing adds no frame of delay.
 * Frames are copied out of the input chunks so a cached frame never pins a large read buffer.
 */
export class FlvDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  /** Bytes still to skip: the PreviousTagSize of the last tag, read lazily. */
  private skip = 0;
  private failed: FlvError | null = null;
  private nalLengthSize = 4;

  /** Feeds bytes; returns the events they complete. Throws FlvError on garbage (and keeps failing). */
  push(chunk: Uint8Array): FlvEvent[] {
    if (this.failed) throw this.failed;
    this.pending =
      this.pending.length === 0
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.concat([this.pending, chunk]);
    const events: FlvEvent[] = [];
    try {
      this.drain(events);
    } catch (e) {
      this.failed = e instanceof FlvError ? e : new FlvError(String(e instanceof Error ? e.message : e));
      throw this.failed;
    }
    return events;
  }

  /** Bytes received but not yet forming a whole tag; non-zero at the end means truncated input. */
  get buffered(): number {
    return this.pending.length;
  }

  private drain(events: FlvEvent[]): void {
    let p = 0;
    const buf = this.pending;
    if (!this.headerDone) {
      if (buf.length < HEADER_BYTES + PREV_SIZE_BYTES) return;
      if (buf[0] !== 0x46 || buf[1] !== 0x4c || buf[2] !== 0x56)
        throw new FlvError('not an FLV stream (bad signature)');
      const dataOffset = buf.readUInt32BE(5);
      if (dataOffset < HEADER_BYTES || dataOffset > 1024) throw new FlvError(`bad FLV header size ${dataOffset}`);
      if (buf.length < dataOffset + PREV_SIZE_BYTES) return;
      p = dataOffset + PREV_SIZE_BYTES;
      this.headerDone = true;
    }
    for (;;) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length - p);
        p += n;
        this.skip -= n;
        if (this.skip > 0) break;
      }
      if (buf.length - p < TAG_HEADER_BYTES) break;
      const type = buf[p]! & 0x1f;
      const size = buf.readUIntBE(p + 1, 3);
      const ts = buf.readUIntBE(p + 4, 3) | (buf[p + 7]! << 24);
      if (type !== TAG_AUDIO && type !== TAG_VIDEO && type !== TAG_SCRIPT)
        throw new FlvError(`unknown FLV tag type ${type}`);
      if (size > MAX_TAG_BYTES) throw new FlvError(`FLV tag of ${size} bytes is larger than the limit`);
      if (buf.length - p < TAG_HEADER_BYTES + size) break;
      const body = buf.subarray(p + TAG_HEADER_BYTES, p + TAG_HEADER_BYTES + size);
      p += TAG_HEADER_BYTES + size;
      this.skip = PREV_SIZE_BYTES;
      if (type === TAG_VIDEO) this.video(body, ts, events);
    }
    this.pending = p >= buf.length ? Buffer.alloc(0) : buf.subarray(p);
  }

  private video(body: Buffer, ts: number, events: FlvEvent[]): void {
    if (body.length < 5) return;
    const frameType = body[0]! >> 4;
    const codec = body[0]! & 0x0f;
    if (codec !== CODEC_AVC) throw new FlvError(`FLV video codec ${codec} is not H.264; transcode it`);
    const packetType = body[1]!;
    const cts = (body.readIntBE(2, 3) as number) | 0;
    const payload = body.subarray(5);
    if (packetType === 0) {
      let config: AvcConfig;
      try {
        config = parseAvcDecoderConfig(payload);
      } catch (e) {
        throw new FlvError(`bad H.264 configuration: ${(e as Error).message}`);
      }
      this.nalLengthSize = config.nalLengthSize;
      events.push({ type: 'config', config, record: Uint8Array.from(payload) });
    } else if (packetType === 1) {
      if (payload.length < this.nalLengthSize) return;
      events.push({ type: 'frame', dts: ts, pts: ts + cts, key: frameType === 1, data: Uint8Array.from(payload) });
    }
  }
}
