/**
 * Flow control. The ingest keeps a bounded window of unacknowledged frames per subscriber, so the
 * console acknowledges the newest received seq often enough to keep the window open, but not per
 * frame (a 16-tile wall at 25 fps would send 400 messages a second). While the decoder is behind,
 * acknowledgements are held back: the window fills and the server skips this client ahead to the
 * next keyframe, which is exactly what a slow client needs.
 */
export interface AckPolicy {
  /** Acknowledge at least this often while frames arrive (ms). */
  intervalMs: number;
  /** ... or after this many unacknowledged frames, whichever comes first. */
  everyFrames: number;
  /** Frames queued in the decoder above which acknowledgements are held. */
  maxBacklog: number;
}

export const defaultAckPolicy: AckPolicy = { intervalMs: 100, everyFrames: 4, maxBacklog: 12 };

export interface AckState {
  /** Newest seq received (acknowledged or not); -1 before any. */
  newestSeq: number;
  ackedSeq: number;
  ackedAt: number;
}

export const initialAck: AckState = { newestSeq: -1, ackedSeq: -1, ackedAt: Number.NEGATIVE_INFINITY };

export function ackOnReceived(s: AckState, seq: number): AckState {
  return seq > s.newestSeq ? { ...s, newestSeq: seq } : s;
}

/** Which seq to acknowledge now, if any. Call after each frame and whenever the decoder catches up. */
export function ackDue(s: AckState, now: number, backlog: number, p: AckPolicy = defaultAckPolicy): number | null {
  if (s.newestSeq <= s.ackedSeq) return null;
  if (backlog > p.maxBacklog) return null;
  const pending = s.newestSeq - s.ackedSeq;
  if (pending >= p.everyFrames || now - s.ackedAt >= p.intervalMs) return s.newestSeq;
  return null;
}

export function ackSent(s: AckState, seq: number, now: number): AckState {
  return { ...s, ackedSeq: seq, ackedAt: now };
}

/** After a re-subscription the server's seqs may start anywhere: forget what was acknowledged. */
export function ackReset(): AckState {
  return initialAck;
}
