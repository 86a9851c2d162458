import { describe, expect, it } from 'vitest';
import { codecFromAvcC, isH264, isHevc, mseMimeType, parseAvcCodec, toBytes } from './codec';
import { resolveDecoder } from './createPlayer';

describe('codec helpers', () => {
  it.each([
    ['avc1.64001f', { profile: 100, constraints: 0, level: 31 }],
    ['avc1.42C01E', { profile: 66, constraints: 0xc0, level: 30 }],
    ['avc1.4d40', null],
    ['hvc1.1.6.L93.B0', null],
  ])('parses %s', (codec, info) => {
    expect(parseAvcCodec(codec)).toEqual(info);
  });

  it('derives the codec string from an avcC record', () => {
    expect(codecFromAvcC(Uint8Array.of(1, 0x64, 0x00, 0x1f, 0xff))).toBe('avc1.64001f');
    expect(codecFromAvcC(Uint8Array.of(0, 0x64, 0x00, 0x1f))).toBeNull();
  });

  it('tells codec families apart and builds the MSE type', () => {
    expect(isH264('avc1.64001f')).toBe(true);
    expect(isHevc('hev1.1.6.L93.B0')).toBe(true);
    expect(mseMimeType('avc1.64001f')).toBe('video/mp4; codecs="avc1.64001f"');
  });

  it('views binary attachments without copying', () => {
    const buf = new ArrayBuffer(8);
    expect(toBytes(buf).buffer).toBe(buf);
    const view = new DataView(buf, 2, 4);
    expect(toBytes(view)).toHaveLength(4);
  });

  it.each([
    ['auto', { webcodecs: true, mse: true }, 'webcodecs'],
    ['auto', { webcodecs: false, mse: true }, 'mse'],
    ['mse', { webcodecs: true, mse: true }, 'mse'],
    ['mse', { webcodecs: true, mse: false }, 'webcodecs'],
    ['webcodecs', { webcodecs: false, mse: true }, 'mse'],
    ['auto', { webcodecs: false, mse: false }, null],
  ] as const)('decoder %s with %o → %s', (choice, env, kind) => {
    expect(resolveDecoder(choice, env)).toBe(kind);
  });
});
