/** Who holds a camera's PTZ lock, and through which console connection. */
export interface LockHolder {
  userId: number;
  displayName: string;
  /** The control socket that steers; its disconnect releases the lock. */
  socketId: string;
}

export type LockAnswer =
  /** `changed`: the holder (the user) is not who it was before. */
  { ok: true; changed: boolean } | { ok: false; holder: LockHolder };

/**
 * One camera's PTZ lock: one user steers at a time. Taken by the first command that steers, kept
 * while that user keeps using it, free again after `idleMs` without use or when their console
 * disconnects; a supervisor can take it over. Pure: the caller passes the time.
 */
export class PtzLock {
  private holderNow: LockHolder | null = null;
  private lastUsedAt = 0;

  constructor(private readonly idleMs: number) {}

  holder(now: number): LockHolder | null {
    return this.holderNow && now - this.lastUsedAt < this.idleMs ? this.holderNow : null;
  }

  /** The user wants to steer: granted when the lock is free, idle, or theirs already. */
  use(who: LockHolder, now: number): LockAnswer {
    const current = this.holder(now);
    if (current && current.userId !== who.userId) return { ok: false, holder: current };
    this.holderNow = who;
    this.lastUsedAt = now;
    return { ok: true, changed: current === null };
  }

  /** Keeps the lock from going idle (a move in progress). */
  touch(now: number): void {
    if (this.holderNow) this.lastUsedAt = now;
  }

  /** Takes the lock whoever holds it; returns the previous holder when it was someone else. */
  takeOver(who: LockHolder, now: number): LockHolder | null {
    const previous = this.holder(now);
    this.holderNow = who;
    this.lastUsedAt = now;
    return previous && previous.userId !== who.userId ? previous : null;
  }

  /** A console disconnected: frees the lock when that console held it. */
  releaseSocket(socketId: string): boolean {
    if (this.holderNow?.socketId !== socketId) return false;
    this.holderNow = null;
    return true;
  }

  /** Frees an idle lock; true when it was held until now (so listeners should hear of it). */
  expire(now: number): boolean {
    if (!this.holderNow || now - this.lastUsedAt < this.idleMs) return false;
    this.holderNow = null;
    return true;
  }
}
