/**
 * The ingest's own RTSP client for the common case: an H.264 camera over RTSP/TCP, copied. It hands
 * each access unit on when the RTP marker says the picture is complete; ffmpeg's RTSP input cannot
 * (its H.264 parser waits for the next picture to start, which holds every frame back by one frame
 * interval: see docs/decisions/0007). Anything else (another codec, UDP, rtsps) stays with ffmpeg.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import {
  buildAvcDecoderConfig,
  H264Depacketizer,
  NAL,
  parseAvcDecoderConfig,
  parseRtp,
  toAvcc,
  type AvcConfig,
} from '@cctv/media';
import type { Logger } from '../log';
import { Authenticator, parseChallenges, UnsupportedAuth } from './auth';
import { formatRequest, RtspProtocolError, RtspReader, type RtspMessage } from './message';
import { parseVideoTrack, SdpError, type VideoTrack } from './sdp';

export interface ReceiverOptions {
  /** rtsp:// URL, with the user name and password in it when the camera needs them. */
  url: string;
  /** A request unanswered, or no data at all, for this long ends the pull. */
  ioTimeoutMs: number;
  log: Logger;
  maxAccessUnitBytes?: number;
}

/** How a pull ended: stopped on purpose, failed (words for the operator), or a codec it cannot copy. */
export type ReceiverEnd =
  { reason: 'stopped' } | { reason: 'failed'; message: string } | { reason: 'codec'; encoding: string };

interface ReceiverEvents {
  config: [{ avc: AvcConfig; record: Uint8Array }];
  frame: [key: boolean, ptsMs: number, data: Uint8Array];
  end: [ReceiverEnd];
}

class Failure extends Error {}
class SessionGone extends Failure {}

const USER_AGENT = 'cctv-ingest';

export class RtspReceiver extends EventEmitter<ReceiverEvents> {
  private socket: net.Socket | null = null;
  private readonly reader = new RtspReader();
  private cseq = 0;
  private pending: { cseq: number; resolve: (m: RtspMessage) => void; reject: (e: Error) => void } | null = null;
  private auth: Authenticator | null = null;
  private session: string | null = null;
  private keepalive: NodeJS.Timeout | null = null;
  private ended = false;
  private playing = false;
  /** SETUP succeeded: RTP on our channel is ours, even when it arrives in the same read as PLAY's answer. */
  private setUp = false;
  private track: VideoTrack | null = null;
  private rtpChannel = 0;
  private depack: H264Depacketizer;
  private sps: Uint8Array | null = null;
  private pps: Uint8Array | null = null;
  private configured = false;
  private readonly requestUrl: string;
  /** The aggregate URL that PLAY and TEARDOWN name (Content-Base, else the request URL). */
  private presentation = '';
  private readonly username: string;
  private readonly password: string;

  constructor(private readonly o: ReceiverOptions) {
    super();
    let u: URL | null = null;
    try {
      u = new URL(o.url);
    } catch {
      // run() reports it; a bad address must not throw out of a constructor into the supervisor
    }
    this.username = u ? safeDecode(u.username) : '';
    this.password = u ? safeDecode(u.password) : '';
    if (u) u.username = u.password = '';
    this.requestUrl = u ? u.toString() : '';
    this.depack = new H264Depacketizer({ maxAccessUnitBytes: o.maxAccessUnitBytes });
  }

  /** Packets lost and pictures dropped so far (for logs and stats). */
  get losses(): { lostPackets: number; droppedUnits: number } {
    return { lostPackets: this.depack.lostPackets, droppedUnits: this.depack.droppedUnits };
  }

  start(): void {
    void this.run().catch((e: unknown) => this.finish({ reason: 'failed', message: messageOf(e) }));
  }

  /** Ends the pull at once with this message (a stall, new settings); `end` follows. */
  kill(message: string): void {
    this.finish({ reason: 'failed', message });
  }

  /**
   * Says TEARDOWN (cameras allow few sessions; one left open lingers until its timeout), closes the
   * connection once that is written, and ends. Resolves at once: nothing waits for the camera's answer.
   */
  async stop(): Promise<void> {
    if (this.ended) return;
    const socket = this.socket;
    let graceful = false;
    if (socket && this.session && this.setUp && !socket.destroyed) {
      try {
        socket.write(
          formatRequest('TEARDOWN', this.presentation, {
            CSeq: String(++this.cseq),
            Session: this.session,
            'User-Agent': USER_AGENT,
            ...this.authHeader('TEARDOWN', this.presentation),
          }),
        );
        graceful = true;
      } catch {
        // closing anyway
      }
    }
    this.finish({ reason: 'stopped' }, graceful);
  }

