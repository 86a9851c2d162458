import { spawn } from 'node:child_process';
import { toAnnexB } from '@cctv/media';
import type { StreamSource } from '../streams/streamSource';

/**
 * A JPEG of a stream's current picture: the cached keyframe and the frames after it, decoded by ffmpeg.
 * Bounded in time and size; undefined when the stream has no picture yet.
 */
export async function snapshotJpeg(
  source: StreamSource,
  ffmpegPath: string,
  timeoutMs = 5000,
): Promise<Buffer | undefined> {
  const { config, frames } = source.catchUp();
  if (!config || frames.length === 0) return undefined;
  const input = toAnnexB(
    config.record,
    frames.map((f) => f.data),
  );
  const ff = spawn(ffmpegPath, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'h264',
    '-i',
    'pipe:0',
    '-vf',
    'select=eq(n\\,' + (frames.length - 1) + ')',
    '-frames:v',
    '1',
    '-q:v',
    '4',
    '-f',
    'mjpeg',
    'pipe:1',
  ]);
  const out: Buffer[] = [];
  let size = 0;
  ff.stdout.on('data', (d: Buffer) => {
    size += d.length;
    if (size > 8 * 1024 * 1024) ff.kill('SIGKILL');
    else out.push(d);
  });
  ff.stderr.resume();
  ff.stdin.on('error', () => undefined);
  ff.stdin.end(input);
  const timer = setTimeout(() => ff.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => ff.on('close', resolve));
  clearTimeout(timer);
  return code === 0 && out.length > 0 ? Buffer.concat(out) : undefined;
}
