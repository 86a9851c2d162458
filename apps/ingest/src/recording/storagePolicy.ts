/**
 * The recordings folder's limits, and what they ask of the sweeper. Pure: the sweeper reads the disk
 * and the index, asks here how many bytes must go, and deletes the oldest unheld footage until then.
 */
export interface StorageLimits {
  /** Footage kept for this many days unless a camera says otherwise (the Code of Practice's norm: 31). */
  retentionDays: number;
  /** At most this many bytes of footage (null: no budget but the disk). */
  budgetBytes: number | null;
  /** Keep at least this much of the disk free. */
  minFreeBytes: number;
}

export const defaultLimits: StorageLimits = {
  retentionDays: 31,
  budgetBytes: null,
  minFreeBytes: 1024 * 1024 * 1024,
};

/** How many bytes of the oldest unheld footage must be deleted to be within the limits (0: none). */
export function bytesToFree(l: StorageLimits, usage: { recordedBytes: number; freeBytes: number }): number {
  const overBudget = l.budgetBytes === null ? 0 : usage.recordedBytes - l.budgetBytes;
  const underFree = l.minFreeBytes - usage.freeBytes;
  return Math.max(0, overBudget, underFree);
}

/** Parses a size as people write it: `500G`, `2T`, `750MB`, `1.5GiB`, or a number of bytes. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[
    m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'
  ];
  const n = Math.round(Number(m[1]) * unit);
  return Number.isSafeInteger(n) ? n : null;
}
