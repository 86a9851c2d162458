import { describe, expect, it } from 'vitest';
import {
  gateFrame,
  gateOnConfigured,
  gateOnDecoderError,
  gateOnDropped,
  initialGate,
  type GateState,
} from './frameGate';

const live: GateState = { configured: true, waitingForKey: false, expectSeq: 10 };
const waiting: GateState = { configured: true, waitingForKey: true, expectSeq: null };

describe('frame gate', () => {
  it.each([
    [
      'drops everything before the configuration',
      initialGate,
      { seq: 0, key: true },
      { action: 'drop', reason: 'unconfigured' },
    ],
    ['starts at a keyframe after configuration', waiting, { seq: 5, key: true }, { action: 'decode', resync: true }],
    [
      'drops deltas until the first keyframe',
      waiting,
      { seq: 5, key: false },
      { action: 'drop', reason: 'waiting-for-key' },
    ],
    ['decodes the next delta in sequence', live, { seq: 10, key: false }, { action: 'decode', resync: false }],
    [
      'decodes an in-sequence keyframe without a reset',
      live,
      { seq: 10, key: true },
      { action: 'decode', resync: false },
    ],
    ['drops a delta after a gap', live, { seq: 12, key: false }, { action: 'drop', reason: 'gap' }],
    [
      'heals a gap at a keyframe, resetting the decoder',
      live,
      { seq: 12, key: true },
      { action: 'decode', resync: true },
    ],
    ['ignores a repeated (stale) frame', live, { seq: 9, key: false }, { action: 'drop', reason: 'stale' }],
  ] as const)('%s', (_name, state, frame, decision) => {
    expect(gateFrame(state, frame)[1]).toEqual(decision);
  });

  it('after a gap keeps dropping deltas until a keyframe', () => {
    let [s] = gateFrame(live, { seq: 12, key: false });
    let d;
    [s, d] = gateFrame(s, { seq: 13, key: false });
    expect(d).toEqual({ action: 'drop', reason: 'waiting-for-key' });
    [s, d] = gateFrame(s, { seq: 14, key: true });
    expect(d).toEqual({ action: 'decode', resync: true });
    [, d] = gateFrame(s, { seq: 15, key: false });
    expect(d).toEqual({ action: 'decode', resync: false });
  });

  it('a server-side drop waits for the announced keyframe', () => {
    const s = gateOnDropped(live, 40);
    expect(gateFrame(s, { seq: 40, key: false })[1]).toEqual({ action: 'drop', reason: 'waiting-for-key' });
    expect(gateFrame(s, { seq: 40, key: true })[1]).toEqual({ action: 'decode', resync: true });
    expect(gateFrame(s, { seq: 12, key: true })[1]).toEqual({ action: 'drop', reason: 'stale' });
  });

  it('a decoder error waits for the next keyframe', () => {
    const s = gateOnDecoderError(live);
    expect(gateFrame(s, { seq: 10, key: false })[1]).toEqual({ action: 'drop', reason: 'waiting-for-key' });
    expect(gateFrame(s, { seq: 11, key: true })[1]).toEqual({ action: 'decode', resync: true });
  });

  it('a new configuration (camera restarted) forgets the sequence and waits for a keyframe', () => {
    const s = gateOnConfigured(live);
    expect(s).toEqual(waiting);
    expect(gateFrame(s, { seq: 0, key: true })[1]).toEqual({ action: 'decode', resync: true });
  });
});
