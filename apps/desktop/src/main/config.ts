/** How the shell was asked to run. */
export interface DesktopConfig {
  /** The ingest service that serves the console (and that the console talks to). */
  ingestUrl: string;
  /** Open a wall window on every display other than the control one. */
  wall: boolean;
  /** Full-screen, no menu, no way out but the keyboard shortcut an administrator knows. */
  kiosk: boolean;
}

export class ConfigError extends Error {}

export const DEFAULT_INGEST_URL = 'http://localhost:8640/';

function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`not a URL: "${raw}" (expected e.g. http://localhost:8640/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`the ingest URL must be http(s), got "${raw}"`);
  return url.href;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

/**
 * Reads `--ingest=URL`, `--wall`, `--kiosk` from the command line and CCTV_INGEST_URL, CCTV_WALL,
 * CCTV_KIOSK from the environment; the command line wins. Unknown arguments (Chromium's, Electron's)
 * are ignored.
 */
export function parseDesktopConfig(argv: readonly string[], env: Record<string, string | undefined>): DesktopConfig {
  let ingest = env.CCTV_INGEST_URL || DEFAULT_INGEST_URL;
  let wall = truthy(env.CCTV_WALL);
  let kiosk = truthy(env.CCTV_KIOSK);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--wall') wall = true;
    else if (a === '--no-wall') wall = false;
    else if (a === '--kiosk') kiosk = true;
    else if (a.startsWith('--ingest=')) ingest = a.slice('--ingest='.length);
    else if (a === '--ingest') {
      const next = argv[++i];
      if (!next) throw new ConfigError('--ingest needs a URL');
      ingest = next;
    }
  }
  return { ingestUrl: normaliseUrl(ingest), wall, kiosk };
}
