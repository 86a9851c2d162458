import { describe, expect, it } from 'vitest';
import {
  crc8,
  decodeTimestripBits,
  drawTimestrip,
  encodeTimestrip,
  readTimestrip,
  readTimestripRGBA,
  timestripRows,
} from './index';

describe('timestrip', () => {
  it.each([0, 1, 1_764_355_200_123, 2 ** 48 - 1])('round-trips %d through bits', (ms) => {
    expect(decodeTimestripBits(encodeTimestrip(ms))).toBe(ms);
  });

  it('rejects a flipped bit through the checksum', () => {
    const bits = encodeTimestrip(1_764_355_200_123);
    for (let i = 2; i < 58; i++) {
      const copy = [...bits];
      copy[i] = !copy[i];
      expect(decodeTimestripBits(copy)).toBeNull();
    }
  });

  it('rejects a missing sync pattern', () => {
    const bits = encodeTimestrip(42);
    bits[0] = false;
    expect(decodeTimestripBits(bits)).toBeNull();
  });

  it('matches a known CRC-8 check value', () => {
    // CRC-8/SMBUS check value for "123456789".
    expect(crc8([...'123456789'].map((c) => c.charCodeAt(0)))).toBe(0xf4);
  });

  it('rejects bad input to the encoder', () => {
    expect(() => encodeTimestrip(-1)).toThrow(RangeError);
    expect(() => encodeTimestrip(Number.NaN)).toThrow(RangeError);
  });

  it.each([
    [1280, 720],
    [640, 360],
    [320, 180],
    [352, 288],
  ])('draws and reads back a %dx%d luma plane', (w, h) => {
    const plane = new Uint8Array(w * h).fill(128);
    const ms = 1_764_355_200_000 + w * 7 + h;
    drawTimestrip(plane, w, w, h, ms);
    expect(readTimestrip((x, y) => plane[y * w + x]!, w, h)).toBe(ms);
  });

  it('reads a picture scaled to another size (nearest neighbour) and from RGBA rows', () => {
    const [w, h] = [640, 360];
    const plane = new Uint8Array(w * h).fill(90);
    const ms = 1_800_000_000_555;
    drawTimestrip(plane, w, w, h, ms);
    const [sw, sh] = [480, 270];
    const { y, rows } = timestripRows(sw, sh);
    const rgba = new Uint8ClampedArray(sw * rows * 4);
    for (let r = 0; r < rows; r++) {
      for (let x = 0; x < sw; x++) {
        const v = plane[Math.floor(((y + r) * h) / sh) * w + Math.floor((x * w) / sw)]!;
        rgba.set([v, v, v, 255], (r * sw + x) * 4);
      }
    }
    expect(readTimestripRGBA(rgba, sw, sh, y)).toBe(ms);
  });

  it('returns null for a picture without a strip', () => {
    expect(readTimestrip(() => 128, 640, 360)).toBeNull();
    expect(readTimestrip((x) => (x % 20 < 10 ? 16 : 235), 640, 360)).toBeNull();
  });
});
