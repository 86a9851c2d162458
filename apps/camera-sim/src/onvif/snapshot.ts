/**
 * JPEG snapshots of the live picture: one ffmpeg run encodes the current frame (scaled to the
 * profile's size). A snapshot is cached for a second and concurrent requests share one encode, so a
 * client polling snapshots cannot make the simulator spawn ffmpeg more than once a second per profile.
 */
import { spawn } from 'node:child_process';
import type { Scene } from '../picture/scene.js';

const CACHE_MS = 1000;
const TIMEOUT_MS = 10_000;

export class SnapshotMaker {
  private readonly cache = new Map<string, { at: number; jpeg: Promise<Buffer | null> }>();

  constructor(
    private readonly scene: Scene | undefined,
    private readonly sizes: Record<string, { width: number; height: number }>,
    private readonly ffmpegPath: string,
  ) {}

  snapshot(profile: string): Promise<Buffer | null> {
    const size = this.sizes[profile];
    if (!this.scene || !size) return Promise.resolve(null);
    const hit = this.cache.get(profile);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.jpeg;
    const jpeg = encodeJpeg(this.ffmpegPath, this.scene, size).catch(() => null);
    this.cache.set(profile, { at: Date.now(), jpeg });
    return jpeg;
  }
}

function encodeJpeg(ffmpeg: string, scene: Scene, size: { width: number; height: number }): Promise<Buffer> {
  const frame = scene.renderFrame(Date.now());
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'yuv420p'],
    ...['-s', `${scene.width}x${scene.height}`, '-i', 'pipe:0', '-frames:v', '1'],
    ...['-vf', `scale=${size.width}:${size.height}`, '-q:v', '5', '-f', 'mjpeg', 'pipe:1'],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdin.on('error', () => undefined);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`ffmpeg snapshot exited with ${code}`));
    });
    child.stdin.end(frame);
  });
}
