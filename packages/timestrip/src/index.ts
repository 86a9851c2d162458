/**
 * The capture-time strip: a row of black and white blocks that carries the wall-clock time (ms since
 * the epoch) at which the camera simulator captured a frame. It is drawn into the luma plane before
 * encoding and read back from whatever shows the decoded picture (a canvas, a video element), so
 * glass-to-glass latency is measured on the real path. Geometry is defined as fractions of the frame,
 * so a scaled picture reads the same.
 *
 * Layout, left to right: 2 sync blocks (white, black), 48 time bits (MSB first), 8 CRC-8 bits,
 * 2 sync blocks (black, white). 60 blocks, each 1/64 of the frame width, square, on the bottom edge.
 */

export const TIMESTRIP_BLOCKS = 60;
const DATA_BITS = 48;
const CRC_BITS = 8;
const LUMA_BLACK = 16;
const LUMA_WHITE = 235;

export interface TimestripGeometry {
  /** Left edge of the first block, in pixels (may be fractional). */
  x0: number;
  /** Top edge of the strip, in pixels. */
  y0: number;
  blockW: number;
  blockH: number;
}

export function timestripGeometry(width: number, height: number): TimestripGeometry {
  const blockW = width / 64;
  const blockH = Math.min(blockW, height / 16);
  return { x0: 2 * blockW, y0: height - 1.5 * blockH, blockW, blockH };
}

/** CRC-8 (polynomial 0x07) over bytes. */
export function crc8(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i]! & 0xff;
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function timeBytes(ms: number): number[] {
  const v = Math.floor(ms) % 2 ** DATA_BITS;
  const bytes: number[] = [];
  for (let i = 5; i >= 0; i--) bytes.push(Math.floor(v / 2 ** (8 * i)) & 0xff);
  return bytes;
}

/** The 60 block values (true = white) that encode `ms`. */
export function encodeTimestrip(ms: number): boolean[] {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`timestrip: time must be a non-negative number, got ${ms}`);
  const bytes = timeBytes(ms);
  const bits: boolean[] = [true, false];
  for (const byte of [...bytes, crc8(bytes)]) for (let b = 7; b >= 0; b--) bits.push(((byte >> b) & 1) === 1);
  bits.push(false, true);
  return bits;
}

/** Decodes 60 block values; null when the sync pattern or the checksum does not match. */
export function decodeTimestripBits(bits: readonly boolean[]): number | null {
  if (bits.length !== TIMESTRIP_BLOCKS) return null;
  if (!bits[0] || bits[1] || bits[TIMESTRIP_BLOCKS - 2] || !bits[TIMESTRIP_BLOCKS - 1]) return null;
  const bytes: number[] = [];
  for (let i = 0; i < (DATA_BITS + CRC_BITS) / 8; i++) {
    let byte = 0;
    for (let b = 0; b < 8; b++) byte = (byte << 1) | (bits[2 + i * 8 + b] ? 1 : 0);
    bytes.push(byte);
  }
  const data = bytes.slice(0, 6);
  if (crc8(data) !== bytes[6]) return null;
  let v = 0;
  for (const byte of data) v = v * 256 + byte;
  return v;
}

/** Draws the strip for `ms` into an 8-bit luma plane (for example the Y plane of an I420 frame). */
export function drawTimestrip(plane: Uint8Array, stride: number, width: number, height: number, ms: number): void {
  const g = timestripGeometry(width, height);
  const bits = encodeTimestrip(ms);
  const yStart = Math.max(0, Math.floor(g.y0 - g.blockH * 0.25));
  const yEnd = Math.min(height, Math.ceil(g.y0 + g.blockH * 1.25));
  // A black margin around the strip keeps the scene from bleeding into the outer blocks.
  const xStart = Math.max(0, Math.floor(g.x0 - g.blockW));
  const xEnd = Math.min(width, Math.ceil(g.x0 + (TIMESTRIP_BLOCKS + 1) * g.blockW));
  for (let y = yStart; y < yEnd; y++) plane.fill(LUMA_BLACK, y * stride + xStart, y * stride + xEnd);
  const y0 = Math.round(g.y0);
  const y1 = Math.min(height, Math.round(g.y0 + g.blockH));
  for (let i = 0; i < TIMESTRIP_BLOCKS; i++) {
    if (!bits[i]) continue;
    const x0 = Math.round(g.x0 + i * g.blockW);
    const x1 = Math.round(g.x0 + (i + 1) * g.blockW);
    for (let y = y0; y < y1; y++) plane.fill(LUMA_WHITE, y * stride + x0, y * stride + x1);
  }
}

/**
 * Reads the strip through a sampler that returns the brightness (0..255) of a pixel.
 * Each block is sampled over the middle half of its area, so scaling and compression blur at the
 * block edges do not matter. The threshold is taken from the sync blocks.
 */
export function readTimestrip(sample: (x: number, y: number) => number, width: number, height: number): number | null {
  const g = timestripGeometry(width, height);
  const level = (i: number): number => {
    const cx = g.x0 + (i + 0.5) * g.blockW;
    const cy = g.y0 + 0.5 * g.blockH;
    const rx = Math.max(0, Math.floor(g.blockW / 4));
    const ry = Math.max(0, Math.floor(g.blockH / 4));
    let sum = 0;
    let n = 0;
    for (let y = Math.floor(cy) - ry; y <= Math.floor(cy) + ry; y++) {
      for (let x = Math.floor(cx) - rx; x <= Math.floor(cx) + rx; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        sum += sample(x, y);
        n++;
      }
    }
    return n === 0 ? 0 : sum / n;
  };
  const levels: number[] = [];
  for (let i = 0; i < TIMESTRIP_BLOCKS; i++) levels.push(level(i));
  const white = (levels[0]! + levels[TIMESTRIP_BLOCKS - 1]!) / 2;
  const black = (levels[1]! + levels[TIMESTRIP_BLOCKS - 2]!) / 2;
  if (white - black < 48) return null;
  const threshold = (white + black) / 2;
  return decodeTimestripBits(levels.map((l) => l > threshold));
}

/** The rows a reader needs from a frame of this size: read only these from a canvas. */
export function timestripRows(width: number, height: number): { y: number; rows: number } {
  const g = timestripGeometry(width, height);
  const y = Math.max(0, Math.floor(g.y0));
  return { y, rows: Math.min(height - y, Math.ceil(g.blockH) + 1) };
}

/**
 * Reads the strip from RGBA pixels (as from `getImageData`) that hold rows `rowY0 ..` of a frame of
 * `width` x `height`. Uses the green channel, which carries most of the luma.
 */
export function readTimestripRGBA(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  rowY0 = 0,
): number | null {
  const rows = rgba.length / 4 / width;
  return readTimestrip(
    (x, y) => {
      const r = y - rowY0;
      if (r < 0 || r >= rows) return 0;
      return rgba[(r * width + x) * 4 + 1]!;
    },
    width,
    height,
  );
}
