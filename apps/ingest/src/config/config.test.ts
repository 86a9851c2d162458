import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, pullUrl } from './config';

const cam = (over: object = {}) => ({
  id: 'cam-01',
  name: 'High St',
  streams: { main: { url: 'rtsp://127.0.0.1:8554/main' } },
  ...over,
});

describe('parseConfig', () => {
  it('accepts a minimal camera and fills defaults', () => {
    const c = parseConfig(JSON.stringify({ cameras: [cam()] }));
    expect(c.cameras[0]!.streams.main).toMatchObject({ transport: 'tcp', transcode: false });
  });

  it.each([
    ['not JSON', '{cameras:', /not valid JSON/],
    ['bad id', JSON.stringify({ cameras: [cam({ id: 'Cam 1' })] }), /cameras\.0\.id: must be lower-case/],
    [
      'http url',
      JSON.stringify({ cameras: [cam({ streams: { main: { url: 'http://x/' } } })] }),
      /cameras\.0\.streams\.main\.url/,
    ],
    ['duplicate', JSON.stringify({ cameras: [cam(), cam()] }), /duplicate camera id "cam-01"/],
    ['unknown key', JSON.stringify({ cameras: [cam({ colour: 'red' })] }), /cameras\.0/],
  ])('refuses %s with a message naming the field', (_name, text, expected) => {
    expect(() => parseConfig(text, 'cams.json')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'cams.json')).toThrow(expected);
  });
});

describe('pullUrl', () => {
  it('puts percent-encoded credentials into the URL', () => {
    expect(
      pullUrl({
        url: 'rtsp://10.0.0.5:554/main',
        username: 'op',
        password: 'p@ss:w/rd',
        transport: 'tcp',
        transcode: false,
      }),
    ).toBe('rtsp://op:p%40ss%3Aw%2Frd@10.0.0.5:554/main');
    expect(pullUrl({ url: 'rtsp://10.0.0.5/main', transport: 'tcp', transcode: false })).toBe('rtsp://10.0.0.5/main');
  });
});
