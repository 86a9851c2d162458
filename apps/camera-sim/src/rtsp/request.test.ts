import { describe, expect, it } from 'vitest';
import { formatResponse, RtspParseError, RtspReader } from './request.js';

const req = (text: string): Buffer => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

describe('RtspReader', () => {
  it('parses a request with headers, lower-casing names', () => {
    const [m] = new RtspReader().push(req('DESCRIBE rtsp://h:1/main RTSP/1.0\nCSeq: 2\nAccept: application/sdp\n\n'));
    expect(m).toMatchObject({ kind: 'request', method: 'DESCRIBE', uri: 'rtsp://h:1/main', cseq: '2' });
    expect(m?.kind === 'request' && m.headers.get('accept')).toBe('application/sdp');
  });

  it('waits for the rest of a request split across chunks, byte by byte', () => {
    const reader = new RtspReader();
    const bytes = req('SET_PARAMETER * RTSP/1.0\nCSeq: 9\nContent-Length: 5\n\nhello');
    const out = [];
    for (let i = 0; i < bytes.length; i++) out.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(out).toHaveLength(1);
    expect(out[0]?.kind === 'request' && out[0].body.toString()).toBe('hello');
  });

  it('reads pipelined requests and interleaved frames from one chunk', () => {
    const frame = Buffer.from([0x24, 1, 0, 3, 0xaa, 0xbb, 0xcc]);
    const chunk = Buffer.concat([
      req('OPTIONS * RTSP/1.0\nCSeq: 1\n\n'),
      frame,
      req('\r\nPLAY /m RTSP/1.0\nCSeq: 2\n\n'),
    ]);
    const out = new RtspReader().push(chunk);
    expect(out.map((m) => m.kind)).toEqual(['request', 'interleaved', 'request']);
    expect(out[1]).toEqual({ kind: 'interleaved', channel: 1, data: Buffer.from([0xaa, 0xbb, 0xcc]) });
  });

  it('keeps a truncated interleaved frame until it is complete', () => {
    const reader = new RtspReader();
    expect(reader.push(Buffer.from([0x24, 0, 0, 4, 1, 2]))).toEqual([]);
    expect(reader.push(Buffer.from([3, 4]))).toHaveLength(1);
  });

  it.each([
    ['garbage bytes', Buffer.from([0x00, 0xff, 0x13, 0x37]), 400],
    ['an HTTP request', req('GET / HTTP/1.1\nHost: x\n\n'), 400],
    ['lower-case method', req('options * RTSP/1.0\n\n'), 400],
    ['RTSP 2.0', req('OPTIONS * RTSP/2.0\nCSeq: 1\n\n'), 505],
    ['a malformed header', req('OPTIONS * RTSP/1.0\nno colon here\n\n'), 400],
    ['a bad Content-Length', req('OPTIONS * RTSP/1.0\nContent-Length: -1\n\n'), 400],
    ['a huge Content-Length', req('OPTIONS * RTSP/1.0\nContent-Length: 99999999\n\n'), 413],
    ['an endless header', req(`OPTIONS * RTSP/1.0\nX: ${'a'.repeat(9000)}`), 431],
  ])('rejects %s with status %i', (_name, bytes, status) => {
    const attempt = (): unknown => new RtspReader().push(bytes);
    expect(attempt).toThrow(RtspParseError);
    try {
      attempt();
    } catch (err) {
      expect((err as RtspParseError).status).toBe(status);
    }
  });
});

describe('formatResponse', () => {
  it('echoes CSeq first and adds Content-Length for a body', () => {
    const text = formatResponse(200, 'OK', '7', { Public: 'OPTIONS' }, 'v=0\r\n').toString();
    expect(text).toBe('RTSP/1.0 200 OK\r\nCSeq: 7\r\nPublic: OPTIONS\r\nContent-Length: 5\r\n\r\nv=0\r\n');
  });
});
