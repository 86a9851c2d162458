import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.js';

describe('parseCli', () => {
  it('gives no options for no flags (the fleet fills in defaults)', () => {
    const r = parseCli([]);
    expect(r.kind).toBe('run');
    if (r.kind === 'run') expect(Object.values(r.options).filter((v) => v !== undefined)).toEqual([]);
  });

  it('parses every flag', () => {
    const r = parseCli([
      '--cameras=3',
      '--rtsp-port',
      '0',
      '--host',
      '0.0.0.0',
      '--main',
      '640x360',
      '--sub',
      '320x180',
      '--fps',
      '30',
      '--gop',
      '60',
      '--bitrate',
      '1.5M',
      '--sub-bitrate',
      '300k',
      '--codec',
      'h265',
      '--mode',
      'loop',
      '--user',
      'admin',
      '--password',
      'pw',
      '--name-prefix',
      'Gate',
      '--manifest',
      '/tmp/m.json',
      '--control-port',
      '9000',
    ]);
    expect(r).toEqual({
      kind: 'run',
      options: expect.objectContaining({
        cameras: 3,
        rtspPort: 0,
        host: '0.0.0.0',
        main: { width: 640, height: 360 },
        sub: { width: 320, height: 180 },
        fps: 30,
        gop: 60,
        bitrate: 1_500_000,
        subBitrate: 300_000,
        codec: 'h265',
        mode: 'loop',
        credentials: { username: 'admin', password: 'pw' },
        namePrefix: 'Gate',
        manifestPath: '/tmp/m.json',
        controlPort: 9000,
      }),
    });
  });

  it('turns the sub stream off with --no-sub', () => {
    const r = parseCli(['--no-sub']);
    expect(r.kind === 'run' && r.options.sub).toBeNull();
  });

  it('parses the ONVIF flags', () => {
    const r = parseCli([
      '--onvif-port',
      '8100',
      '--discovery',
      'off',
      '--discovery-port',
      '3703',
      '--motion-every',
      '30',
    ]);
    expect(r).toEqual({
      kind: 'run',
      options: expect.objectContaining({ onvifPort: 8100, discovery: false, discoveryPort: 3703, motionEverySec: 30 }),
    });
    expect(parseCli(['--no-onvif'])).toEqual({ kind: 'run', options: expect.objectContaining({ onvif: false }) });
  });

  it('answers --help', () => expect(parseCli(['--help'])).toEqual({ kind: 'help' }));

  it.each([
    [['--cameras', 'many'], /--cameras must be a whole number/],
    [['--cameras', '0'], /--cameras must be between 1 and 1024/],
    [['--rtsp-port', '70000'], /--rtsp-port must be between/],
    [['--rtsp-port', '65535', '--cameras', '2'], /past port 65535/],
    [['--main', '1280*720'], /--main must look like 1280x720/],
    [['--sub', '641x360'], /--sub must be even/],
    [['--bitrate', 'fast'], /--bitrate must look like 2000k/],
    [['--bitrate', '5'], /between 10k and 100M/],
    [['--codec', 'vp8'], /--codec must be one of h264, h265/],
    [['--mode', 'replay'], /--mode must be one of live, loop/],
    [['--user', 'admin'], /--user and --password must be given together/],
    [['--sub', '320x180', '--no-sub'], /cannot be used together/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--fps'], /argument missing/],
    [['extra'], /unexpected argument "extra"/],
    [['--discovery', 'yes'], /--discovery must be on or off/],
    [['--onvif-port', '65535', '--cameras', '2'], /--onvif-port \+ --cameras goes past/],
  ])('rejects %j', (argv, message) => {
    const r = parseCli(argv);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(message);
  });
});
