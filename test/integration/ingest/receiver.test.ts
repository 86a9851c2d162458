import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, RtspReceiver, type ReceiverEnd } from '@cctv/ingest';
import { decodeLuma, stripTime } from '../../helpers/decode';
import { startSimFleet, type SimFleet } from '../../helpers/fleet';
import { waitFor } from '../../helpers/waitFor';

const log = createLogger({ level: 'silent' });

/** Runs a receiver until it ends (or `untilMs`), collecting what it gave. */
function run(url: string, ioTimeoutMs = 2000) {
  const rx = new RtspReceiver({ url, ioTimeoutMs, log });
  const got = {
    configs: [] as { width: number; height: number; record: Uint8Array }[],
    frames: [] as { key: boolean; pts: number; data: Uint8Array; at: number }[],
    end: undefined as ReceiverEnd | undefined,
  };
  rx.on('config', (c) => got.configs.push({ width: c.avc.width, height: c.avc.height, record: c.record }));
  rx.on('frame', (key, pts, data) => got.frames.push({ key, pts, data, at: Date.now() }));
  rx.on('end', (e) => (got.end = e));
  rx.start();
  return { rx, got };
}

/** A pretend camera on loopback that answers each request with `answer` (or says nothing). */
async function fakeCamera(answer: (request: string, socket: net.Socket) => void) {
  const server = net.createServer((socket) => {
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      let end;
      while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
        const request = buf.slice(0, end);
        buf = buf.slice(end + 4);
        answer(request, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `rtsp://127.0.0.1:${port}/stream`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cseq = (request: string) => /CSeq:\s*(\d+)/i.exec(request)?.[1] ?? '0';
const ok = (request: string, extra = '', body = '') =>
  `RTSP/1.0 200 OK\r\nCSeq: ${cseq(request)}\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('the ingest RTSP receiver against the camera simulator', () => {
  let fleet: SimFleet;
  beforeAll(async () => {
    // 5 frames a second: a receiver that held each frame until the next began would add 200 ms.
    fleet = await startSimFleet([
      ...['--cameras', '1', '--main', '320x180', '--no-sub', '--fps', '5', '--gop', '10'],
      ...['--user', 'op', '--password', 'p@ss:w/rd'],
    ]);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('signs in with digest, and hands each frame on as soon as it is complete', async () => {
    const cam = fleet.cameras[0]!;
    const url = cam.urls.main.replace('rtsp://', `rtsp://op:${encodeURIComponent('p@ss:w/rd')}@`);
    const { rx, got } = run(url);
    try {
      await waitFor('12 frames', () => got.frames.length >= 12 || got.end !== undefined, 15_000);
      expect(got.end).toBeUndefined();
      expect(got.configs[0]).toMatchObject({ width: 320, height: 180 });
      expect(got.frames[0]!.key).toBe(true);
      const frames = got.frames.slice(0, 12);
      for (let i = 1; i < frames.length; i++) expect(frames[i]!.pts - frames[i - 1]!.pts).toBe(200);
      const { planes, width, height } = await decodeLuma(
        got.configs[0]!.record,
        frames.map((f) => f.data),
      );
      const delays = planes
        .map((p, i) => {
          const t = stripTime(p, width, height);
          return t === null ? null : frames[i]!.at - t;
        })
        .filter((d): d is number => d !== null)
        .sort((a, b) => a - b);
      expect(delays.length).toBeGreaterThan(8);
      // Capture → here, through the simulator's encoder and RTP: far less than one frame interval (200 ms).
      // Figures for the whole path are in `pnpm bench:live`; this only guards against holding a frame back.
      expect(delays[Math.floor(delays.length / 2)]!).toBeLessThan(120);
      expect(rx.losses).toEqual({ lostPackets: 0, droppedUnits: 0 });
    } finally {
      await rx.stop();
    }
    expect(got.end).toEqual({ reason: 'stopped' });
  });

  it('names the codec of a camera it cannot copy, so the pull moves to ffmpeg', async () => {
    const h265 = await startSimFleet(['--cameras', '1', '--main', '160x90', '--no-sub', '--codec', 'h265']);
    try {
      const { got } = run(h265.cameras[0]!.urls.main);
      await waitFor('the end', () => got.end !== undefined, 10_000);
      expect(got.end).toEqual({ reason: 'codec', encoding: 'H265' });
    } finally {
      await h265.stop();
    }
  });
});

