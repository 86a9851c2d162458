import { describe, expect, it } from 'vitest';
import { interleavedHeader, isRtcp, isRtp, rewriteRtpHeader, rtpPayloadOffset, startsKeyframe } from './rtp.js';

function rtp(payload: number[], opts: { marker?: boolean; csrc?: number; ext?: number[] } = {}): Buffer {
  const csrc = opts.csrc ?? 0;
  const head = Buffer.alloc(12 + csrc * 4);
  head[0] = 0x80 | (opts.ext ? 0x10 : 0) | csrc;
  head[1] = (opts.marker ? 0x80 : 0) | 96;
  head.writeUInt16BE(1000, 2);
  head.writeUInt32BE(123456, 4);
  head.writeUInt32BE(0xdeadbeef, 8);
  const ext = opts.ext ? Buffer.from([0xbe, 0xde, 0, opts.ext.length / 4, ...opts.ext]) : Buffer.alloc(0);
  return Buffer.concat([head, ext, Buffer.from(payload)]);
}

describe('RTP headers', () => {
  it('rewrites sequence, timestamp and SSRC in place, wrapping', () => {
    const p = rtp([0x65, 1, 2]);
    rewriteRtpHeader(p, 0, 0x1ffff, 2 ** 32 + 5, 0x01020304);
    expect(p.readUInt16BE(2)).toBe(0xffff);
    expect(p.readUInt32BE(4)).toBe(5);
    expect(p.readUInt32BE(8)).toBe(0x01020304);
    expect([...p.subarray(12)]).toEqual([0x65, 1, 2]);
  });

  it('finds the payload after CSRCs and a header extension', () => {
    expect(rtpPayloadOffset(rtp([1]))).toBe(12);
    expect(rtpPayloadOffset(rtp([1], { csrc: 2 }))).toBe(20);
    expect(rtpPayloadOffset(rtp([1], { ext: [0, 0, 0, 0] }))).toBe(20);
    expect(rtpPayloadOffset(Buffer.from([0x80, 96]))).toBeNull();
  });

  it('tells RTCP reports from RTP', () => {
    const sr = Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 1]);
    expect(isRtcp(sr)).toBe(true);
    expect(isRtcp(rtp([0x65]))).toBe(false);
    expect(isRtp(Buffer.from('hello world!'))).toBe(false);
  });

  it('frames a packet for TCP interleaving', () => {
    expect([...interleavedHeader(2, 0x0102)]).toEqual([0x24, 2, 1, 2]);
    expect(() => interleavedHeader(0, 70000)).toThrow(RangeError);
  });
});

describe('startsKeyframe', () => {
  it.each([
    ['H.264 SPS', 'h264', [0x67, 0x42], true],
    ['H.264 IDR slice', 'h264', [0x65, 0x88], true],
    ['H.264 P slice', 'h264', [0x41, 0x9a], false],
    ['H.264 STAP-A with SPS', 'h264', [0x78, 0, 2, 0x67, 0x42, 0, 1, 0x68], true],
    ['H.264 STAP-A with SEI only', 'h264', [0x78, 0, 1, 0x06], false],
    ['H.264 FU-A start of IDR', 'h264', [0x7c, 0x85, 0], true],
    ['H.264 FU-A middle of IDR', 'h264', [0x7c, 0x05, 0], false],
    ['H.264 FU-A start of P', 'h264', [0x7c, 0x81, 0], false],
    ['H.265 VPS', 'h265', [0x40, 0x01], true],
    ['H.265 IDR_W_RADL', 'h265', [0x26, 0x01], true],
    ['H.265 TRAIL_R', 'h265', [0x02, 0x01], false],
    ['H.265 AP with VPS', 'h265', [0x60, 0x01, 0, 2, 0x40, 0x01], true],
    ['H.265 FU start of IDR', 'h265', [0x62, 0x01, 0x93], true],
    ['H.265 FU start of TRAIL_R', 'h265', [0x62, 0x01, 0x81], false],
  ] as const)('%s -> %s', (_name, codec, payload, expected) => {
    expect(startsKeyframe(codec, rtp([...payload]))).toBe(expected);
  });
});
