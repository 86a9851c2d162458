import { readTimestrip, readTimestripRGBA, timestripRows } from '@cctv/timestrip';

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Planar and semi-planar 8-bit formats: the luma plane comes first in `copyTo`'s output. */
const LUMA_FIRST = new Set<string>(['I420', 'I420A', 'I422', 'I444', 'NV12']);

/**
 * Reads the capture-time strip from a picture that has just been painted.
 *
 * A WebCodecs `VideoFrame` is read from its luma plane: `copyTo` copies only the strip's rows, with no
 * colour conversion and no canvas. (Drawing each frame a second time into a canvas to read it back cost
 * a full YUV→RGB conversion per paint; with 16 tiles on two cores that kept the page's main thread so
 * busy that the decoders' outputs queued for 200 ms: the measurement was slowing the wall it measured.)
 * Other sources (MSE's video element) are drawn, strip rows only, into a small CPU-side canvas.
 */
export class StripReader {
  private ctx: Ctx2D | null = null;

  read(source: CanvasImageSource, width: number, height: number): number | null | Promise<number | null> {
    if (width <= 0 || height <= 0) return null;
    if (typeof VideoFrame === 'function' && source instanceof VideoFrame && LUMA_FIRST.has(source.format ?? ''))
      return this.readFrame(source, width, height);
    const { y, rows } = timestripRows(width, height);
    if (rows <= 0) return null;
    const ctx = this.context(width, rows);
    if (!ctx) return null;
    ctx.drawImage(source, 0, y, width, rows, 0, 0, width, rows);
    const pixels = ctx.getImageData(0, 0, width, rows).data;
    return readTimestripRGBA(pixels, width, height, y);
  }

  private readFrame(frame: VideoFrame, width: number, height: number): Promise<number | null> | null {
    const visible = frame.visibleRect;
    if (!visible || visible.width !== width || visible.height !== height) return null; // scaled: not worth it
    const { y, rows } = timestripRows(width, height);
    // Chroma is subsampled by two: the copied rectangle starts and ends on even rows and columns.
    const top = (visible.y + y) & ~1;
    const bottom = Math.min(visible.y + height, (visible.y + y + rows + 1) & ~1);
    const rect = { x: visible.x & ~1, y: top, width: width & ~1, height: bottom - top };
    if (rect.height <= 0 || rect.width <= 0) return null;
    let size: number;
    try {
      size = frame.allocationSize({ rect });
    } catch {
      return null;
    }
    // One buffer per read: reads of several tiles overlap until their promises settle.
    const buffer = new Uint8Array(size);
    // The copy is taken from a clone, so the caller may close (and the decoder recycle) the frame at once.
    const clone = frame.clone();
    return clone
      .copyTo(buffer, { rect })
      .then((layout) => {
        const plane = layout[0];
        if (!plane) return null;
        const rowY0 = top - visible.y;
        return readTimestrip(
          (x, yy) => {
            const r = yy - rowY0;
            if (r < 0 || r >= rect.height) return 0;
            return buffer[plane.offset + r * plane.stride + x]!;
          },
          width,
          height,
        );
      })
      .catch(() => null)
      .finally(() => clone.close());
  }

  private context(width: number, rows: number): Ctx2D | null {
    if (!this.ctx) {
      const canvas =
        typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, rows) : document.createElement('canvas');
      this.ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false }) as Ctx2D | null;
    }
    const c = this.ctx?.canvas;
    if (c && (c.width !== width || c.height !== rows)) {
      c.width = width;
      c.height = rows;
    }
    return this.ctx;
  }
}
