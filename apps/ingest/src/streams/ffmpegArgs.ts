/**
 * Builds ffmpeg's argument array for one stream pull. Pure, so the exact command line is table-tested;
 * it is passed to spawn() as an array, never through a shell, so a URL full of metacharacters is inert.
 */

export interface PullSpec {
  /** rtsp:// or rtsps:// URL, with credentials in it when the camera needs them. */
  url: string;
  transport: 'tcp' | 'udp';
  /** copy: the camera's H.264 is passed through untouched; transcode: re-encode to H.264. */
  mode: 'copy' | 'transcode';
  /** ffmpeg gives up when the camera sends nothing for this long. */
  ioTimeoutMs: number;
  transcode?: {
    /** Scale down to at most this width (keeping the aspect); none: keep the size. */
    maxWidth?: number;
    bitrateKbps: number;
    gop: number;
  };
}

export function buildPullArgs(spec: PullSpec): string[] {
  const input = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-rtsp_transport',
    spec.transport,
    '-timeout',
    String(Math.round(spec.ioTimeoutMs * 1000)),
    // No long probe: the SDP's parameter sets tell ffmpeg all it needs. Not `-fflags nobuffer`: it
    // discards the packets read while probing, which hold the first keyframe, so a cold start waited a
    // whole GOP longer (measured: first keyframe 3.2 s → 2.0 s with a 2 s GOP).
    '-flags',
    'low_delay',
    '-probesize',
    '32768',
    '-analyzeduration',
    '0',
    '-i',
    spec.url,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
  ];
  const video =
    spec.mode === 'copy'
      ? ['-c:v', 'copy']
      : [
          ...(spec.transcode?.maxWidth ? ['-vf', `scale='min(${spec.transcode.maxWidth},iw)':-2`] : []),
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          '-tune',
          'zerolatency',
          '-profile:v',
          'main',
          '-pix_fmt',
          'yuv420p',
          '-bf',
          '0',
          '-g',
          String(spec.transcode?.gop ?? 50),
          '-b:v',
          `${spec.transcode?.bitrateKbps ?? 2000}k`,
          '-maxrate',
          `${spec.transcode?.bitrateKbps ?? 2000}k`,
          '-bufsize',
          `${spec.transcode?.bitrateKbps ?? 2000}k`,
        ];
  // FLV frames each tag with its size up front, so every access unit can be handed on the moment its
  // last byte arrives (fragmented MP4 may hold a frame back to learn its duration).
  const output = ['-f', 'flv', '-flvflags', 'no_duration_filesize', '-flush_packets', '1', 'pipe:1'];
  return [...input, ...video, ...output];
}

/** The URL with its password hidden, for logs and messages. Credentials are never logged. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_m, scheme: string, userinfo: string) => {
    const user = userinfo.split(':')[0] ?? '';
    return `${scheme}${user ? `${user}:***` : '***'}@`;
  });
}

/** Words an operator can act on, from what ffmpeg printed when a pull failed. */
export function describeFailure(stderr: string, exitCode: number | null, signal: string | null): string {
  const s = stderr.toLowerCase();
  if (s.includes('401 unauthorized') || s.includes('unauthorized'))
    return 'The camera refused the user name or password.';
  if (s.includes('404 not found')) return 'The camera has no stream at that address (404).';
  if (s.includes('connection refused')) return 'The camera refused the connection: it may be off or rebooting.';
  if (s.includes('no route to host') || s.includes('network is unreachable'))
    return 'The camera cannot be reached on the network.';
  if (s.includes('connection timed out') || s.includes('timed out') || s.includes('operation timed out'))
    return 'The camera stopped answering (timed out).';
  if (s.includes('end of file') || s.includes('connection reset')) return 'The camera closed the connection.';
  if (s.includes('not compatible with flv') || s.includes('codec not currently supported'))
    return 'The camera sends a codec that must be transcoded.';
  if (signal) return `The video process was stopped (${signal}).`;
  const last = stderr.trim().split('\n').pop();
  return last ? `The stream failed: ${last.slice(0, 200)}` : `The stream ended (exit code ${exitCode ?? 'unknown'}).`;
}

/** True when ffmpeg failed because the codec cannot be copied into FLV (so the pull must transcode). */
export function needsTranscode(stderr: string): boolean {
  return /not compatible with flv|codec not currently supported in container|Could not write header/i.test(stderr);
}
