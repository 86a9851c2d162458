import { describe, expect, it } from 'vitest';
import { H264Depacketizer, parseRtp, toAvcc, type AccessUnit, type RtpPacket } from './rtpH264';

const sps = Uint8Array.from([0x67, 0x42, 0xc0, 0x16, 0xda, 0x02]);
const pps = Uint8Array.from([0x68, 0xce, 0x3c, 0x80]);
const nal = (type: number, size: number, fill = 0x11): Uint8Array => {
  const n = new Uint8Array(size).fill(fill);
  n[0] = 0x60 | type;
  return n;
};

/** A sender's packetizer (RFC 6184 mode 1): STAP-A for small NALs in a row, FU-A for large ones. */
function packetize(nals: Uint8Array[], timestamp: number, seq: { n: number }, mtu = 1200, marker = true): RtpPacket[] {
  const out: RtpPacket[] = [];
  const push = (payload: Uint8Array) =>
    out.push({ payloadType: 96, marker: false, seq: seq.n++ & 0xffff, timestamp, ssrc: 1, payload });
  const small = nals.filter((n) => n.length < 100);
  if (small.length > 1) {
    const parts: Uint8Array[] = [Uint8Array.of(0x78)];
    for (const n of small) parts.push(Uint8Array.of(n.length >> 8, n.length & 0xff), n);
    push(Uint8Array.from(parts.flatMap((p) => [...p])));
  } else small.forEach((n) => push(n));
  for (const n of nals.filter((x) => x.length >= 100)) {
    if (n.length <= mtu) {
      push(n);
      continue;
    }
    const body = n.subarray(1);
    for (let i = 0; i < body.length; i += mtu) {
      const s = i === 0 ? 0x80 : 0;
      const e = i + mtu >= body.length ? 0x40 : 0;
      push(Uint8Array.from([(n[0]! & 0xe0) | 28, s | e | (n[0]! & 0x1f), ...body.subarray(i, i + mtu)]));
    }
  }
  if (marker) out[out.length - 1]!.marker = true;
  return out;
}

function feed(d: H264Depacketizer, packets: RtpPacket[]): { unit: AccessUnit; afterPacket: number }[] {
  const got: { unit: AccessUnit; afterPacket: number }[] = [];
  packets.forEach((p, i) => d.push(p).forEach((unit) => got.push({ unit, afterPacket: i })));
  return got;
}

