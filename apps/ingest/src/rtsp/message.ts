/**
 * The byte stream of an RTSP connection (RFC 2326) with RTP interleaved on it (10.12): responses (and
 * the odd request a camera sends back) with their bodies, and `$`-framed packets, split as they
 * arrive. Everything is bounded: a header block, a body and a frame each have a ceiling, so a camera
 * that sends garbage gets an error, never a growing buffer.
 */

export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_BODY_BYTES = 256 * 1024;

export interface RtspMessage {
  kind: 'response' | 'request';
  /** Responses: the status code. */
  status: number;
  reason: string;
  /** Requests from the camera: the method and URL. */
  method: string;
  url: string;
  /** Header names in lower case; a repeated header keeps its values joined by ", ". */
  headers: Map<string, string>;
  body: string;
}

export type RtspEvent = { type: 'message'; message: RtspMessage } | { type: 'packet'; channel: number; data: Buffer };

export class RtspProtocolError extends Error {
  override name = 'RtspProtocolError';
}

export class RtspReader {
  private buf: Buffer = Buffer.alloc(0);

  /** Adds bytes and returns every complete message and packet in them, in order. */
  push(chunk: Buffer): RtspEvent[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: RtspEvent[] = [];
    let p = 0;
    const b = this.buf;
    while (p < b.length) {
      if (b[p] === 0x24) {
        if (b.length - p < 4) break;
        const len = b.readUInt16BE(p + 2);
        if (b.length - p < 4 + len) break;
        out.push({ type: 'packet', channel: b[p + 1]!, data: b.subarray(p + 4, p + 4 + len) });
        p += 4 + len;
        continue;
      }
      const end = b.indexOf('\r\n\r\n', p, 'latin1');
      if (end < 0) {
        if (b.length - p > MAX_HEADER_BYTES) throw new RtspProtocolError('a header block longer than 16 KB');
        if (!startsLikeRtsp(b.subarray(p, p + 8)))
          throw new RtspProtocolError('bytes that are neither an RTSP message nor an interleaved packet');
        break;
      }
      if (end - p > MAX_HEADER_BYTES) throw new RtspProtocolError('a header block longer than 16 KB');
      const head = parseHead(b.toString('latin1', p, end));
      const length = Number(head.headers.get('content-length') ?? '0');
      if (!Number.isInteger(length) || length < 0) throw new RtspProtocolError('a bad Content-Length');
      if (length > MAX_BODY_BYTES) throw new RtspProtocolError(`a body of ${length} bytes (at most 256 KB)`);
      if (b.length < end + 4 + length) break;
      head.body = b.toString('utf8', end + 4, end + 4 + length);
      out.push({ type: 'message', message: head });
      p = end + 4 + length;
    }
    this.buf = p === b.length ? Buffer.alloc(0) : Buffer.from(b.subarray(p));
    return out;
  }
}

function startsLikeRtsp(start: Buffer): boolean {
  // A response starts "RTSP/", a request with an upper-case method; a partial line may be shorter.
  const s = start.toString('latin1');
  return /^(R(T(S(P(\/.*)?)?)?)?|[A-Z_]+( .*)?)$/.test(s);
}

function parseHead(text: string): RtspMessage {
  const lines = text.split('\r\n');
  const first = lines.shift() ?? '';
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RtspProtocolError(`a header line without a name: "${line.slice(0, 60)}"`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  const res = /^RTSP\/1\.\d (\d{3})(?: (.*))?$/.exec(first);
  if (res)
    return { kind: 'response', status: Number(res[1]), reason: res[2] ?? '', method: '', url: '', headers, body: '' };
  const req = /^([A-Z_]+) (\S+) RTSP\/1\.\d$/.exec(first);
  if (req) return { kind: 'request', status: 0, reason: '', method: req[1]!, url: req[2]!, headers, body: '' };
  throw new RtspProtocolError(`a status line that is not RTSP: "${first.slice(0, 60)}"`);
}

/** One request, ready for the socket. Header values may not contain line breaks. */
export function formatRequest(method: string, url: string, headers: Record<string, string>): string {
  let s = `${method} ${url} RTSP/1.0\r\n`;
  for (const [k, v] of Object.entries(headers)) {
    if (/[\r\n]/.test(k) || /[\r\n]/.test(v)) throw new RtspProtocolError(`header ${k} contains a line break`);
    s += `${k}: ${v}\r\n`;
  }
  return s + '\r\n';
}
