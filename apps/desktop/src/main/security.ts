// Pure security settings for every window. No `electron` import here, so this is tested as plain code.
import { VERSION_ARG } from '../shared/ipc';

/** Literal types: a window cannot be given a weaker setting without a compile error. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  backgroundThrottling: false;
  additionalArguments: string[];
}

/** The web preferences every window gets; there is no way to open a window without them. */
export function secureWebPreferences(preload: string, version: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The console's video wall must keep painting when the window is behind another one.
    backgroundThrottling: false,
    additionalArguments: [`${VERSION_ARG}${version}`],
  };
}

/** Only pages of the app's own origin (the ingest that serves the console) may be shown. */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  try {
    const target = new URL(url);
    return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin === new URL(appOrigin).origin;
  } catch {
    return false;
  }
}

/**
 * The same policy as the console's meta tag (apps/console/src/csp.ts; apps do not import each other),
 * plus what only a header can say (frame-ancestors). When both apply, the browser enforces both.
 */
export function cspHeader(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "connect-src 'self' ws: wss: http://localhost:* http://127.0.0.1:*",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with our CSP added, for responses from the app's origin (others are left alone). */
export function withCsp(
  url: string,
  appOrigin: string,
  headers: Record<string, string[] | string> | undefined,
): Record<string, string[] | string> {
  const out = { ...(headers ?? {}) };
  if (!isNavigationAllowed(url, appOrigin)) return out;
  out['Content-Security-Policy'] = [cspHeader()];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** The shell asks for no permission on the page's behalf (no camera, microphone, notifications, …). */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
