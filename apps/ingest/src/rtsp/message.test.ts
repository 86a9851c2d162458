import { describe, expect, it } from 'vitest';
import { formatRequest, MAX_BODY_BYTES, RtspProtocolError, RtspReader, type RtspEvent } from './message';

const sdp = 'v=0\r\nm=video 0 RTP/AVP 96\r\n';
const response = `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`;
const packet = Buffer.from([0x24, 0, 0, 3, 0x80, 0x60, 0x01]);

function summary(events: RtspEvent[]) {
  return events.map((e) =>
    e.type === 'packet'
      ? `packet ${e.channel} ${e.data.length}`
      : `${e.message.kind} ${e.message.status || e.message.method}`,
  );
}

describe('RtspReader', () => {
  it('splits responses with bodies and interleaved packets, however the bytes are cut', () => {
    const all = Buffer.concat([
      Buffer.from(response),
      packet,
      Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n'),
      packet,
    ]);
    const whole = new RtspReader().push(all);
    expect(summary(whole)).toEqual(['response 200', 'packet 0 3', 'response 200', 'packet 0 3']);
    const first = whole[0]!;
    expect(first.type === 'message' && first.message.body).toBe(sdp);
    for (let cut = 1; cut < all.length; cut += 3) {
      const r = new RtspReader();
      expect(summary([...r.push(all.subarray(0, cut)), ...r.push(all.subarray(cut))])).toEqual(summary(whole));
    }
    const r = new RtspReader();
    const byteByByte = [...all].flatMap((b) => r.push(Buffer.of(b)));
    expect(summary(byteByByte)).toEqual(summary(whole));
  });

  it('reads a request a camera sends back, and joins repeated headers', () => {
    const [e] = new RtspReader().push(
      Buffer.from('GET_PARAMETER rtsp://x/ RTSP/1.0\r\nCSeq: 9\r\nX-A: 1\r\nx-a: 2\r\n\r\n'),
    );
    expect(e?.type === 'message' && [e.message.method, e.message.headers.get('x-a')]).toEqual([
      'GET_PARAMETER',
      '1, 2',
    ]);
  });

  it.each([
    ['garbage', Buffer.from('HTTP/1.1 200 OK\r\n\r\n')],
    ['binary noise', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x99, 0x01, 0x02, 0x03])],
    ['a header line without a name', Buffer.from('RTSP/1.0 200 OK\r\n: x\r\n\r\n')],
    ['a negative Content-Length', Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: -4\r\n\r\n')],
    ['a huge Content-Length', Buffer.from(`RTSP/1.0 200 OK\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`)],
    ['an endless header block', Buffer.from(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(20_000)}`)],
  ])('refuses %s with a protocol error instead of buffering it', (_name, bytes) => {
    expect(() => new RtspReader().push(bytes)).toThrow(RtspProtocolError);
  });

  it('writes requests and refuses header injection', () => {
    expect(formatRequest('OPTIONS', 'rtsp://h/s', { CSeq: '1' })).toBe(
      'OPTIONS rtsp://h/s RTSP/1.0\r\nCSeq: 1\r\n\r\n',
    );
    expect(() => formatRequest('OPTIONS', 'rtsp://h/s', { CSeq: '1\r\nX: y' })).toThrow(/line break/);
  });
});
