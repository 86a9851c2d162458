import { describe, expect, it } from 'vitest';
import { createAppWindow, type WindowLike, type WindowOptions } from './appWindow';
import { parseDesktopConfig } from './config';
import { planWindows, type DisplayInfo } from './windows';

// Electron's binary cannot be downloaded here: a fake BrowserWindow records what the shell asks of it.
class FakeWindow implements WindowLike {
  static made: FakeWindow[] = [];
  handlers = new Map<string, (...a: never[]) => void>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  loaded: string | null = null;
  webContents = {
    on: (event: string, fn: (...a: never[]) => void) => this.handlers.set(event, fn),
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: 'deny' }) => {
      this.openHandler = fn;
    },
  };
  constructor(readonly options: WindowOptions) {
    FakeWindow.made.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  once() {}
  show() {}
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    (this.handlers.get(event) as (e: { preventDefault(): void }, url: string) => void)(
      { preventDefault: () => (prevented = true) },
      url,
    );
    return prevented;
  }
}

const display = (id: number, x: number): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
});

describe('app windows', () => {
  const config = parseDesktopConfig(['--wall'], { CCTV_INGEST_URL: 'http://localhost:8640/' });
  const plans = planWindows([display(1, 0), display(2, 1920), display(3, 3840)], 1, config);
  FakeWindow.made = [];
  const blocked: string[] = [];
  const wins = plans.map((p) =>
    createAppWindow(FakeWindow, p, {
      preload: '/p.cjs',
      version: '0.1.0',
      appOrigin: 'http://localhost:8640',
      onBlocked: (u) => blocked.push(u),
    }),
  );

  it('creates every window (control and walls) with isolation, sandbox and no node integration', () => {
    expect(wins).toHaveLength(3);
    for (const w of FakeWindow.made) {
      expect(w.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
      expect(w.options.show).toBe(false);
    }
  });

  it('loads the console from the ingest, walls with their own screen id', () => {
    expect(wins.map((w) => w.loaded)).toEqual([
      'http://localhost:8640/',
      'http://localhost:8640/?screen=wall-2',
      'http://localhost:8640/?screen=wall-3',
    ]);
  });

  it('blocks navigation and redirects away from the app origin, and every pop-up', () => {
    const w = wins[0]!;
    expect(w.navigate('will-navigate', 'http://localhost:8640/?layout=1x1')).toBe(false);
    expect(w.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(w.navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(w.openHandler!({ url: 'http://localhost:8640/' })).toEqual({ action: 'deny' });
    expect(blocked).toContain('https://evil.example/');
  });

  it('refuses <webview>', () => {
    let prevented = false;
    (wins[0]!.handlers.get('will-attach-webview') as (e: { preventDefault(): void }) => void)({
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
  });
});
