import { describe, expect, it } from 'vitest';
import { cspHeader, isNavigationAllowed, isPermissionAllowed, secureWebPreferences, withCsp } from './security';

const origin = 'http://localhost:8640';

describe('desktop security', () => {
  it('gives every window context isolation, the sandbox, no node integration and web security', () => {
    expect(secureWebPreferences('/app/preload.cjs', '1.2.3')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      additionalArguments: ['--cctv-version=1.2.3'],
    });
  });

  it.each([
    ['http://localhost:8640/', true],
    ['http://localhost:8640/?layout=2x2&tiles=cam-01', true],
    ['http://localhost:8640/assets/index.js#x', true],
    ['http://localhost:8641/', false],
    ['http://127.0.0.1:8640/', false],
    ['https://localhost:8640/', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isNavigationAllowed(url, origin)).toBe(allowed);
  });

  it('sends a strict CSP: own scripts only, no inline, no plugins, not framable', () => {
    const csp = cspHeader();
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('adds the CSP to the app origin responses only', () => {
    expect(withCsp(`${origin}/index.html`, origin, { 'content-type': ['text/html'] })).toMatchObject({
      'content-type': ['text/html'],
      'Content-Security-Policy': [cspHeader()],
    });
    expect(withCsp('https://elsewhere.example/', origin, {})['Content-Security-Policy']).toBeUndefined();
  });

  it('grants no permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal'])
      expect(isPermissionAllowed(p)).toBe(false);
  });
});