describe('the ingest RTSP receiver against a hostile or broken camera', () => {
  const cases: [string, (request: string, socket: net.Socket) => void, RegExp][] = [
    ['answers with garbage', (_r, s) => s.write('\x00\xff\x13\x37 not rtsp at all\r\n\r\n'), /could not be read/],
    ['speaks HTTP', (_r, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), /could not be read/],
    ['sends an endless header', (_r, s) => s.write(`RTSP/1.0 200 OK\r\nX: ${'a'.repeat(40_000)}`), /longer than 16 KB/],
    [
      'announces a 100 MB body',
      (r, s) => s.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq(r)}\r\nContent-Length: 100000000\r\n\r\n`),
      /at most 256 KB/,
    ],
    ['never answers', () => undefined, /stopped answering \(timed out\)/],
    ['hangs up', (_r, s) => s.destroy(), /closed the connection/],
    [
      'describes no video',
      (r, s) =>
        s.write(
          r.startsWith('DESCRIBE')
            ? ok(r, 'Content-Type: application/sdp\r\n', 'v=0\r\nm=audio 0 RTP/AVP 0\r\n')
            : ok(r),
        ),
      /no video track/,
    ],
    [
      'asks for a password none is set for',
      (r, s) =>
        s.write(
          `RTSP/1.0 401 Unauthorized\r\nCSeq: ${cseq(r)}\r\nWWW-Authenticate: Digest realm="x", nonce="y"\r\n\r\n`,
        ),
      /asks for a user name and password, and none is set/,
    ],
    [
      'has no such stream',
      (r, s) => s.write(`RTSP/1.0 404 Not Found\r\nCSeq: ${cseq(r)}\r\n\r\n`),
      /no stream at that address/,
    ],
  ];

  it.each(cases)('ends with words an operator can act on when the camera %s', async (_name, answer, message) => {
    const cam = await fakeCamera(answer);
    try {
      const { got } = run(cam.url, 1000);
      await waitFor('the end', () => got.end !== undefined, 5000);
      expect(got.end).toMatchObject({ reason: 'failed', message: expect.stringMatching(message) });
    } finally {
      await cam.close();
    }
  });

  it('refuses a digest algorithm it cannot compute, and never sends the password in the clear to a digest camera', async () => {
    const seen: string[] = [];
    const cam = await fakeCamera((r, s) => {
      seen.push(r);
      s.write(
        `RTSP/1.0 401 Unauthorized\r\nCSeq: ${cseq(r)}\r\nWWW-Authenticate: Digest realm="x", nonce="y", algorithm=SHA-512-256\r\n\r\n`,
      );
    });
    try {
      const { got } = run(cam.url.replace('rtsp://', 'rtsp://admin:secret@'), 1000);
      await waitFor('the end', () => got.end !== undefined, 5000);
      expect(got.end).toMatchObject({ reason: 'failed', message: expect.stringMatching(/SHA-512-256.*not supported/) });
      expect(seen.join('\n')).not.toContain('secret');
      expect(seen.join('\n')).not.toMatch(/Authorization: Basic/);
    } finally {
      await cam.close();
    }
  });

  it('keeps the keyframe a camera sends in the same write as its answer to PLAY', async () => {
    const sprop = 'Z0LAFtoCgL/lhAAAAwAEAAADACo8WLqA,aM48gA==';
    const sdp = `v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=${sprop}\r\na=control:track1\r\n`;
    const idr = Buffer.concat([
      Buffer.from([0x80, 0xe0, 0, 1, 0, 0, 0x0e, 0x10, 0, 0, 0, 7]),
      Buffer.from([0x65, 0x88, 0x84, 0x21]),
    ]);
    const seen: string[] = [];
    const cam = await fakeCamera((r, s) => {
      seen.push(r);
      if (r.startsWith('DESCRIBE')) return void s.write(ok(r, 'Content-Type: application/sdp\r\n', sdp));
      if (r.startsWith('SETUP'))
        return void s.write(ok(r, 'Session: 77\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n'));
      if (!r.startsWith('PLAY')) return void s.write(ok(r));
      s.write(Buffer.concat([Buffer.from(ok(r)), Buffer.from([0x24, 0, 0, idr.length]), idr]));
    });
    try {
      const { rx, got } = run(cam.url, 3000);
      await waitFor('the keyframe', () => got.frames.length > 0 || got.end !== undefined, 5000);
      expect(got.end).toBeUndefined();
      expect(got.configs[0]).toMatchObject({ width: 640, height: 360 });
      expect(got.frames[0]).toMatchObject({ key: true, pts: 0 });
      expect([...got.frames[0]!.data]).toEqual([0, 0, 0, 4, 0x65, 0x88, 0x84, 0x21]);
      await rx.stop();
      // The camera hears TEARDOWN for the session (cameras allow few; an abandoned one lingers).
      await waitFor('TEARDOWN', () => seen.some((r) => r.startsWith('TEARDOWN') && /Session: 77/.test(r)), 3000);
    } finally {
      await cam.close();
    }
  });

  it('reconnects when a keep-alive says the camera has forgotten the session', async () => {
    const sdp = 'v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n';
    const cam = await fakeCamera((r, s) => {
      if (r.startsWith('DESCRIBE')) return void s.write(ok(r, 'Content-Type: application/sdp\r\n', sdp));
      if (r.startsWith('SETUP'))
        return void s.write(ok(r, 'Session: 5;timeout=2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n'));
      if (r.startsWith('PLAY')) {
        s.write(ok(r));
        // keep the connection busy so the data timeout is not what ends it
        const t = setInterval(() => s.write(Buffer.from([0x24, 1, 0, 1, 0])), 100);
        s.on('close', () => clearInterval(t));
        return;
      }
      if (r.startsWith('OPTIONS') && /Session: 5/.test(r))
        return void s.write(`RTSP/1.0 454 Session Not Found\r\nCSeq: ${cseq(r)}\r\n\r\n`);
      s.write(ok(r, 'Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n'));
    });
    try {
      const { got } = run(cam.url, 5000);
      await waitFor('the end', () => got.end !== undefined, 5000);
      expect(got.end).toEqual({ reason: 'failed', message: 'The camera ended the session.' });
    } finally {
      await cam.close();
    }
  });

  it('survives malformed RTP after PLAY and keeps the connection', async () => {
    const sdp = 'v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:track1\r\n';
    let sockets = 0;
    const cam = await fakeCamera((r, s) => {
      if (r.startsWith('DESCRIBE')) return void s.write(ok(r, 'Content-Type: application/sdp\r\n', sdp));
      if (r.startsWith('SETUP'))
        return void s.write(ok(r, 'Session: 1234;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n'));
      s.write(ok(r));
      if (!r.startsWith('PLAY')) return;
      sockets++;
      const junk = [
        Buffer.from([0x24, 0, 0, 2, 0x80, 0x60]), // too short for RTP
        Buffer.from([0x24, 0, 0, 14, 0x80, 0xe0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x7c, 0x01]), // FU-A middle alone
        Buffer.from([0x24, 0, 0, 13, 0x80, 0xe0, 0, 2, 0, 0, 0, 9, 0, 0, 0, 1, 0x7e]), // reserved type
        Buffer.from([0x24, 5, 0, 1, 0x00]), // a channel nobody set up
      ];
      for (const j of junk) s.write(j);
    });
    try {
      const { rx, got } = run(cam.url, 3000);
      await waitFor('PLAY', () => sockets === 1, 5000);
      await new Promise((r) => setTimeout(r, 300));
      expect(got.end).toBeUndefined();
      expect(got.frames).toEqual([]);
      expect(rx.losses.droppedUnits).toBeGreaterThan(0);
      await rx.stop();
      expect(got.end).toEqual({ reason: 'stopped' });
    } finally {
      await cam.close();
    }
  });
});
