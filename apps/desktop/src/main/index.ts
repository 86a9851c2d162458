import { app, BrowserWindow, ipcMain, Menu, screen, session } from 'electron';
import { join } from 'node:path';
import { createAppWindow } from './appWindow';
import { ConfigError, parseDesktopConfig, type DesktopConfig } from './config';
import { menuTemplate } from './menu';
import { isNavigationAllowed, isPermissionAllowed, withCsp } from './security';
import { nextWallDisplay, planWallWindow, planWindows, type DisplayInfo } from './windows';
import { IPC_CHANNELS } from '../shared/ipc';

// The Electron main process, in order: config → single instance → session hardening → windows.
// Thin on purpose: no camera logic, no SQL; the console (served by the ingest) does the work.

let config: DesktopConfig;
try {
  config = parseDesktopConfig(process.argv.slice(1), process.env);
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : String(e)}\n`);
  process.exit(2);
}
const appOrigin = new URL(config.ingestUrl).origin;
const preload = join(__dirname, 'preload.cjs');
const log = (url: string, why: string) => process.stderr.write(`[desktop] blocked ${why}: ${url}\n`);
const windows = new Map<number, BrowserWindow>(); // by display id

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const control = [...windows.values()][0];
    if (control?.isMinimized()) control.restore();
    control?.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    // A second line of defence for any web contents, including ones not made by createAppWindow.
    contents.on('will-navigate', (ev, url) => {
      if (!isNavigationAllowed(url, appOrigin)) ev.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
}

function displays(): DisplayInfo[] {
  return screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea }));
}

function openWallWindow(): void {
  const d = nextWallDisplay(displays(), new Set(windows.keys()));
  if (!d) return;
  const win = createAppWindow(BrowserWindow, planWallWindow(d, config), {
    preload,
    version: app.getVersion(),
    appOrigin,
    onBlocked: log,
  });
  windows.set(d.id, win);
  win.on('closed', () => windows.delete(d.id));
}

function start(): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.url, appOrigin, details.responseHeaders) }),
  );
  s.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  s.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));

  ipcMain.handle(IPC_CHANNELS.openWallWindow, (event) => {
    if (!event.senderFrame || !isNavigationAllowed(event.senderFrame.url, appOrigin)) throw new Error('not allowed');
    openWallWindow();
  });

  Menu.setApplicationMenu(
    config.kiosk ? null : Menu.buildFromTemplate(menuTemplate(process.platform, { openWallWindow })),
  );

  for (const plan of planWindows(displays(), screen.getPrimaryDisplay().id, config)) {
    const win = createAppWindow(BrowserWindow, plan, { preload, version: app.getVersion(), appOrigin, onBlocked: log });
    windows.set(plan.displayId, win);
    win.on('closed', () => windows.delete(plan.displayId));
  }
}
