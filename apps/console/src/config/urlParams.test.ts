import { describe, expect, it } from 'vitest';
import { parseIngestUrl, parseSetupToken, parseTiles, parseUrlOptions } from './urlParams';

const origin = 'http://localhost:8640';

describe('URL options', () => {
  it('defaults to the page origin and automatic decoder', () => {
    expect(parseUrlOptions('', origin)).toEqual({ ingestUrl: origin, decoder: 'auto' });
  });

  it('reads the wall the tests and benchmarks ask for', () => {
    expect(parseUrlOptions('?layout=2x2&tiles=cam-01,cam-02,cam-03,cam-04&overlay=1', origin)).toEqual({
      ingestUrl: origin,
      decoder: 'auto',
      layout: '2x2',
      tiles: ['cam-01', 'cam-02', 'cam-03', 'cam-04'],
      overlay: true,
    });
    expect(parseUrlOptions('?screen=wall-2', origin).screen).toBe('wall-2');
    expect(parseUrlOptions('?screen=../x', origin).screen).toBeUndefined();
    expect(parseUrlOptions('?overlay=0&telemetry&decoder=mse&workstation=desk-3', origin)).toMatchObject({
      overlay: false,
      telemetry: true,
      decoder: 'mse',
      workstation: 'desk-3',
    });
  });

  it.each([
    [null, origin],
    ['http://10.0.0.5:8640', 'http://10.0.0.5:8640'],
    ['https://ingest.example/some/path', 'https://ingest.example'],
    ['javascript:alert(1)', origin],
    ['not a url', origin],
  ])('ingest=%s → %s', (raw, url) => {
    expect(parseIngestUrl(raw, origin)).toBe(url);
  });

  it('ignores bad layouts and invalid camera ids', () => {
    expect(parseUrlOptions('?layout=5x5', origin).layout).toBeUndefined();
    expect(parseTiles('cam-01,,CAM 2,cam-03')).toEqual(['cam-01', null, null, 'cam-03']);
    expect(parseTiles(Array(20).fill('c').join(','))).toHaveLength(16);
  });
});

describe('set-up link', () => {
  it.each([
    ['#setup=AbCdEfGhIjKlMnOpQrStUvWx', 'AbCdEfGhIjKlMnOpQrStUvWx'],
    ['', null],
    ['#setup=short', null],
    ['#setup=<script>alert(1)</script>xxxxxxxx', null],
    ['#other=1', null],
  ])('%s → %s', (hash, token) => {
    expect(parseSetupToken(hash)).toBe(token);
  });

  it('never takes a session token from the query', () => {
    expect(Object.keys(parseUrlOptions('?token=abcdefabcdefabcdef&layout=2x2', 'http://x'))).not.toContain('token');
  });
});
