import { parseStreamId, type StreamId } from '@cctv/protocol';

/**
 * What a tile should do when the stream it should show changes. Pure, so the "no black frame"
 * rule is tested without a browser:
 * - same camera, other profile (maximise/restore): keep painting the current stream and bring the
 *   new one up as `pending`; it replaces the current one when it paints its first frame;
 * - another camera or nothing: drop the current picture at once (showing the old camera's picture
 *   under the new camera's name would mislead an operator).
 */
export interface SlotStreams {
  current: StreamId | null;
  pending: StreamId | null;
}

export interface SlotPlan {
  next: SlotStreams;
  acquire: StreamId[];
  release: StreamId[];
  /** Clear the canvas (the picture shown no longer belongs to the tile). */
  clear: boolean;
}

export function planSlot(slot: SlotStreams, wanted: StreamId | null): SlotPlan {
  const { current, pending } = slot;
  if (wanted === current) {
    return { next: { current, pending: null }, acquire: [], release: pending ? [pending] : [], clear: false };
  }
  if (wanted !== null && wanted === pending) return { next: slot, acquire: [], release: [], clear: false };
  const release = pending ? [pending] : [];
  if (wanted === null) {
    return {
      next: { current: null, pending: null },
      acquire: [],
      release: current ? [current, ...release] : release,
      clear: current !== null,
    };
  }
  const sameCamera = current !== null && parseStreamId(current).cameraId === parseStreamId(wanted).cameraId;
  if (sameCamera) return { next: { current, pending: wanted }, acquire: [wanted], release, clear: false };
  return {
    next: { current: null, pending: wanted },
    acquire: [wanted],
    release: current ? [current, ...release] : release,
    clear: current !== null,
  };
}

/** The pending stream has painted: it becomes current and the old one is let go. */
export function promote(slot: SlotStreams): { next: SlotStreams; release: StreamId[] } {
  if (!slot.pending) return { next: slot, release: [] };
  return { next: { current: slot.pending, pending: null }, release: slot.current ? [slot.current] : [] };
}
