import { describe, expect, it } from 'vitest';
import { LATENCY_SAMPLES_CAP, TelemetryRegistry } from './telemetry';

describe('telemetry registry', () => {
  it('counts paints and strips per tile and caps latency samples', () => {
    let now = 1000;
    const t = new TelemetryRegistry(() => now);
    t.tileStream(2, 'cam-01:sub', 'webcodecs', 900);
    for (let i = 0; i < LATENCY_SAMPLES_CAP + 10; i++) t.painted(2, 1000 + i, i % 2 === 0 ? 80 : null);
    t.painted(7, 1000, 50); // unknown tile: ignored
    const [snap] = t.snapshot();
    expect(snap).toMatchObject({
      tile: 2,
      streamId: 'cam-01:sub',
      decoder: 'webcodecs',
      painted: LATENCY_SAMPLES_CAP + 10,
      subscribedAt: 900,
      firstPaintAt: 1000,
    });
    expect(snap!.decodedStrips).toBe((LATENCY_SAMPLES_CAP + 10) / 2);
    expect(snap!.latencyMs).toHaveLength((LATENCY_SAMPLES_CAP + 10) / 2);
    now = 2000;
    expect(t.snapshot()).toHaveLength(1);
  });

  it('takes a latency read after its paint (from the frame itself) into the same tile', () => {
    const t = new TelemetryRegistry(() => 0);
    t.tileStream(1, 'cam-02:sub', 'webcodecs');
    t.painted(1, 100, null);
    t.measured(1, 42);
    t.measured(9, 42); // a tile that shows nothing: ignored
    expect(t.snapshot()[0]).toMatchObject({ painted: 1, decodedStrips: 1, latencyMs: [42] });
    expect(t.figures(1).latencyMs).toBe(42);
  });

  it('computes fps and bitrate over the last second', () => {
    let now = 0;
    const t = new TelemetryRegistry(() => now);
    t.tileStream(0, 'cam-01:sub', 'webcodecs');
    for (let i = 0; i < 50; i++) {
      now = i * 40;
      t.received('cam-01:sub', 2500);
      t.painted(0, now, 120);
    }
    const f = t.figures(0);
    expect(f.fps).toBe(25);
    expect(f.bitrateKbps).toBeCloseTo(500, 0);
    expect(f.latencyMs).toBe(120);
  });

  it('starts afresh when the tile shows another stream, and forgets an emptied tile', () => {
    const t = new TelemetryRegistry(() => 0);
    t.tileStream(0, 'cam-01:sub', 'webcodecs');
    t.painted(0, 1, null);
    t.tileStream(0, 'cam-01:main', 'webcodecs');
    expect(t.snapshot()[0]).toMatchObject({ streamId: 'cam-01:main', painted: 0 });
    t.tileStream(0, null, null);
    expect(t.snapshot()).toEqual([]);
  });

  it('hands out copies', () => {
    const t = new TelemetryRegistry(() => 0);
    t.tileStream(0, 'cam-01:sub', 'webcodecs');
    t.snapshot()[0]!.latencyMs.push(1);
    expect(t.snapshot()[0]!.latencyMs).toEqual([]);
  });
});
