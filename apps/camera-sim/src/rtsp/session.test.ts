import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { VideoStream } from '../media/stream.js';
import { RtspSession } from './session.js';

function packet(payload: number[], seq: number, ts: number, marker = true): Buffer {
  const p = Buffer.alloc(12 + payload.length);
  p[0] = 0x80;
  p[1] = (marker ? 0x80 : 0) | 96;
  p.writeUInt16BE(seq, 2);
  p.writeUInt32BE(ts, 4);
  Buffer.from(payload).copy(p, 12);
  return p;
}
const IDR = [0x65, 0x88, 0x84];
const P = [0x41, 0x9a, 0x02];

function fakeSocket(writableLength = 0): { socket: Socket; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const socket = { destroyed: false, writableLength, write: (b: Buffer) => writes.push(b) } as unknown as Socket;
  return { socket, writes };
}

function setup(writableLength = 0, limits = { maxBufferedBytes: 1000, slowClientTimeoutMs: 50 }) {
  const stream = new VideoStream({ codec: 'h264', width: 320, height: 180, fps: 25 });
  const { socket, writes } = fakeSocket(writableLength);
  const onSlowClient = vi.fn();
  const session = new RtspSession('S1', stream, 'main', { kind: 'tcp', socket, channel: 2 }, limits, {
    isStalled: () => false,
    onSlowClient,
  });
  session.play();
  return { stream, socket, writes, session, onSlowClient };
}

describe('RtspSession over TCP', () => {
  it('starts at a keyframe and sends interleaved packets with its own SSRC and numbering', () => {
    const { stream, writes, session } = setup();
    stream.publish([packet(P, 10, 1000)]);
    expect(writes).toHaveLength(0);
    stream.publish([packet(IDR, 11, 4600), packet(P, 12, 8200)]);
    expect(writes).toHaveLength(1);
    const out = writes[0]!;
    expect(out[0]).toBe(0x24);
    expect(out[1]).toBe(2);
    const first = out.subarray(4, 4 + out.readUInt16BE(2));
    const second = out.subarray(8 + first.length);
    expect(first.readUInt32BE(8)).toBe(session.ssrc);
    expect(second.readUInt16BE(2)).toBe((first.readUInt16BE(2) + 1) & 0xffff);
    expect((second.readUInt32BE(4) - first.readUInt32BE(4)) >>> 0).toBe(3600);
    expect([...first.subarray(12)]).toEqual(IDR);
  });

  it('drops packets while the socket is over the cap, then disconnects a client that stays slow', async () => {
    const { stream, writes, session, onSlowClient, socket } = setup(5000);
    stream.publish([packet(IDR, 1, 0)]);
    expect(writes).toHaveLength(0);
    expect(session.packetsDropped).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    stream.publish([packet(P, 2, 3600)]);
    expect(onSlowClient).toHaveBeenCalledTimes(1);
    // Once the client catches up, it resumes at the next keyframe, not mid-GOP.
    (socket as unknown as { writableLength: number }).writableLength = 0;
    stream.publish([packet(P, 3, 7200)]);
    expect(writes).toHaveLength(0);
    stream.publish([packet(IDR, 4, 10800)]);
    expect(writes).toHaveLength(1);
  });

  it('sends nothing after pause', () => {
    const { stream, writes, session } = setup();
    session.pause();
    stream.publish([packet(IDR, 1, 0)]);
    expect(writes).toHaveLength(0);
  });
});

describe('VideoStream', () => {
  it('keeps timestamps continuous when the encoder starts over', () => {
    const stream = new VideoStream({ codec: 'h264', width: 320, height: 180, fps: 25 });
    const seen: number[] = [];
    stream.subscribe((ps) => seen.push(...ps.map((p) => p.ts)));
    stream.publish([packet(IDR, 1, 500_000)]);
    stream.publish([packet(P, 2, 503_600)]);
    stream.discontinuity();
    stream.publish([packet(IDR, 77, 42)]);
    expect(seen[1]! - seen[0]!).toBe(3600);
    expect(seen[2]! - seen[1]!).toBe(3600);
  });

  it('marks a keyframe only at the start of an access unit', () => {
    const stream = new VideoStream({ codec: 'h264', width: 320, height: 180, fps: 25 });
    const keys: boolean[] = [];
    stream.subscribe((ps) => keys.push(...ps.map((p) => p.keyStart)));
    stream.publish([packet([0x67, 0x42], 1, 0, false), packet([0x65, 0x88], 2, 0, true), packet([0x65], 3, 3600)]);
    expect(keys).toEqual([true, false, true]);
  });
});
