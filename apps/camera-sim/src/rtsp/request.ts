/**
 * Incremental reader for what an RTSP client sends on its TCP connection: text requests (RFC 2326
 * section 6) and, once a session plays over TCP, interleaved binary frames (`$`, channel, length)
 * that carry the client's RTCP receiver reports. Bytes arrive in arbitrary chunks, so the reader
 * keeps what it cannot parse yet and never trusts a length it has not bounded.
 */

export interface RtspRequest {
  kind: 'request';
  method: string;
  uri: string;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Map<string, string>;
  body: Buffer;
  cseq: string | undefined;
}

export interface InterleavedFrame {
  kind: 'interleaved';
  channel: number;
  data: Buffer;
}

export type RtspInbound = RtspRequest | InterleavedFrame;

/** A request the server cannot accept; `status` is the RTSP status to answer before closing. */
export class RtspParseError extends Error {
  constructor(
    readonly status: 400 | 413 | 431 | 505,
    message: string,
  ) {
    super(message);
    this.name = 'RtspParseError';
  }
}

export interface ReaderLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
}

const DEFAULT_LIMITS: ReaderLimits = { maxHeaderBytes: 8192, maxBodyBytes: 65536 };
const HEADER_END = Buffer.from('\r\n\r\n');
const REQUEST_LINE = /^([A-Z_]{1,32}) (\S{1,4096}) RTSP\/(\d\.\d)$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;

export class RtspReader {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly limits: ReaderLimits;

  constructor(limits: Partial<ReaderLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Feeds bytes; returns every complete message. Throws RtspParseError on malformed input. */
  push(chunk: Buffer): RtspInbound[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const out: RtspInbound[] = [];
    for (;;) {
      const message = this.next();
      if (!message) break;
      out.push(message);
    }
    return out;
  }

  private next(): RtspInbound | null {
    const buf = this.buffered;
    if (buf.length === 0) return null;
    if (buf[0] === 0x24) {
      if (buf.length < 4) return null;
      const length = buf.readUInt16BE(2);
      if (buf.length < 4 + length) return null;
      this.buffered = buf.subarray(4 + length);
      return { kind: 'interleaved', channel: buf[1]!, data: Buffer.from(buf.subarray(4, 4 + length)) };
    }
    // Some clients send a bare CRLF between requests; skip it rather than failing the line.
    if (buf[0] === 0x0d || buf[0] === 0x0a) {
      this.buffered = buf.subarray(1);
      return this.next();
    }
    const end = buf.indexOf(HEADER_END);
    if (end < 0) {
      if (buf.length > this.limits.maxHeaderBytes) throw new RtspParseError(431, 'request header too large');
      if (!looksLikeRequestStart(buf)) throw new RtspParseError(400, 'not an RTSP request');
      return null;
    }
    if (end > this.limits.maxHeaderBytes) throw new RtspParseError(431, 'request header too large');
    const { method, uri, headers } = parseHead(buf.subarray(0, end).toString('latin1'));
    const lengthHeader = headers.get('content-length');
    let bodyLength = 0;
    if (lengthHeader !== undefined) {
      if (!/^\d{1,9}$/.test(lengthHeader)) throw new RtspParseError(400, `bad Content-Length "${lengthHeader}"`);
      bodyLength = Number(lengthHeader);
      if (bodyLength > this.limits.maxBodyBytes) throw new RtspParseError(413, 'request body too large');
    }
    const bodyStart = end + HEADER_END.length;
    if (buf.length < bodyStart + bodyLength) return null;
    const body = Buffer.from(buf.subarray(bodyStart, bodyStart + bodyLength));
    this.buffered = buf.subarray(bodyStart + bodyLength);
    return { kind: 'request', method, uri, headers, body, cseq: headers.get('cseq') };
  }
}

/** A partial first line can still be judged: it must start like `METHOD `, in capitals. */
function looksLikeRequestStart(buf: Buffer): boolean {
  const head = buf.subarray(0, 34).toString('latin1');
  return /^[A-Z_]{1,32}( |$)/.test(head) || /^[A-Z_]{1,32}$/.test(head);
}

function parseHead(text: string): { method: string; uri: string; headers: Map<string, string> } {
  const lines = text.split('\r\n');
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) throw new RtspParseError(400, `bad request line "${(lines[0] ?? '').slice(0, 80)}"`);
  const [, method, uri, version] = match;
  if (version !== '1.0') throw new RtspParseError(505, `RTSP version ${version} not supported`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const header = HEADER_LINE.exec(line);
    if (!header) throw new RtspParseError(400, `bad header line "${line.slice(0, 80)}"`);
    headers.set(header[1]!.toLowerCase(), header[2]!.trim());
  }
  return { method: method!, uri: uri!, headers };
}

/** Serialises a response; `CSeq` is echoed first, as clients match responses by it. */
export function formatResponse(
  status: number,
  reason: string,
  cseq: string | undefined,
  headers: Record<string, string | number> = {},
  body?: string,
): Buffer {
  const lines = [`RTSP/1.0 ${status} ${reason}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const bodyBytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
  if (bodyBytes) lines.push(`Content-Length: ${bodyBytes.length}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return bodyBytes ? Buffer.concat([head, bodyBytes]) : head;
}
