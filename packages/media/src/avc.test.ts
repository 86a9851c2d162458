import { describe, expect, it } from 'vitest';
import { buildAvcDecoderConfig, parseAvcDecoderConfig, parseSps, splitAvcc } from './avc';
import { unescapeRbsp } from './bitReader';

// SPS of x264 baseline 320x180 (level 1.3) and 1280x720 High (level 3.1), taken from ffmpeg output.
const sps320 = Uint8Array.from([
  0x67, 0x42, 0xc0, 0x0d, 0xd9, 0x01, 0x41, 0x9f, 0x9e, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03,
  0x20, 0xf1, 0x42, 0xa4, 0x80,
]);

describe('avc', () => {
  it('reads picture size and profile from an SPS', () => {
    expect(parseSps(sps320)).toEqual({
      width: 320,
      height: 180,
      profile: 66,
      level: 13,
      chromaFormat: 1,
      bitDepthLuma: 8,
      bitDepthChroma: 8,
    });
  });

  it('refuses a NAL unit that is not an SPS', () => {
    expect(() => parseSps(Uint8Array.from([0x68, 1, 2, 3]))).toThrow(/not a sequence parameter set/);
  });

  it('refuses a truncated SPS with a RangeError', () => {
    expect(() => parseSps(sps320.subarray(0, 6))).toThrow(RangeError);
  });

  it('removes emulation-prevention bytes', () => {
    expect([...unescapeRbsp(Uint8Array.from([0, 0, 3, 1, 0, 0, 3, 0, 5]))]).toEqual([0, 0, 1, 0, 0, 0, 5]);
  });

  it.each([
    ['empty', []],
    ['wrong version', [2, 66, 192, 13, 255, 225, 0, 0]],
    ['length size 3', [1, 66, 192, 13, 0xfe, 0xe1, 0, 0]],
    ['truncated sps', [1, 66, 192, 13, 255, 225, 0, 40, 0x67]],
    ['no pps count', [1, 66, 192, 13, 255, 225, 0, 1, 0x67]],
  ])('refuses a bad avcC (%s)', (_name, bytes) => {
    expect(() => parseAvcDecoderConfig(Uint8Array.from(bytes))).toThrow(RangeError);
  });

  // Records ffmpeg 5.1 wrote into FLV: the camera simulator's constrained-baseline 640x360 stream, and
  // a libx264 High 1280x720 encode (High records carry chroma format and bit depths after the PPS).
  it.each([
    ['baseline', '0142c016ffe100186742c016da0280bfe5840000030004000003002a3c58ba8001000468ce3c80', 640, 360],
    [
      'high',
      '0164001fffe1001a6764001facd9405005bb011000000300100000030320f183196001000668ebe3cb22c0fdf8f800',
      1280,
      720,
    ],
  ])('builds the same avcC as ffmpeg from the parameter sets (%s)', (_name, hexRecord, width, height) => {
    const record = Uint8Array.from(Buffer.from(hexRecord, 'hex'));
    const parsed = parseAvcDecoderConfig(record);
    expect([parsed.width, parsed.height]).toEqual([width, height]);
    expect(Buffer.from(buildAvcDecoderConfig(parsed.sps, parsed.pps)).toString('hex')).toBe(hexRecord);
  });

  it('refuses to build an avcC without both kinds of parameter set', () => {
    expect(() => buildAvcDecoderConfig([], [Uint8Array.from([0x68, 1])])).toThrow(/sequence parameter set/);
    expect(() => buildAvcDecoderConfig([sps320], [])).toThrow(/picture parameter set/);
  });

  it('splits AVCC samples and refuses overruns', () => {
    const sample = Uint8Array.from([0, 0, 0, 2, 0x65, 0x88, 0, 0, 0, 1, 0x06]);
    expect(splitAvcc(sample).map((n) => [...n])).toEqual([[0x65, 0x88], [0x06]]);
    expect(() => splitAvcc(Uint8Array.from([0, 0, 0, 9, 1]))).toThrow(/runs past/);
    expect(() => splitAvcc(Uint8Array.from([0, 0, 0, 1, 1, 7]))).toThrow(/trailing bytes/);
  });
});