describe('H.264 over RTP', () => {
  it('hands on each picture at its marker packet, not when the next picture starts', () => {
    const seq = { n: 65530 }; // crosses the 16-bit wrap
    const idr = nal(5, 5000);
    const p1 = nal(1, 900);
    const p2 = nal(1, 2500);
    const packets = [
      ...packetize([sps, pps, idr], 1000, seq),
      ...packetize([p1], 4600, seq),
      ...packetize([p2], 8200, seq),
    ];
    const d = new H264Depacketizer();
    const got = feed(d, packets);
    expect(got.map((g) => g.afterPacket)).toEqual([5, 6, 9]); // the last packet of each picture
    expect(got.map((g) => g.unit.key)).toEqual([true, false, false]);
    expect(got.map((g) => g.unit.timestamp)).toEqual([0, 3600, 7200]);
    expect(got[0]!.unit.nals).toEqual([sps, pps, idr]); // FU-A reassembled byte for byte
    expect(got[2]!.unit.nals).toEqual([p2]);
    expect(d.lostPackets).toBe(0);
  });

  it('closes a picture on a new timestamp when the camera never sets the marker', () => {
    const seq = { n: 0 };
    const d = new H264Depacketizer();
    const got = feed(d, [
      ...packetize([sps, pps, nal(5, 300)], 0, seq, 1200, false),
      ...packetize([nal(1, 300)], 3600, seq, 1200, false),
    ]);
    expect(got).toHaveLength(1);
    expect(got[0]!.unit.key).toBe(true);
  });

  it('drops a picture with a lost packet and waits for the next keyframe', () => {
    const seq = { n: 100 };
    const packets = [
      ...packetize([sps, pps, nal(5, 3000)], 0, seq),
      ...packetize([nal(1, 3000)], 3600, seq), // loses its middle packet below
      ...packetize([nal(1, 500)], 7200, seq), // refers to the broken picture: dropped
      ...packetize([sps, pps, nal(5, 3000)], 10800, seq),
      ...packetize([nal(1, 500)], 14400, seq),
    ];
    const lostIndex = packets.findIndex((p) => p.timestamp === 3600) + 1;
    packets.splice(lostIndex, 1);
    const d = new H264Depacketizer();
    const got = feed(d, packets).map((g) => g.unit);
    expect(got.map((u) => [u.timestamp, u.key])).toEqual([
      [0, true],
      [10800, true],
      [14400, false],
    ]);
    expect(d.lostPackets).toBe(1);
    expect(d.droppedUnits).toBe(2);
  });

  it('starts with a keyframe: pictures before the first one are dropped, parameter sets kept', () => {
    const seq = { n: 0 };
    const d = new H264Depacketizer();
    const got = feed(d, [
      ...packetize([nal(1, 400)], 0, seq),
      ...packetize([sps, pps], 3600, seq),
      ...packetize([nal(5, 400)], 3600, seq),
    ]).map((g) => g.unit);
    expect(got.map((u) => u.nals.length)).toEqual([2, 1]);
    expect(got[1]!.key).toBe(true);
  });

  it('keeps time running forward across the 32-bit timestamp wrap', () => {
    const seq = { n: 0 };
    const d = new H264Depacketizer();
    const start = 2 ** 32 - 3600;
    const got = feed(d, [
      ...packetize([sps, pps, nal(5, 200)], start, seq),
      ...packetize([nal(1, 200)], 0, seq),
      ...packetize([nal(1, 200)], 3600, seq),
    ]).map((g) => g.unit.timestamp);
    expect(got).toEqual([0, 3600, 7200]);
  });

  it('drops a picture larger than the limit instead of growing without bound', () => {
    const seq = { n: 0 };
    const d = new H264Depacketizer({ maxAccessUnitBytes: 10_000 });
    const got = feed(d, [
      ...packetize([sps, pps, nal(5, 20_000)], 0, seq),
      ...packetize([nal(1, 200)], 3600, seq),
      ...packetize([sps, pps, nal(5, 2_000)], 7200, seq),
    ]).map((g) => g.unit.nals.map((n) => n.length));
    expect(got).toEqual([[sps.length, pps.length, 2_000]]);
    expect(d.droppedUnits).toBe(2);
  });

  it.each([
    ['STAP-A with a size past the end', [0x78, 0x00, 0x40, 0x67]],
    ['STAP-A with a zero size', [0x78, 0x00, 0x00]],
    ['FU-A continuation without its start', [0x7c, 0x01, 0x22, 0x33]],
    ['FU-A too short', [0x7c]],
    ['FU-B (interleaved mode)', [0x7d, 0x85, 0, 0, 1]],
    ['reserved type 30', [0x7e, 1, 2]],
  ])('refuses a malformed payload without throwing: %s', (_name, bytes) => {
    const seq = { n: 0 };
    const d = new H264Depacketizer();
    feed(d, packetize([sps, pps, nal(5, 200)], 0, seq));
    const bad: RtpPacket = {
      payloadType: 96,
      marker: true,
      seq: seq.n++,
      timestamp: 3600,
      ssrc: 1,
      payload: Uint8Array.from(bytes),
    };
    expect(d.push(bad)).toEqual([]);
    expect(d.droppedUnits).toBe(1);
    // and the next keyframe decodes again
    expect(feed(d, packetize([sps, pps, nal(5, 200)], 7200, seq)).map((g) => g.unit.key)).toEqual([true]);
  });

  it('survives random bytes', () => {
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const d = new H264Depacketizer({ maxAccessUnitBytes: 100_000 });
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (rnd() % 64) }, rnd);
      const p = parseRtp(Uint8Array.from([0x80, rnd(), rnd(), rnd(), 0, 0, 0, rnd() & 3, 0, 0, 0, 1, ...bytes]));
      if (p) expect(() => d.push(p)).not.toThrow();
    }
  });
});

describe('parseRtp', () => {
  it('reads the header and finds the payload past CSRCs, an extension and padding', () => {
    const packet = Uint8Array.from([
      0xb1,
      0xe0,
      0x12,
      0x34,
      0,
      0,
      0x0e,
      0x10,
      0xde,
      0xad,
      0xbe,
      0xef, // V=2 P X CC=1, M, PT 96
      1,
      2,
      3,
      4, // CSRC
      0xbe,
      0xde,
      0x00,
      0x01,
      9,
      9,
      9,
      9, // extension of one word
      0x65,
      0x88, // payload
      0,
      0,
      3, // padding of 3
    ]);
    expect(parseRtp(packet)).toEqual({
      payloadType: 96,
      marker: true,
      seq: 0x1234,
      timestamp: 3600,
      ssrc: 0xdeadbeef,
      payload: Uint8Array.from([0x65, 0x88]),
    });
  });

  it.each([
    ['too short', [0x80, 0x60, 0, 1]],
    ['version 1', [0x40, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x65]],
    ['extension past the end', [0x90, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xbe, 0xde, 0, 9]],
    ['padding longer than the packet', [0xa0, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x65, 40]],
    ['padding of zero', [0xa0, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x65, 0]],
  ])('refuses %s', (_name, bytes) => {
    expect(parseRtp(Uint8Array.from(bytes))).toBeNull();
  });

  it('writes length-prefixed samples', () => {
    expect([...toAvcc([Uint8Array.of(0x65, 1), Uint8Array.of(0x06)])]).toEqual([0, 0, 0, 2, 0x65, 1, 0, 0, 0, 1, 6]);
  });
});