  private async run(): Promise<void> {
    if (!this.requestUrl) throw new Failure('The camera address is not a valid rtsp:// URL.');
    const u = new URL(this.requestUrl);
    if (u.protocol !== 'rtsp:') throw new Failure(`The receiver only speaks rtsp:// (not ${u.protocol}).`);
    await this.connect(u.hostname.replace(/^\[|\]$/g, ''), Number(u.port || 554));
    const options = await this.request('OPTIONS', this.requestUrl, {});
    const publicMethods = (options.headers.get('public') ?? '').toUpperCase();
    const described = await this.request('DESCRIBE', this.requestUrl, { Accept: 'application/sdp' });
    const base = described.headers.get('content-base') ?? described.headers.get('content-location') ?? this.requestUrl;
    this.presentation = base;
    let track: VideoTrack;
    try {
      track = parseVideoTrack(described.body, base);
    } catch (e) {
      if (e instanceof SdpError) throw new Failure(`The camera's stream description could not be used: ${e.message}.`);
      throw e;
    }
    if (track.encoding !== 'H264') {
      this.finish({ reason: 'codec', encoding: track.encoding });
      return;
    }
    if (track.packetizationMode > 1)
      throw new Failure('The camera uses the interleaved H.264 packetization mode, which is not supported.');
    this.track = track;
    for (const nal of track.parameterSets) this.noteParameterSet(nal);
    this.tryConfigure();
    const setup = await this.request('SETUP', track.control, { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
    const sessionHeader = setup.headers.get('session');
    if (!sessionHeader) throw new Failure('The camera answered SETUP without a session.');
    const [id, ...params] = sessionHeader.split(';');
    this.session = id!.trim();
    const timeoutParam = params.map((p) => /^\s*timeout\s*=\s*(\d+)/i.exec(p)?.[1]).find(Boolean);
    const sessionTimeoutS = timeoutParam ? Number(timeoutParam) : 60;
    const interleaved = /interleaved=(\d+)/i.exec(setup.headers.get('transport') ?? '');
    if (interleaved) this.rtpChannel = Number(interleaved[1]);
    this.setUp = true;
    if (/RTP\/AVP(?!\/TCP)/i.test(setup.headers.get('transport') ?? '') && !interleaved)
      throw new Failure('The camera would not send RTP over the RTSP connection (TCP).');
    // PLAY names the presentation (the aggregate URL), which for one track is also what cameras accept.
    await this.request('PLAY', base, { Range: 'npt=0.000-' });
    this.playing = true;
    const keepaliveMethod = publicMethods.includes('GET_PARAMETER') ? 'GET_PARAMETER' : 'OPTIONS';
    const every = Math.max(1000, Math.min(30_000, (sessionTimeoutS * 1000) / 2));
    this.keepalive = setInterval(() => {
      this.request(keepaliveMethod, this.requestUrl, {}).catch((e: unknown) => {
        // A camera that has forgotten the session will not send more: reconnect now rather than at the
        // data timeout. Other refusals (a keep-alive method it does not like) change nothing.
        if (e instanceof SessionGone) this.finish({ reason: 'failed', message: e.message });
      });
    }, every);
    this.keepalive.unref();
  }

  private connect(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      this.socket = socket;
      socket.setTimeout(this.o.ioTimeoutMs);
      socket.once('connect', () => resolve());
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('timeout', () =>
        this.finish({ reason: 'failed', message: 'The camera stopped answering (timed out).' }),
      );
      socket.on('error', (err: NodeJS.ErrnoException) => {
        const message = socketMessage(err);
        reject(new Failure(message));
        this.finish({ reason: 'failed', message });
      });
      socket.on('close', () => this.finish({ reason: 'failed', message: 'The camera closed the connection.' }));
    });
  }

  private async request(method: string, url: string, extra: Record<string, string>): Promise<RtspMessage> {
    let res = await this.send(method, url, extra);
    if (res.status === 401) {
      if (!this.username) throw new Failure('The camera asks for a user name and password, and none is set.');
      const stale = this.auth !== null && /stale\s*=\s*"?true/i.test(res.headers.get('www-authenticate') ?? '');
      if (this.auth && !stale) throw new Failure('The camera refused the user name or password.');
      const challenge = parseChallenges(res.headers.get('www-authenticate'))[0];
      if (!challenge) throw new Failure('The camera asks for a kind of sign-in that is not supported.');
      try {
        this.auth = new Authenticator(challenge, this.username, this.password);
      } catch (e) {
        if (e instanceof UnsupportedAuth) throw new Failure(`The camera's sign-in cannot be used: ${e.message}.`);
        throw e;
      }
      if (challenge.scheme === 'basic')
        this.o.log.warn(
          { url: this.requestUrl },
          'camera offers only Basic authentication: its password crosses the network unprotected',
        );
      res = await this.send(method, url, extra);
      if (res.status === 401) throw new Failure('The camera refused the user name or password.');
    }
    if (res.status === 404) throw new Failure('The camera has no stream at that address (404).');
    if (res.status === 461) throw new Failure('The camera would not send RTP over the RTSP connection (TCP).');
    if (res.status === 454 && this.playing) throw new SessionGone('The camera ended the session.');
    if (res.status < 200 || res.status >= 300)
      throw new Failure(`The camera answered ${method} with ${res.status} ${res.reason}`.trim() + '.');
    return res;
  }

