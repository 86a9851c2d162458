import type { Result, StreamFrame, StreamId, StreamStatus } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { TelemetryRegistry } from '../telemetry/telemetry';
import type { MediaPort } from './mediaPort';
import type { DecoderConfig, EncodedFrame, FramePlayer, Paintable, PlayerCallbacks } from './player';
import { WallEngine, type WantedTile } from './wallEngine';

// Browsers' VideoDecoder and canvas do not exist in Node: a fake player "decodes" every frame it is fed
// into a picture, and a fake canvas records what was drawn. The real decoder runs in the e2e test.
class FakePlayer implements FramePlayer {
  readonly kind = 'webcodecs';
  fed: EncodedFrame[] = [];
  resyncs = 0;
  released = 0;
  pending: Paintable | null = null;
  closed = false;
  backlog = 0;
  config: DecoderConfig | null = null;
  constructor(readonly cb: PlayerCallbacks) {}
  configure(c: DecoderConfig) {
    this.config = c;
  }
  decode(f: EncodedFrame) {
    this.fed.push(f);
    if (this.pending) this.released++; // superseded: closed by the player
    const w = this.config?.width ?? 0;
    this.pending = {
      source: { pts: f.pts } as unknown as CanvasImageSource,
      width: w,
      height: this.config?.height ?? 0,
      release: () => this.released++,
    };
  }
  resync() {
    this.resyncs++;
  }
  takeFrame() {
    const p = this.pending;
    this.pending = null;
    return p;
  }
  close() {
    this.closed = true;
  }
}

function fakeCanvas() {
  const drawn: number[] = [];
  const canvas = { width: 0, height: 0 } as unknown as HTMLCanvasElement & { drawn: number[] };
  const ctx = { drawImage: (s: { pts: number }) => drawn.push(s.pts), clearRect: () => drawn.push(-1) };
  Object.assign(canvas, { drawn, getContext: () => ctx });
  return canvas;
}

function setup() {
  const calls: string[] = [];
  const port: MediaPort = {
    connected: true,
    subscribe: async (id: StreamId) => {
      calls.push(`sub ${id}`);
      return { ok: true, data: { streamId: id, state: 'live' } as StreamStatus } as Result<StreamStatus>;
    },
    unsubscribe: async (id: StreamId) => {
      calls.push(`unsub ${id}`);
      return { ok: true, data: null };
    },
    acknowledge: (id, seq) => calls.push(`ack ${id} ${seq}`),
  };
  const players = new Map<string, FakePlayer>();
  let creating = '';
  const telemetry = new TelemetryRegistry(() => 0);
  const engine = new WallEngine(port, {
    createPlayer: (cb) => {
      const p = new FakePlayer(cb);
      players.set(creating, p);
      return p;
    },
    telemetry,
    strip: { read: () => null },
    now: () => 0,
  });
  const want = (...ids: (StreamId | null)[]) => {
    const wanted: WantedTile[] = ids.map((streamId) => ({ streamId, visible: true }));
    for (const id of ids) if (id) creating = id;
    // Create one player at a time so the map knows which stream each belongs to.
    engine.setWanted(wanted);
  };
  const feed = (streamId: StreamId, seq: number, key = seq === 0) => {
    const f: StreamFrame = { streamId, seq, pts: seq * 40, key, data: new Uint8Array(10) };
    engine.frame(f);
  };
  const configure = (streamId: StreamId, width = 320) =>
    engine.configured({ streamId, codec: 'avc1.42c01e', width, height: 180, description: new Uint8Array(4) });
  return { engine, calls, players, telemetry, want, feed, configure };
}

