import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Files and folders of footage are for the service's user only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * One segment file being written: appends at the end, in order. A write that fails (a full disk) is
 * undone by cutting the file back to where it was, so the file always ends with a whole fragment.
 */
export class SegmentFile {
  /** Bytes on disk (handed to the operating system). */
  written = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
  ) {}

  /** Creates the file (never overwrites one) and its folders. */
  static async create(path: string): Promise<SegmentFile> {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    const fh = await open(path, 'wx', FILE_MODE);
    return new SegmentFile(path, fh);
  }

  async append(chunks: readonly Uint8Array[]): Promise<void> {
    if (this.closed) throw new Error('segment file is closed');
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const at = this.written;
    try {
      let done = 0;
      let rest = chunks.slice();
      while (done < total) {
        const { bytesWritten } = await this.fh.writev(rest, at + done);
        if (bytesWritten === 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
        done += bytesWritten;
        rest = skip(rest, bytesWritten);
      }
    } catch (e) {
      await this.fh.truncate(at).catch(() => undefined);
      throw e;
    }
    this.written = at + total;
  }

  /** Makes what is written durable (power cut, not just a killed process). */
  async sync(): Promise<void> {
    if (!this.closed) await this.fh.datasync();
  }

  async close(sync = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (sync) await this.fh.datasync();
    } finally {
      await this.fh.close();
    }
  }
}

/** The chunks after the first `n` bytes. */
function skip(chunks: Uint8Array[], n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of chunks) {
    if (n >= c.length) {
      n -= c.length;
      continue;
    }
    out.push(n > 0 ? c.subarray(n) : c);
    n = 0;
  }
  return out;
}
