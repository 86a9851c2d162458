/**
 * Fragmented MP4 (ISO/IEC 14496-12) as the recorder writes it: an init segment (`ftyp` + `moov` with
 * one video track and `mvex`), then fragments of `prft` + `moof` + `mdat`. The sample data is not
 * copied into the fragment: `fragmentHeader` returns the bytes that go before it, so a writer can
 * hand the header and the camera's own sample buffers to one vectored write.
 */

/** Video track timescale: 90 kHz, the RTP video clock. */
export const VIDEO_TIMESCALE = 90_000;
/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

/** A growable byte buffer with big-endian writers; boxes are written with their size patched in. */
class Out {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): this {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.length, v);
    this.length += 2;
    return this;
  }
  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0);
    this.length += 4;
    return this;
  }
  i32(v: number): this {
    this.ensure(4);
    this.view.setInt32(this.length, v);
    this.length += 4;
    return this;
  }
  u64(v: number): this {
    return this.u32(Math.floor(v / 2 ** 32)).u32(v % 2 ** 32);
  }
  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }
  ascii(s: string): this {
    for (let i = 0; i < s.length; i++) this.u8(s.charCodeAt(i));
    return this;
  }
  /** Writes a box around `body`; its size is patched once the body is written. */
  box(type: string, body: (o: this) => void): this {
    const start = this.length;
    this.u32(0).ascii(type);
    body(this);
    this.view.setUint32(start, this.length - start);
    return this;
  }
  fullBox(type: string, version: number, flags: number, body: (o: this) => void): this {
    return this.box(type, (o) => {
      o.u8(version)
        .u8(flags >>> 16)
        .u8(flags >>> 8)
        .u8(flags);
      body(o);
    });
  }
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

export type VideoCodecFamily = 'avc1' | 'hvc1';

export interface InitOptions {
  /** `avc1` (H.264, `config` is an avcC record) or `hvc1` (H.265, `config` is an hvcC record). */
  family: VideoCodecFamily;
  width: number;
  height: number;
  config: Uint8Array;
  /** Wall-clock ms the file starts at; written as the creation time (seconds since 1904). */
  createdAtMs?: number;
  /** Total duration in timescale units, for a file that is not fragmented further (0: unknown). */
  durationTicks?: number;
}

const MP4_EPOCH_OFFSET_S = 2_082_844_800; // 1904 → 1970

/** `ftyp` + `moov` for one video track whose samples follow in fragments. */
export function initSegment(o: InitOptions): Uint8Array {
  const created = o.createdAtMs === undefined ? 0 : Math.floor(o.createdAtMs / 1000) + MP4_EPOCH_OFFSET_S;
  const duration = o.durationTicks ?? 0;
  const out = new Out();
  out.box('ftyp', (b) =>
    b
      .ascii('iso6')
      .u32(0)
      .ascii('iso6')
      .ascii('iso5')
      .ascii('mp41')
      .ascii(o.family === 'avc1' ? 'avc1' : 'hvc1'),
  );
  out.box('moov', (moov) => {
    moov.fullBox('mvhd', 0, 0, (b) => {
      b.u32(created).u32(created).u32(VIDEO_TIMESCALE).u32(duration).u32(0x10000).u16(0x100).zeros(10);
      for (const m of MATRIX) b.u32(m);
      b.zeros(24).u32(2);
    });
    moov.box('trak', (trak) => {
      trak.fullBox('tkhd', 0, 3, (b) => {
        b.u32(created).u32(created).u32(1).u32(0).u32(duration).zeros(8).u16(0).u16(0).u16(0).u16(0);
        for (const m of MATRIX) b.u32(m);
        b.u32(o.width * 0x10000).u32(o.height * 0x10000);
      });
      trak.box('mdia', (mdia) => {
        mdia.fullBox('mdhd', 0, 0, (b) =>
          b.u32(created).u32(created).u32(VIDEO_TIMESCALE).u32(duration).u16(0x55c4).u16(0),
        );
        mdia.fullBox('hdlr', 0, 0, (b) => b.u32(0).ascii('vide').zeros(12).ascii('VideoHandler').u8(0));
        mdia.box('minf', (minf) => {
          minf.fullBox('vmhd', 0, 1, (b) => b.zeros(8));
          minf.box('dinf', (dinf) =>
            dinf.fullBox('dref', 0, 0, (b) => b.u32(1).fullBox('url ', 0, 1, () => undefined)),
          );
          minf.box('stbl', (stbl) => {
            stbl.fullBox('stsd', 0, 0, (b) =>
              b.u32(1).box(o.family, (e) => {
                e.zeros(6).u16(1).zeros(16).u16(o.width).u16(o.height).u32(0x480000).u32(0x480000).u32(0).u16(1);
                e.zeros(32).u16(0x18).u16(0xffff);
                e.box(o.family === 'avc1' ? 'avcC' : 'hvcC', (c) => c.bytes(o.config));
              }),
            );
            stbl.fullBox('stts', 0, 0, (b) => b.u32(0));
            stbl.fullBox('stsc', 0, 0, (b) => b.u32(0));
            stbl.fullBox('stsz', 0, 0, (b) => b.u32(0).u32(0));
            stbl.fullBox('stco', 0, 0, (b) => b.u32(0));
          });
        });
      });
    });
    moov.box('mvex', (mvex) => mvex.fullBox('trex', 0, 0, (b) => b.u32(1).u32(1).u32(0).u32(0).u32(0)));
  });
  return out.done();
}

