import { describe, expect, it } from 'vitest';
import { initSegment, listBoxes, mediaSegment } from './fmp4';

const avcC = Uint8Array.of(1, 0x42, 0xc0, 0x1e, 0xff, 0xe1, 0, 4, 0x67, 0x42, 0xc0, 0x1e, 1, 0, 2, 0x68, 0xce);

function findBox(buf: Uint8Array, path: string[]): number {
  let from = 0;
  let to = buf.length;
  const view = new DataView(buf.buffer, buf.byteOffset);
  for (const type of path) {
    let at = from;
    let found = -1;
    while (at + 8 <= to) {
      const size = view.getUint32(at);
      if (String.fromCharCode(...buf.subarray(at + 4, at + 8)) === type) {
        found = at;
        break;
      }
      at += size;
    }
    if (found < 0) return -1;
    from = found + 8 + (type === 'stsd' || type === 'dref' ? 8 : type === 'avc1' ? 78 : 0);
    to = found + view.getUint32(found);
  }
  return from;
}

describe('fMP4 muxer', () => {
  it('writes ftyp + moov with the avcC record inside avc1', () => {
    const init = initSegment(640, 360, avcC);
    expect(listBoxes(init).map(([t]) => t)).toEqual(['ftyp', 'moov']);
    expect(listBoxes(init).reduce((n, [, s]) => n + s, 0)).toBe(init.length);
    const at = findBox(init, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd', 'avc1', 'avcC']);
    expect([...init.subarray(at, at + avcC.length)]).toEqual([...avcC]);
    expect(findBox(init, ['moov', 'mvex', 'trex'])).toBeGreaterThan(0);
  });

  it('writes one moof + mdat per frame, with a data offset that points at the sample', () => {
    const data = Uint8Array.of(0, 0, 0, 2, 0x65, 0x88);
    const seg = mediaSegment({ sequence: 7, decodeTime: 2 ** 33, duration: 3600, key: true, data });
    const boxes = listBoxes(seg);
    expect(boxes.map(([t]) => t)).toEqual(['moof', 'mdat']);
    const view = new DataView(seg.buffer);
    const trun = findBox(seg, ['moof', 'traf', 'trun']);
    const dataOffset = view.getUint32(trun + 8);
    expect([...seg.subarray(dataOffset, dataOffset + data.length)]).toEqual([...data]);
    const tfdt = findBox(seg, ['moof', 'traf', 'tfdt']);
    expect(view.getUint32(tfdt + 4) * 2 ** 32 + view.getUint32(tfdt + 8)).toBe(2 ** 33);
    expect(view.getUint32(trun + 20)).toBe(0x02000000); // sync sample
  });
});