  private send(method: string, url: string, extra: Record<string, string>): Promise<RtspMessage> {
    const socket = this.socket;
    if (!socket || socket.destroyed || this.ended)
      return Promise.reject(new Failure('The camera closed the connection.'));
    if (this.pending) return Promise.reject(new Failure('internal: one request at a time'));
    const cseq = ++this.cseq;
    const headers: Record<string, string> = {
      CSeq: String(cseq),
      'User-Agent': USER_AGENT,
      ...(this.session ? { Session: this.session } : {}),
      ...this.authHeader(method, url),
      ...extra,
    };
    return new Promise((resolve, reject) => {
      this.pending = { cseq, resolve, reject };
      socket.write(formatRequest(method, url, headers));
    });
  }

  private authHeader(method: string, url: string): Record<string, string> {
    return this.auth ? { Authorization: this.auth.header(method, url) } : {};
  }

  private onData(chunk: Buffer): void {
    if (this.ended) return;
    let events;
    try {
      events = this.reader.push(chunk);
    } catch (e) {
      const detail = e instanceof RtspProtocolError ? e.message : String(e);
      this.finish({ reason: 'failed', message: `The camera sent data that could not be read: ${detail}.` });
      return;
    }
    for (const ev of events) {
      if (this.ended) return;
      if (ev.type === 'packet') {
        if (ev.channel === this.rtpChannel && this.setUp) this.onRtp(ev.data);
        continue;
      }
      const m = ev.message;
      if (m.kind === 'request') {
        // Some cameras ping their clients; answer what is harmless, refuse the rest.
        const ok = m.method === 'OPTIONS' || m.method === 'GET_PARAMETER';
        this.socket?.write(
          `RTSP/1.0 ${ok ? '200 OK' : '501 Not Implemented'}\r\nCSeq: ${(m.headers.get('cseq') ?? '0').replace(/\D/g, '')}\r\n\r\n`,
        );
        continue;
      }
      const p = this.pending;
      if (p && Number(m.headers.get('cseq')) === p.cseq) {
        this.pending = null;
        p.resolve(m);
      }
    }
  }

  private onRtp(data: Buffer): void {
    const packet = parseRtp(data);
    if (!packet || packet.payloadType !== this.track?.payloadType) return;
    let units;
    try {
      units = this.depack.push(packet);
    } catch (e) {
      this.finish({ reason: 'failed', message: `The camera sent video that could not be read: ${messageOf(e)}.` });
      return;
    }
    for (const unit of units) {
      for (const nal of unit.nals) this.noteParameterSet(nal);
      this.tryConfigure();
      if (!this.configured || unit.nals.every((n) => (n[0]! & 0x1f) === NAL.SPS || (n[0]! & 0x1f) === NAL.PPS))
        continue;
      const ptsMs = Math.round((unit.timestamp * 1000) / (this.track?.clockRate ?? 90000));
      this.emit('frame', unit.key, ptsMs, toAvcc(unit.nals.filter((n) => (n[0]! & 0x1f) !== NAL.AUD)));
    }
  }

  private noteParameterSet(nal: Uint8Array): void {
    const type = nal[0]! & 0x1f;
    if (type === NAL.SPS && !same(nal, this.sps)) {
      this.sps = nal;
      this.configured = false;
    } else if (type === NAL.PPS && !same(nal, this.pps)) {
      this.pps = nal;
      this.configured = false;
    }
  }

  /** A new configuration (first, or the camera changed its parameter sets) goes out before its frame. */
  private tryConfigure(): void {
    if (this.configured || !this.sps || !this.pps) return;
    let record: Uint8Array;
    let avc: AvcConfig;
    try {
      record = buildAvcDecoderConfig([this.sps], [this.pps]);
      avc = parseAvcDecoderConfig(record);
    } catch (e) {
      this.finish({ reason: 'failed', message: `The camera's H.264 parameters could not be read: ${messageOf(e)}.` });
      return;
    }
    this.configured = true;
    this.emit('config', { avc, record });
  }

  private finish(end: ReceiverEnd, graceful = false): void {
    if (this.ended) return;
    this.ended = true;
    this.playing = false;
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
    const p = this.pending;
    this.pending = null;
    p?.reject(new Failure(end.reason === 'failed' ? end.message : 'The pull was stopped.'));
    const socket = this.socket;
    this.socket = null;
    if (socket && graceful) {
      socket.end(); // sends what is written (the TEARDOWN), then closes
      setTimeout(() => socket.destroy(), 1000).unref();
    } else socket?.destroy();
    this.emit('end', end);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function same(a: Uint8Array, b: Uint8Array | null): boolean {
  return b !== null && a.length === b.length && a.every((v, i) => v === b[i]);
}

function messageOf(e: unknown): string {
  if (e instanceof Failure) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function socketMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'The camera refused the connection: it may be off or rebooting.';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'The camera cannot be reached on the network.';
    case 'ETIMEDOUT':
      return 'The camera stopped answering (timed out).';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The camera closed the connection.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "The camera's host name could not be found.";
    default:
      return `The connection to the camera failed (${err.code ?? err.message}).`;
  }
}
