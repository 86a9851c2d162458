/**
 * One RTSP session playing one stream: rewrites each packet for this client (own SSRC, sequence,
 * timestamp base) and sends it over the RTSP connection (interleaved) or UDP. A session joins the
 * stream at a keyframe, so the client's first frame decodes. A slow TCP client does not make the
 * server buffer: past `maxBufferedBytes` queued on the socket, packets are dropped until the next
 * keyframe, and a client that stays that slow for `slowClientTimeoutMs` is disconnected.
 */
import { randomBytes } from 'node:crypto';
import type { Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import type { StreamPacket, VideoStream } from '../media/stream.js';
import { rewriteRtpHeader } from './rtp.js';

export type SessionTransport =
  | { kind: 'tcp'; socket: Socket; channel: number }
  | { kind: 'udp'; socket: UdpSocket; address: string; rtpPort: number; rtcpPort: number };

export interface SessionLimits {
  maxBufferedBytes: number;
  slowClientTimeoutMs: number;
}

export interface SessionHooks {
  /** True while the camera is stalled: nothing is sent. */
  isStalled(): boolean;
  /** Called when the session must end because its client cannot keep up. */
  onSlowClient(session: RtspSession): void;
}

export class RtspSession {
  readonly ssrc = randomBytes(4).readUInt32BE(0);
  private seq = randomBytes(2).readUInt16BE(0);
  private readonly tsBase = randomBytes(4).readUInt32BE(0);
  private waitingForKey = true;
  private droppingSince: number | undefined;
  private unsubscribe: (() => void) | undefined;
  lastActivity = Date.now();
  packetsSent = 0;
  packetsDropped = 0;

  constructor(
    readonly id: string,
    readonly stream: VideoStream,
    readonly streamName: string,
    readonly transport: SessionTransport,
    private readonly limits: SessionLimits,
    private readonly hooks: SessionHooks,
  ) {}

  get playing(): boolean {
    return this.unsubscribe !== undefined;
  }

  /** Sequence and timestamp of the next packet, for the RTP-Info header of PLAY. */
  nextRtpInfo(): { seq: number; rtptime: number } {
    return { seq: this.seq & 0xffff, rtptime: (this.tsBase + this.stream.lastTimestamp) >>> 0 };
  }

  play(): void {
    if (this.unsubscribe) return;
    this.waitingForKey = true;
    this.unsubscribe = this.stream.subscribe((packets) => this.deliver(packets));
  }

  pause(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  close(): void {
    this.pause();
  }

  private deliver(packets: readonly StreamPacket[]): void {
    if (this.hooks.isStalled()) {
      // After a stall the client gets a clean picture again from the next keyframe.
      this.waitingForKey = true;
      return;
    }
    // The cap is checked before waiting for a keyframe, so a client that stays slow is caught mid-GOP too.
    if (this.transport.kind === 'tcp' && this.overCap(this.transport.socket, packets.length)) return;
    let start = 0;
    if (this.waitingForKey) {
      start = packets.findIndex((p) => p.keyStart);
      if (start < 0) return;
      this.waitingForKey = false;
    }
    if (this.transport.kind === 'tcp') this.sendTcp(this.transport, packets, start);
    else this.sendUdp(this.transport, packets, start);
  }

  private sendTcp(t: { socket: Socket; channel: number }, packets: readonly StreamPacket[], start: number): void {
    if (t.socket.destroyed) return;
    let total = 0;
    for (let i = start; i < packets.length; i++) total += 4 + packets[i]!.data.length;
    // One write per batch: a frame's packets leave in one syscall instead of one each.
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    for (let i = start; i < packets.length; i++) {
      const p = packets[i]!;
      out[at] = 0x24;
      out[at + 1] = t.channel;
      out.writeUInt16BE(p.data.length, at + 2);
      p.data.copy(out, at + 4);
      rewriteRtpHeader(out, at + 4, this.seq++, this.tsBase + p.ts, this.ssrc);
      at += 4 + p.data.length;
    }
    this.packetsSent += packets.length - start;
    t.socket.write(out);
  }

  private overCap(socket: Socket, count: number): boolean {
    if (socket.writableLength <= this.limits.maxBufferedBytes) {
      this.droppingSince = undefined;
      return false;
    }
    const now = Date.now();
    this.droppingSince ??= now;
    this.packetsDropped += count;
    this.waitingForKey = true;
    if (now - this.droppingSince > this.limits.slowClientTimeoutMs) this.hooks.onSlowClient(this);
    return true;
  }

  private sendUdp(
    t: { socket: UdpSocket; address: string; rtpPort: number },
    packets: readonly StreamPacket[],
    start: number,
  ): void {
    for (let i = start; i < packets.length; i++) {
      const p = packets[i]!;
      const out = Buffer.allocUnsafe(p.data.length);
      p.data.copy(out);
      rewriteRtpHeader(out, 0, this.seq++, this.tsBase + p.ts, this.ssrc);
      // UDP send errors (client gone, port closed) are the client's loss, as on a real network.
      t.socket.send(out, t.rtpPort, t.address, () => undefined);
    }
    this.packetsSent += packets.length - start;
  }
}

export function newSessionId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
