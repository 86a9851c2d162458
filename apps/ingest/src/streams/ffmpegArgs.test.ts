import { describe, expect, it } from 'vitest';
import { buildPullArgs, describeFailure, needsTranscode, redactUrl } from './ffmpegArgs';

const common = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
const tail = ['-f', 'flv', '-flvflags', 'no_duration_filesize', '-flush_packets', '1', 'pipe:1'];

describe('buildPullArgs', () => {
  it.each([
    {
      name: 'H.264 over TCP is copied',
      spec: { url: 'rtsp://10.0.0.5:554/main', transport: 'tcp', mode: 'copy', ioTimeoutMs: 5000 } as const,
      expected: [
        ...common,
        '-rtsp_transport',
        'tcp',
        '-timeout',
        '5000000',
        '-flags',
        'low_delay',
        '-probesize',
        '32768',
        '-analyzeduration',
        '0',
        '-i',
        'rtsp://10.0.0.5:554/main',
        '-map',
        '0:v:0',
        '-an',
        '-sn',
        '-dn',
        '-c:v',
        'copy',
        ...tail,
      ],
    },
    {
      name: 'UDP with a short timeout',
      spec: { url: 'rtsp://cam/sub', transport: 'udp', mode: 'copy', ioTimeoutMs: 1500 } as const,
      expected: [
        ...common,
        '-rtsp_transport',
        'udp',
        '-timeout',
        '1500000',
        '-flags',
        'low_delay',
        '-probesize',
        '32768',
        '-analyzeduration',
        '0',
        '-i',
        'rtsp://cam/sub',
        '-map',
        '0:v:0',
        '-an',
        '-sn',
        '-dn',
        '-c:v',
        'copy',
        ...tail,
      ],
    },
    {
      name: 'H.265 is transcoded to low-latency H.264, scaled down',
      spec: {
        url: 'rtsp://cam/main',
        transport: 'tcp',
        mode: 'transcode',
        ioTimeoutMs: 5000,
        transcode: { maxWidth: 1280, bitrateKbps: 1500, gop: 25 },
      } as const,
      expected: [
        ...common,
        '-rtsp_transport',
        'tcp',
        '-timeout',
        '5000000',
        '-flags',
        'low_delay',
        '-probesize',
        '32768',
        '-analyzeduration',
        '0',
        '-i',
        'rtsp://cam/main',
        '-map',
        '0:v:0',
        '-an',
        '-sn',
        '-dn',
        '-vf',
        "scale='min(1280,iw)':-2",
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
        '25',
        '-b:v',
        '1500k',
        '-maxrate',
        '1500k',
        '-bufsize',
        '1500k',
        ...tail,
      ],
    },
  ])('$name', ({ spec, expected }) => {
    expect(buildPullArgs(spec)).toEqual(expected);
  });

  it('passes a URL full of shell metacharacters as one argument, untouched', () => {
    const url = 'rtsp://u:p@cam/$(touch /tmp/pwned);rm -rf / `id` | cat > x \'q\' "d"';
    const args = buildPullArgs({ url, transport: 'tcp', mode: 'copy', ioTimeoutMs: 1000 });
    expect(args[args.indexOf('-i') + 1]).toBe(url);
    expect(args.filter((a) => a === url)).toHaveLength(1);
  });
});

describe('redactUrl', () => {
  it.each([
    ['rtsp://admin:s3cret@10.0.0.5:554/main', 'rtsp://admin:***@10.0.0.5:554/main'],
    ['rtsp://admin@cam/main', 'rtsp://admin:***@cam/main'],
    ['rtsp://cam/main', 'rtsp://cam/main'],
    ['rtsps://a:b:c@cam/x', 'rtsps://a:***@cam/x'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(url)).not.toMatch(/s3cret|:b:c/);
  });
});

describe('describeFailure', () => {
  it.each([
    ['[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized', /refused the user name or password/],
    ['[tcp @ 0x1] Connection to tcp://127.0.0.1:1 failed: Connection refused', /refused the connection/],
    ['method DESCRIBE failed: 404 Not Found', /no stream at that address/],
    ['rtsp://x: Connection timed out', /stopped answering/],
    ['', /exit code 1/],
  ])('%j', (stderr, expected) => {
    expect(describeFailure(stderr, 1, null)).toMatch(expected);
  });

  it('recognises a codec that FLV cannot carry', () => {
    expect(needsTranscode('[flv @ 0x55] Video codec hevc not compatible with flv')).toBe(true);
    expect(needsTranscode('401 Unauthorized')).toBe(false);
  });
});
