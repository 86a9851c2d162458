/**
 * A dead-man's switch: once armed, fires unless kicked again within `ms`. Cameras ignore the timeout
 * of a continuous move, so the server stops a camera itself when the console goes quiet.
 */
export class DeadMan {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly onFire: () => void,
  ) {}

  get armed(): boolean {
    return this.timer !== null;
  }

  /** Arms it, or pushes the deadline back. */
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onFire();
    }, this.ms);
    this.timer.unref();
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
