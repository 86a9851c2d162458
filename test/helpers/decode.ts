import { spawn } from 'node:child_process';
import { parseAvcDecoderConfig, toAnnexB } from '@cctv/media';
import { readTimestrip } from '@cctv/timestrip';

/**
 * Decodes frames with the real ffmpeg and returns each picture's luma plane. Proves the bytes that
 * reached a client are decodable H.264, not just bytes.
 */
export async function decodeLuma(
  record: Uint8Array,
  frames: Uint8Array[],
): Promise<{ width: number; height: number; planes: Uint8Array[] }> {
  const { width, height } = parseAvcDecoderConfig(record);
  const ff = spawn('ffmpeg', [
    '-v',
    'error',
    '-f',
    'h264',
    '-i',
    'pipe:0',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    'pipe:1',
  ]);
  const out: Buffer[] = [];
  let err = '';
  ff.stdout.on('data', (d: Buffer) => out.push(d));
  ff.stderr.on('data', (d: Buffer) => (err += d.toString()));
  ff.stdin.end(toAnnexB(record, frames));
  const code = await new Promise<number | null>((resolve) => ff.on('close', resolve));
  if (code !== 0) throw new Error(`ffmpeg could not decode the frames: ${err}`);
  const all = Buffer.concat(out);
  const size = width * height;
  const planes: Uint8Array[] = [];
  for (let i = 0; i + size <= all.length; i += size) planes.push(all.subarray(i, i + size));
  return { width, height, planes };
}

/** The capture time drawn into a luma plane by the camera simulator, or null. */
export function stripTime(plane: Uint8Array, width: number, height: number): number | null {
  return readTimestrip((x, y) => plane[y * width + x]!, width, height);
}
