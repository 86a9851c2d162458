/**
 * Command-line flags of the simulator, parsed into `FleetOptions`. Pure: bad flags come back as a
 * message for the user, never as a stack trace.
 */
import { parseArgs } from 'node:util';
import type { FleetOptions, FrameSize } from './fleet/fleet.js';

export const USAGE = `Usage: camera-sim [options]
  --cameras N          number of cameras (default 4)
  --rtsp-port P        base RTSP port; camera i listens on P+i (default 8554; 0 = ephemeral)
  --host ADDR          address to bind and advertise (default 127.0.0.1)
  --main WxH           main stream size (default 1280x720)
  --sub WxH            sub stream size (default 640x360)
  --no-sub             no sub stream
  --fps N              frames per second (default 25)
  --gop N              keyframe interval in frames (default 50)
  --bitrate R          main stream bitrate, e.g. 2000k, 2M (default 2000k)
  --sub-bitrate R      sub stream bitrate (default 500k)
  --codec C            h264 | h265 (default h264)
  --mode M             live | loop (default live)
  --loop-seconds S     loop clip length (default 6)
  --user U --password P   require RTSP digest auth
  --name-prefix S      camera names are "S 1", "S 2", ... (default Camera)
  --manifest FILE      write the fleet as JSON to FILE when ready
  --control-port P     loopback HTTP API for faults (0 = ephemeral)
  --onvif-port P       base ONVIF port; camera i serves SOAP (TCP) and unicast
                       WS-Discovery (UDP) on P+i (default 8000; 0 = ephemeral)
  --no-onvif           RTSP only
  --discovery on|off   multicast WS-Discovery responder and Hello/Bye (default on)
  --discovery-port P   multicast WS-Discovery port (default 3702)
  --motion-every S     each camera raises motion by itself about every S seconds
  --ffmpeg PATH        ffmpeg binary (default ffmpeg)
  --help`;

export type CliResult = { kind: 'run'; options: FleetOptions } | { kind: 'help' } | { kind: 'error'; message: string };

class CliError extends Error {}

export function parseCli(argv: readonly string[]): CliResult {
  try {
    return parse(argv);
  } catch (err) {
    if (err instanceof CliError) return { kind: 'error', message: err.message };
    // node:util parseArgs reports unknown flags and missing values with a clear message of its own.
    if (err instanceof TypeError) return { kind: 'error', message: err.message };
    throw err;
  }
}

function parse(argv: readonly string[]): CliResult {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      cameras: { type: 'string' },
      'rtsp-port': { type: 'string' },
      host: { type: 'string' },
      main: { type: 'string' },
      sub: { type: 'string' },
      'no-sub': { type: 'boolean' },
      fps: { type: 'string' },
      gop: { type: 'string' },
      bitrate: { type: 'string' },
      'sub-bitrate': { type: 'string' },
      codec: { type: 'string' },
      mode: { type: 'string' },
      'loop-seconds': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'name-prefix': { type: 'string' },
      manifest: { type: 'string' },
      'control-port': { type: 'string' },
      'onvif-port': { type: 'string' },
      'no-onvif': { type: 'boolean' },
      discovery: { type: 'string' },
      'discovery-port': { type: 'string' },
      'motion-every': { type: 'string' },
      ffmpeg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
  if (values['no-sub'] && values.sub) throw new CliError('--sub and --no-sub cannot be used together');
  if ((values.user === undefined) !== (values.password === undefined)) {
    throw new CliError('--user and --password must be given together');
  }
  const options: FleetOptions = {
    cameras: int('--cameras', values.cameras, 1, 1024),
    rtspPort: int('--rtsp-port', values['rtsp-port'], 0, 65535),
    host: values.host,
    main: size('--main', values.main),
    sub: values['no-sub'] ? null : size('--sub', values.sub),
    fps: int('--fps', values.fps, 1, 120),
    gop: int('--gop', values.gop, 1, 1000),
    bitrate: rate('--bitrate', values.bitrate),
    subBitrate: rate('--sub-bitrate', values['sub-bitrate']),
    codec: oneOf('--codec', values.codec, ['h264', 'h265'] as const),
    mode: oneOf('--mode', values.mode, ['live', 'loop'] as const),
    loopSeconds: int('--loop-seconds', values['loop-seconds'], 1, 60),
    namePrefix: values['name-prefix'],
    manifestPath: values.manifest,
    controlPort: int('--control-port', values['control-port'], 0, 65535),
    ffmpegPath: values.ffmpeg,
    onvif: values['no-onvif'] ? false : undefined,
    onvifPort: int('--onvif-port', values['onvif-port'], 0, 65535),
    discovery: onOff('--discovery', values.discovery),
    discoveryPort: int('--discovery-port', values['discovery-port'], 1, 65535),
    motionEverySec: int('--motion-every', values['motion-every'], 1, 86400),
  };
  if (values.user !== undefined && values.password !== undefined) {
    if (values.user === '' || values.user.includes(':')) throw new CliError('--user must be non-empty, without ":"');
    options.credentials = { username: values.user, password: values.password };
  }
  if (options.rtspPort !== undefined && options.rtspPort > 0 && options.rtspPort + (options.cameras ?? 4) - 1 > 65535) {
    throw new CliError('--rtsp-port + --cameras goes past port 65535');
  }
  if (
    options.onvifPort !== undefined &&
    options.onvifPort > 0 &&
    options.onvifPort + (options.cameras ?? 4) - 1 > 65535
  ) {
    throw new CliError('--onvif-port + --cameras goes past port 65535');
  }
  return { kind: 'run', options };
}

function onOff(flag: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text !== 'on' && text !== 'off') throw new CliError(`${flag} must be on or off, got "${text}"`);
  return text === 'on';
}

function int(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new CliError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function size(flag: string, text: string | undefined): FrameSize | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(text);
  if (!m) throw new CliError(`${flag} must look like 1280x720, got "${text}"`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 64 || height < 64 || width > 7680 || height > 4320 || width % 2 || height % 2) {
    throw new CliError(`${flag} must be even, from 64x64 to 7680x4320, got ${text}`);
  }
  return { width, height };
}

/** Parses 2000k, 2M, 500000 (bits per second). */
export function rate(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text);
  if (!m) throw new CliError(`${flag} must look like 2000k or 2M, got "${text}"`);
  const unit = m[2]!.toLowerCase();
  const bits = Math.round(Number(m[1]) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
  if (bits < 10_000 || bits > 100_000_000) throw new CliError(`${flag} must be between 10k and 100M, got "${text}"`);
  return bits;
}

function oneOf<T extends string>(flag: string, text: string | undefined, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new CliError(`${flag} must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return text as T;
}
