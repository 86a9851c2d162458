import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_INGEST_URL, parseDesktopConfig } from './config';
import { nextWallDisplay, planWindows, wallUrl, type DisplayInfo } from './windows';

describe('desktop config', () => {
  it.each([
    [[], {}, { ingestUrl: DEFAULT_INGEST_URL, wall: false, kiosk: false }],
    [['--wall', '--kiosk'], {}, { ingestUrl: DEFAULT_INGEST_URL, wall: true, kiosk: true }],
    [['--ingest=http://10.1.2.3:8640'], {}, { ingestUrl: 'http://10.1.2.3:8640/', wall: false, kiosk: false }],
    [['--ingest', 'https://ingest.local/'], {}, { ingestUrl: 'https://ingest.local/', wall: false, kiosk: false }],
    [
      [],
      { CCTV_INGEST_URL: 'http://host:1/', CCTV_WALL: '1', CCTV_KIOSK: 'true' },
      { ingestUrl: 'http://host:1/', wall: true, kiosk: true },
    ],
    [
      ['--no-wall', '--ingest=http://b:2'],
      { CCTV_WALL: 'yes', CCTV_INGEST_URL: 'http://a:1' },
      { ingestUrl: 'http://b:2/', wall: false, kiosk: false },
    ],
    [
      ['.', '--no-sandbox-is-ignored', '--enable-logging'],
      {},
      { ingestUrl: DEFAULT_INGEST_URL, wall: false, kiosk: false },
    ],
  ] as [string[], Record<string, string>, unknown][])('%o %o', (argv, env, config) => {
    expect(parseDesktopConfig(argv, env)).toEqual(config);
  });

  it.each([['--ingest=file:///etc'], ['--ingest=nonsense'], ['--ingest']])('refuses %s', (arg) => {
    expect(() => parseDesktopConfig([arg], {})).toThrow(ConfigError);
  });
});

describe('window plans', () => {
  const d = (id: number): DisplayInfo => ({
    id,
    bounds: { x: id * 100, y: 0, width: 100, height: 100 },
    workArea: { x: id * 100, y: 0, width: 100, height: 90 },
  });
  const config = { ingestUrl: 'http://localhost:8640/', wall: false, kiosk: false };

  it('opens only the control window on the primary display without --wall', () => {
    const plans = planWindows([d(1), d(2)], 2, config);
    expect(plans).toEqual([
      {
        role: 'control',
        displayId: 2,
        bounds: d(2).workArea,
        fullscreen: false,
        kiosk: false,
        url: config.ingestUrl,
        title: 'CCTV console',
      },
    ]);
  });

  it('with --wall, a full-screen wall on every other display', () => {
    const plans = planWindows([d(1), d(2), d(3)], 1, { ...config, wall: true, kiosk: true });
    expect(plans.map((p) => [p.role, p.displayId, p.fullscreen, p.kiosk])).toEqual([
      ['control', 1, true, true],
      ['wall', 2, true, true],
      ['wall', 3, true, true],
    ]);
    expect(plans[1]!.bounds).toEqual(d(2).bounds);
  });

  it('falls back to the first display when the primary is unknown, and plans nothing without displays', () => {
    expect(planWindows([d(5)], 99, config)[0]!.displayId).toBe(5);
    expect(planWindows([], 1, config)).toEqual([]);
  });

  it('keeps existing query parameters in wall URLs', () => {
    expect(wallUrl('http://h:1/?ingest=x', 7)).toBe('http://h:1/?ingest=x&screen=wall-7');
  });

  it('finds a display without a window for the next wall', () => {
    expect(nextWallDisplay([d(1), d(2)], new Set([1]))?.id).toBe(2);
    expect(nextWallDisplay([d(1)], new Set([1]))).toBeUndefined();
  });
});
