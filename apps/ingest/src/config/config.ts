import { readFileSync } from 'node:fs';
import { cameraIdSchema } from '@cctv/protocol';
import { z } from 'zod';

const streamSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .regex(/^rtsps?:\/\/[^\s]+$/i, 'must be an rtsp:// or rtsps:// URL without spaces'),
    /** Credentials kept apart from the URL in the file; joined only when ffmpeg is started. */
    username: z.string().max(128).optional(),
    password: z.string().max(256).optional(),
    transport: z.enum(['tcp', 'udp']).default('tcp'),
    transcode: z.boolean().default(false),
    /**
     * auto (default): H.264 over RTSP/TCP is received by the ingest itself, every frame handed on the
     * moment it is complete; other codecs, UDP and rtsps go through ffmpeg. ffmpeg: always ffmpeg.
     */
    receiver: z.enum(['auto', 'ffmpeg']).optional(),
    /** always: pulled from start-up (the wall's sub-streams, recording); on-demand: while someone watches. */
    pull: z.enum(['always', 'on-demand']).optional(),
  })
  .strict();

const cameraSchema = z
  .object({
    id: cameraIdSchema,
    name: z.string().min(1).max(120),
    district: z.string().max(120).optional(),
    site: z.string().max(120).optional(),
    streams: z.object({ main: streamSchema, sub: streamSchema.optional() }).strict(),
  })
  .strict();

export const configSchema = z
  .object({
    cameras: z.array(cameraSchema).max(1024),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.cameras.forEach((cam, i) => {
      if (seen.has(cam.id))
        ctx.addIssue({ code: 'custom', path: ['cameras', i, 'id'], message: `duplicate camera id "${cam.id}"` });
      seen.add(cam.id);
    });
  });

export type IngestConfig = z.infer<typeof configSchema>;
export type CameraConfig = IngestConfig['cameras'][number];
export type StreamConfig = z.infer<typeof streamSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates a camera config; the error names the file and the bad field. */
export function parseConfig(text: string, source = 'config'): IngestConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const r = configSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ConfigError(`${source}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return r.data;
}

export function loadConfig(path: string): IngestConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `cannot read camera config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseConfig(text, path);
}

/** The URL ffmpeg is given: the stream URL with the stored credentials put in. */
export function pullUrl(stream: StreamConfig): string {
  if (stream.username === undefined) return stream.url;
  const u = new URL(stream.url);
  u.username = encodeURIComponent(stream.username);
  u.password = encodeURIComponent(stream.password ?? '');
  return u.toString();
}