describe('wall engine', () => {
  it('shares one subscription between tiles showing the same stream, and unsubscribes when the last goes', () => {
    const { engine, calls, want } = setup();
    want('cam-01:sub', 'cam-01:sub');
    expect(calls.filter((c) => c.startsWith('sub'))).toEqual(['sub cam-01:sub']);
    engine.setWanted([{ streamId: 'cam-01:sub', visible: true }]);
    expect(calls.some((c) => c.startsWith('unsub'))).toBe(false);
    engine.setWanted([]);
    expect(calls.at(-1)).toBe('unsub cam-01:sub');
  });

  it('decodes everything from the keyframe, paints only the newest frame, and releases all of them', () => {
    const { engine, players, want, feed, configure, telemetry } = setup();
    want('cam-01:sub');
    const canvas = fakeCanvas();
    engine.attachCanvas(0, canvas);
    configure('cam-01:sub');
    for (let seq = 0; seq < 5; seq++) feed('cam-01:sub', seq);
    engine.paint();
    const player = players.get('cam-01:sub')!;
    expect(player.fed).toHaveLength(5);
    expect(canvas.drawn).toEqual([160]);
    expect(canvas.width).toBe(320);
    expect(player.released).toBe(5);
    expect(engine.status(0).hasPicture).toBe(true);
    expect(telemetry.snapshot()[0]).toMatchObject({ tile: 0, streamId: 'cam-01:sub', painted: 1 });
  });

  it('acknowledges the newest received seq, batched', () => {
    const { calls, want, feed, configure } = setup();
    want('cam-01:sub');
    configure('cam-01:sub');
    for (let seq = 0; seq < 9; seq++) feed('cam-01:sub', seq);
    expect(calls.filter((c) => c.startsWith('ack'))).toEqual([
      'ack cam-01:sub 0',
      'ack cam-01:sub 4',
      'ack cam-01:sub 8',
    ]);
  });

  it('drops to the next keyframe after a gap and resets the decoder there', () => {
    const { players, want, feed, configure } = setup();
    want('cam-01:sub');
    configure('cam-01:sub');
    feed('cam-01:sub', 0);
    feed('cam-01:sub', 1);
    feed('cam-01:sub', 3); // gap
    feed('cam-01:sub', 4);
    feed('cam-01:sub', 5, true);
    const p = players.get('cam-01:sub')!;
    expect(p.fed.map((f) => f.pts / 40)).toEqual([0, 1, 5]);
    expect(p.resyncs).toBe(2); // first keyframe after configure, keyframe after the gap
  });

  it('maximise: keeps painting the sub-stream until main has a picture, then lets sub go (no black frame)', () => {
    const { engine, calls, want, feed, configure } = setup();
    want('cam-01:sub');
    const canvas = fakeCanvas();
    engine.attachCanvas(0, canvas);
    configure('cam-01:sub');
    feed('cam-01:sub', 0);
    engine.paint();
    want('cam-01:main');
    configure('cam-01:main', 1280);
    feed('cam-01:sub', 1);
    engine.paint();
    expect(canvas.drawn).toEqual([0, 40]); // still the sub-stream, never cleared
    feed('cam-01:main', 0);
    engine.paint();
    expect(canvas.drawn).toEqual([0, 40, 0]);
    expect(canvas.width).toBe(1280);
    expect(calls.at(-1)).toBe('unsub cam-01:sub');
    expect(engine.status(0).hasPicture).toBe(true);
  });

  it('another camera on the tile clears the old picture at once', () => {
    const { engine, want, feed, configure } = setup();
    want('cam-01:sub');
    const canvas = fakeCanvas();
    engine.attachCanvas(0, canvas);
    configure('cam-01:sub');
    feed('cam-01:sub', 0);
    engine.paint();
    want('cam-02:sub');
    expect(canvas.drawn).toEqual([0, -1]);
    expect(engine.status(0).hasPicture).toBe(false);
  });

  it('does not paint hidden tiles but still releases their frames', () => {
    const { engine, players, want, feed, configure } = setup();
    want('cam-01:sub');
    const canvas = fakeCanvas();
    engine.attachCanvas(0, canvas);
    engine.setWanted([{ streamId: 'cam-01:sub', visible: false }]);
    configure('cam-01:sub');
    feed('cam-01:sub', 0);
    engine.paint();
    expect(canvas.drawn).toEqual([]);
    expect(players.get('cam-01:sub')!.released).toBe(1);
  });

  it('subscribes again after the media connection comes back', () => {
    const { engine, calls, want } = setup();
    want('cam-01:sub');
    engine.connected();
    expect(calls.filter((c) => c === 'sub cam-01:sub')).toHaveLength(2);
  });
});
