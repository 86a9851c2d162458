/**
 * Decides, frame by frame, what reaches the decoder. H.264 delta frames are useless without
 * everything since their keyframe, so after any loss (a seq gap, a server-side drop, a decoder
 * error, a new configuration) the gate drops until the next keyframe.
 */
export interface GateState {
  configured: boolean;
  waitingForKey: boolean;
  /** The seq the next frame should have; null before the first frame after (re)configuration. */
  expectSeq: number | null;
}

export type GateDecision =
  /** Feed to the decoder. `resync`: the decoder must be reset/reconfigured before this keyframe. */
  | { action: 'decode'; resync: boolean }
  | { action: 'drop'; reason: 'unconfigured' | 'waiting-for-key' | 'gap' | 'stale' };

export const initialGate: GateState = { configured: false, waitingForKey: true, expectSeq: null };

export function gateOnConfigured(_s: GateState): GateState {
  return { configured: true, waitingForKey: true, expectSeq: null };
}

/** The server skipped this subscriber ahead; it resumes at keyframe `resumeSeq`. */
export function gateOnDropped(s: GateState, resumeSeq: number): GateState {
  return { ...s, waitingForKey: true, expectSeq: resumeSeq };
}

export function gateOnDecoderError(s: GateState): GateState {
  return { ...s, waitingForKey: true };
}

export function gateFrame(s: GateState, frame: { seq: number; key: boolean }): [GateState, GateDecision] {
  if (!s.configured) return [s, { action: 'drop', reason: 'unconfigured' }];
  if (s.expectSeq !== null && frame.seq < s.expectSeq) return [s, { action: 'drop', reason: 'stale' }];
  const gap = s.expectSeq !== null && frame.seq > s.expectSeq;
  const next = { ...s, expectSeq: frame.seq + 1 };
  if (frame.key) {
    // A keyframe heals any loss; the decoder is reset first when it may hold a broken reference chain.
    return [
      { ...next, waitingForKey: false },
      { action: 'decode', resync: s.waitingForKey || gap },
    ];
  }
  if (s.waitingForKey) return [next, { action: 'drop', reason: 'waiting-for-key' }];
  if (gap)
    return [
      { ...next, waitingForKey: true },
      { action: 'drop', reason: 'gap' },
    ];
  return [next, { action: 'decode', resync: false }];
}
