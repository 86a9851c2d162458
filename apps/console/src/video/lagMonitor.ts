/**
 * How far behind a stream is running, without a shared clock: `lag = arrival time − media time`. Its
 * smallest value over the last few seconds is the stream's normal transit; anything above that is
 * backlog (frames queued in the socket or the page because the machine cannot keep up). A tile that
 * is behind should skip to the next keyframe rather than show the past ever later.
 */
export interface LagState {
  /** Increasing lags with their arrival times: the front is the window's minimum. */
  window: { at: number; lag: number }[];
}

export const initialLag: LagState = { window: [] };

/** Records a frame's arrival; returns the new state and how far (ms) it is behind the best recent frame. */
export function lagOnFrame(s: LagState, arrivedAt: number, pts: number, windowMs = 10_000): [LagState, number] {
  const lag = arrivedAt - pts;
  const window = s.window.filter((e) => e.at > arrivedAt - windowMs && e.lag < lag);
  window.push({ at: arrivedAt, lag });
  return [{ window }, lag - window[0]!.lag];
}

export interface SkipPolicy {
  /** Behind the stream's normal transit by more than this: skip ahead. */
  maxBehindMs: number;
  /** Frames waiting in the decoder above which it is behind. */
  maxDecoderBacklog: number;
}

export const defaultSkipPolicy: SkipPolicy = { maxBehindMs: 400, maxDecoderBacklog: 8 };

/** Whether a (non-key) frame should be dropped so the tile jumps to the present at the next keyframe. */
export function shouldSkipAhead(behindMs: number, decoderBacklog: number, p: SkipPolicy = defaultSkipPolicy): boolean {
  return behindMs > p.maxBehindMs || decoderBacklog > p.maxDecoderBacklog;
}
