/**
 * Where a segment lives in the recordings folder: `<camera>/<YYYY-MM-DD>/<camera>_<profile>_<start>.mp4`,
 * all in UTC, so a file names its camera and the moment it starts even outside the index (a file
 * handed over, or one that start-up repair finds without a row).
 */
const NAME = /^([a-z0-9][a-z0-9-]{0,62})_(main|sub)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z\.mp4$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function segmentPath(cameraId: string, profile: string, startMs: number): string {
  const d = new Date(startMs);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const stamp =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  return `${cameraId}/${day}/${cameraId}_${profile}_${stamp}.mp4`;
}

/** The camera, profile and start time a segment's file name gives; null for any other file. */
export function parseSegmentName(name: string): { cameraId: string; profile: string; startMs: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, cameraId, profile, y, mo, d, h, mi, s, ms] = m;
  const startMs = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!);
  if (Number.isNaN(startMs)) return null;
  return { cameraId: cameraId!, profile: profile!, startMs };
}
