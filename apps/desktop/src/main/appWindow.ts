import { isNavigationAllowed, secureWebPreferences, type SecureWebPreferences } from './security';
import type { WindowPlan } from './windows';

/** The bits of Electron's BrowserWindow this module uses, so tests can pass a fake (Electron cannot run here). */
export interface WindowLike {
  webContents: {
    on(event: 'will-navigate' | 'will-redirect', fn: (e: { preventDefault(): void }, url: string) => void): unknown;
    on(event: 'will-attach-webview', fn: (e: { preventDefault(): void }) => void): unknown;
    setWindowOpenHandler(fn: (details: { url: string }) => { action: 'deny' }): void;
  };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', fn: () => void): unknown;
  show(): void;
}

export type WindowOptions = {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  show: boolean;
  fullscreen: boolean;
  kiosk: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
};

export type WindowConstructor<W extends WindowLike> = new (options: WindowOptions) => W;

export interface AppWindowDeps {
  preload: string;
  version: string;
  appOrigin: string;
  /** Called with a blocked URL (for the log). */
  onBlocked?: (url: string, why: string) => void;
}

/** Every window is made here: secure preferences, navigation pinned to the app origin, no pop-ups. */
export function createAppWindow<W extends WindowLike>(
  Ctor: WindowConstructor<W>,
  plan: WindowPlan,
  deps: AppWindowDeps,
): W {
  const win = new Ctor({
    ...plan.bounds,
    title: plan.title,
    show: false,
    fullscreen: plan.fullscreen,
    kiosk: plan.kiosk,
    autoHideMenuBar: plan.role === 'wall',
    // The console's dark grey: no white flash while it loads.
    backgroundColor: '#15181c',
    webPreferences: secureWebPreferences(deps.preload, deps.version),
  });
  const guard = (why: string) => (e: { preventDefault(): void }, url: string) => {
    if (isNavigationAllowed(url, deps.appOrigin)) return;
    e.preventDefault();
    deps.onBlocked?.(url, why);
  };
  win.webContents.on('will-navigate', guard('navigation'));
  win.webContents.on('will-redirect', guard('redirect'));
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    deps.onBlocked?.(url, 'window.open');
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(plan.url).catch((e: unknown) => deps.onBlocked?.(plan.url, `load failed: ${String(e)}`));
  return win;
}
