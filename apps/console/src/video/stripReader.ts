import { readTimestripRGBA, timestripRows } from '@cctv/timestrip';

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Reads the capture-time strip from a picture that has just been painted. Only the strip's rows are
 * copied, into a small CPU-side canvas (`willReadFrequently`), so the tiles' own canvases stay
 * GPU-backed and no full-frame readback happens.
 */
export class StripReader {
  private ctx: Ctx2D | null = null;

  read(source: CanvasImageSource, width: number, height: number): number | null {
    if (width <= 0 || height <= 0) return null;
    const { y, rows } = timestripRows(width, height);
    if (rows <= 0) return null;
    const ctx = this.context(width, rows);
    if (!ctx) return null;
    ctx.drawImage(source, 0, y, width, rows, 0, 0, width, rows);
    const pixels = ctx.getImageData(0, 0, width, rows).data;
    return readTimestripRGBA(pixels, width, height, y);
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