export interface FragmentSample {
  /** Duration in timescale units (> 0). */
  duration: number;
  /** Bytes of the sample (AVCC/HVCC: length-prefixed NAL units). */
  size: number;
  /** A sync sample (IDR / IRAP): decoding can start here. */
  key: boolean;
}

export interface FragmentOptions {
  /** 1, 2, 3, … within the file. */
  sequence: number;
  /** Decode time of the first sample, in timescale units from the start of the file. */
  baseTime: number;
  samples: readonly FragmentSample[];
  /** Wall-clock ms of the first sample: written as a `prft` box (NTP time ↔ media time). */
  wallClockMs?: number;
}

const SAMPLE_KEY = 0x02000000; // sample_depends_on = 2 (depends on no other)
const SAMPLE_DELTA = 0x01010000; // depends on others, is non-sync

/**
 * The bytes that precede a fragment's sample data: `prft` (when a wall-clock time is given), `moof`
 * and the `mdat` header. The samples' bytes, in order, complete the fragment.
 */
export function fragmentHeader(f: FragmentOptions): Uint8Array {
  if (f.samples.length === 0) throw new RangeError('fragment: no samples');
  const out = new Out();
  if (f.wallClockMs !== undefined) {
    // flags 0: the NTP time is that of the first sample of the fragment that follows.
    out.fullBox('prft', 1, 0, (b) => {
      const seconds = Math.floor(f.wallClockMs! / 1000);
      const fraction = Math.floor(((f.wallClockMs! - seconds * 1000) / 1000) * 2 ** 32);
      b.u32(1)
        .u32(seconds + NTP_UNIX_OFFSET_S)
        .u32(fraction)
        .u64(f.baseTime);
    });
  }
  const moofStart = out.length;
  let dataOffsetAt = 0;
  let total = 0;
  out.box('moof', (moof) => {
    moof.fullBox('mfhd', 0, 0, (b) => b.u32(f.sequence));
    moof.box('traf', (traf) => {
      // default-base-is-moof: data offsets count from the start of this moof
      traf.fullBox('tfhd', 0, 0x020000, (b) => b.u32(1));
      traf.fullBox('tfdt', 1, 0, (b) => b.u64(f.baseTime));
      // data-offset, sample-duration, sample-size, sample-flags present
      traf.fullBox('trun', 0, 0x000701, (b) => {
        b.u32(f.samples.length);
        dataOffsetAt = b.length;
        b.i32(0);
        for (const s of f.samples) {
          b.u32(s.duration)
            .u32(s.size)
            .u32(s.key ? SAMPLE_KEY : SAMPLE_DELTA);
          total += s.size;
        }
      });
    });
  });
  const moofSize = out.length - moofStart;
  out.patchU32(dataOffsetAt, moofSize + 8);
  out.u32(total + 8).ascii('mdat');
  return out.done();
}
