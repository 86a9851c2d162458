/**
 * The synthetic picture of one camera, as I420 frames: a background scene (shifted by pan/tilt/zoom),
 * the camera's name, a running clock, a bar sweeping across so the picture is visibly live, and the
 * machine-readable capture-time strip. To keep CPU low the background is rendered once (again only
 * when PTZ moves it) and each frame only restores and redraws the regions that change.
 */
import { drawTimestrip, timestripGeometry } from '@cctv/timestrip';
import { drawText, fillRect, textSize, type Plane } from './font.js';

/** Pan and tilt in -1..1 (fractions of the frame), zoom from 1 (wide) up. */
export interface Ptz {
  pan: number;
  tilt: number;
  zoom: number;
}

/** A frame buffer; `barX` remembers what was drawn in it, to restore it next time it is used. */
export interface FrameSlot {
  readonly buffer: Buffer;
  busy: boolean;
  barX: number | undefined;
  generation: number;
}

const BLACK = 16;
const WHITE = 235;
const BAR_PERIOD_MS = 4000;

export class Scene {
  readonly width: number;
  readonly height: number;
  readonly frameBytes: number;
  private readonly background: Buffer;
  private readonly slots: FrameSlot[] = [];
  private generation = 0;
  private ptzState: Ptz = { pan: 0, tilt: 0, zoom: 1 };
  private readonly scale: number;
  private readonly clockBox: { x: number; y: number; w: number; h: number };
  private readonly barW: number;
  private readonly barTop: number;
  private readonly barBottom: number;

  constructor(
    width: number,
    height: number,
    private readonly name: string,
    slotCount = 3,
  ) {
    if (width % 2 || height % 2) throw new RangeError(`frame size must be even, got ${width}x${height}`);
    this.width = width;
    this.height = height;
    this.frameBytes = (width * height * 3) / 2;
    this.background = Buffer.alloc(this.frameBytes);
    this.scale = Math.max(1, Math.round(height / 180));
    const pad = 2 * this.scale;
    const clock = textSize('0000-00-00 00:00:00.000', this.scale);
    this.clockBox = {
      x: pad * 2,
      y: pad * 3 + 2 * (clock.height + pad),
      w: clock.width + 2 * pad,
      h: clock.height + 2 * pad,
    };
    this.barW = Math.max(2, Math.round(width / 40));
    this.barTop = this.clockBox.y + this.clockBox.h + pad;
    this.barBottom = Math.floor(timestripGeometry(width, height).y0 - timestripGeometry(width, height).blockH);
    for (let i = 0; i < slotCount; i++) {
      this.slots.push({ buffer: Buffer.alloc(this.frameBytes), busy: false, barX: undefined, generation: -1 });
    }
    this.renderBackground();
  }

  get ptz(): Ptz {
    return { ...this.ptzState };
  }

  /** Moves the scene; the background is re-rendered once and every buffer refreshed on next use. */
  setPtz(ptz: Ptz): void {
    this.ptzState = {
      pan: clamp(ptz.pan, -1, 1),
      tilt: clamp(ptz.tilt, -1, 1),
      zoom: clamp(ptz.zoom, 1, 16),
    };
    this.renderBackground();
  }

  /** A free frame buffer, or undefined when all are still being written to the encoder. */
  acquire(): FrameSlot | undefined {
    const slot = this.slots.find((s) => !s.busy);
    if (slot) slot.busy = true;
    return slot;
  }

  /** Paints the moving parts for wall-clock `ms` (also the time written into the strip). */
  paint(slot: FrameSlot, ms: number): void {
    const y: Plane = { data: slot.buffer, stride: this.width, width: this.width, height: this.height };
    if (slot.generation !== this.generation) {
      this.background.copy(slot.buffer);
      slot.generation = this.generation;
      slot.barX = undefined;
    } else if (slot.barX !== undefined) {
      this.restoreLuma(slot.buffer, slot.barX, this.barTop, this.barW, this.barBottom - this.barTop);
    }
    const travel = this.width - this.barW;
    const barX = Math.round(((ms % BAR_PERIOD_MS) / BAR_PERIOD_MS) * travel);
    fillRect(y, barX, this.barTop, this.barW, this.barBottom - this.barTop, WHITE);
    slot.barX = barX;
    const box = this.clockBox;
    fillRect(y, box.x, box.y, box.w, box.h, BLACK);
    drawText(y, formatClock(ms), box.x + 2 * this.scale, box.y + 2 * this.scale, this.scale, WHITE);
    drawTimestrip(slot.buffer, this.width, this.width, this.height, ms);
  }

  /** A whole frame painted for `ms` in a fresh buffer: for snapshots, off the encoder's path. */
  renderFrame(ms: number): Buffer {
    const slot: FrameSlot = { buffer: Buffer.alloc(this.frameBytes), busy: true, barX: undefined, generation: -1 };
    this.paint(slot, ms);
    return slot.buffer;
  }

  private restoreLuma(buffer: Buffer, x: number, top: number, w: number, h: number): void {
    for (let row = top; row < top + h; row++) {
      const at = row * this.width + x;
      this.background.copy(buffer, at, at, at + w);
    }
  }

  private renderBackground(): void {
    const { width: w, height: h, background: bg } = this;
    const { pan, tilt, zoom } = this.ptzState;
    const cell = Math.max(8, Math.round(w / 16));
    // World coordinates of a pixel: the scene is twice the frame in each direction, so pan/tilt
    // of +-1 moves the view by half a frame and zoom magnifies around the view's centre.
    const worldX = (x: number): number => (x - w / 2) / zoom + w / 2 + (pan * w) / 2;
    const worldY = (y: number): number => (y - h / 2) / zoom + h / 2 + (tilt * h) / 2;
    for (let y = 0; y < h; y++) {
      const wy = worldY(y);
      const cy = Math.floor(wy / cell);
      for (let x = 0; x < w; x++) {
        const wx = worldX(x);
        const checker = (Math.floor(wx / cell) + cy) & 1;
        bg[y * w + x] = 60 + checker * 50 + Math.round((((wx + wy) / (w + h)) * 40 + 400) % 40);
      }
    }
    const cw = w / 2;
    const ch = h / 2;
    for (let y = 0; y < ch; y++) {
      const wy = worldY(y * 2);
      for (let x = 0; x < cw; x++) {
        const wx = worldX(x * 2);
        bg[w * h + y * cw + x] = 128 + Math.round(Math.sin(wx / (w / 3)) * 50);
        bg[w * h + cw * ch + y * cw + x] = 128 + Math.round(Math.cos(wy / (h / 3)) * 50);
      }
    }
    const plane: Plane = { data: bg, stride: w, width: w, height: h };
    const pad = 2 * this.scale;
    const label = textSize(this.name, this.scale * 2);
    fillRect(plane, pad * 2, pad * 2, label.width + 2 * pad, label.height + 2 * pad, BLACK);
    drawText(plane, this.name, pad * 3, pad * 3, this.scale * 2, WHITE);
    this.generation++;
  }
}

/** Local wall-clock time as a camera overlays it: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}
