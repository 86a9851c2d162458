import { cameraIdSchema } from '@cctv/protocol';
import { isLayout, type Layout } from '../features/wall/layouts';

/** What the page URL asks for. Every field is optional: absent means "use the saved wall / defaults". */
export interface UrlOptions {
  /** Where the ingest service is; defaults to the page's own origin (the ingest serves the console). */
  ingestUrl: string;
  layout?: Layout;
  /** Cameras for tiles 0.., `null` for an empty tile (`tiles=cam-01,,cam-03`). */
  tiles?: (string | null)[];
  overlay?: boolean;
  /** Read the time strip and keep latency samples even with the overlay off (benchmarks). */
  telemetry?: boolean;
  /** Force a decoder; `auto` picks WebCodecs when present. */
  decoder: 'auto' | 'webcodecs' | 'mse';
  workstation?: string;
  /** A wall screen's name (`screen=wall-2`): each screen saves its own wall. */
  screen?: string;
}

const truthy = (v: string | null): boolean | undefined =>
  v === null ? undefined : v === '' || v === '1' || v === 'true' || v === 'on';

/** Accepts only http(s) URLs; anything else falls back to the page origin. */
export function parseIngestUrl(raw: string | null, origin: string): string {
  if (!raw) return origin;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return origin;
    return url.origin;
  } catch {
    return origin;
  }
}

export function parseTiles(raw: string | null): (string | null)[] | undefined {
  if (raw === null) return undefined;
  return raw
    .split(',')
    .slice(0, 16)
    .map((s) => s.trim())
    .map((s) => (cameraIdSchema.safeParse(s).success ? s : null));
}

export function parseUrlOptions(search: string, origin: string): UrlOptions {
  const p = new URLSearchParams(search);
  const layout = p.get('layout');
  const decoder = p.get('decoder');
  const options: UrlOptions = {
    ingestUrl: parseIngestUrl(p.get('ingest'), origin),
    decoder: decoder === 'mse' || decoder === 'webcodecs' ? decoder : 'auto',
  };
  if (layout !== null && isLayout(layout)) options.layout = layout;
  const tiles = parseTiles(p.get('tiles'));
  if (tiles) options.tiles = tiles;
  const overlay = truthy(p.get('overlay'));
  if (overlay !== undefined) options.overlay = overlay;
  const telemetry = truthy(p.get('telemetry'));
  if (telemetry !== undefined) options.telemetry = telemetry;
  const screen = p.get('screen');
  if (screen && /^[a-z0-9-]{1,32}$/i.test(screen)) options.screen = screen;
  const workstation = p.get('workstation');
  if (workstation && workstation.length <= 64) options.workstation = workstation;
  return options;
}

/**
 * The one-time set-up token from the link the ingest prints (`#setup=<token>`). It travels in the
 * fragment, so it never reaches a server log. (A session token is never read from the URL.)
 */
export function parseSetupToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('setup');
  return token && /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}
