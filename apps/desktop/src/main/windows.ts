import type { DesktopConfig } from './config';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export interface WindowPlan {
  role: 'control' | 'wall';
  displayId: number;
  bounds: Rect;
  fullscreen: boolean;
  kiosk: boolean;
  url: string;
  title: string;
}

/** A wall screen keeps its own layout: the console saves the wall per `screen`. */
export function wallUrl(ingestUrl: string, displayId: number): string {
  const url = new URL(ingestUrl);
  url.searchParams.set('screen', `wall-${displayId}`);
  return url.href;
}

/**
 * The control window on the primary display; with `wall`, a full-screen wall window on every other
 * display. Pure: displays in, plans out.
 */
export function planWindows(displays: readonly DisplayInfo[], primaryId: number, config: DesktopConfig): WindowPlan[] {
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return [];
  const plans: WindowPlan[] = [
    {
      role: 'control',
      displayId: primary.id,
      bounds: primary.workArea,
      fullscreen: config.kiosk,
      kiosk: config.kiosk,
      url: config.ingestUrl,
      title: 'CCTV console',
    },
  ];
  if (!config.wall) return plans;
  for (const d of displays) {
    if (d.id === primary.id) continue;
    plans.push(planWallWindow(d, config));
  }
  return plans;
}

export function planWallWindow(d: DisplayInfo, config: DesktopConfig): WindowPlan {
  return {
    role: 'wall',
    displayId: d.id,
    bounds: d.bounds,
    fullscreen: true,
    kiosk: config.kiosk,
    url: wallUrl(config.ingestUrl, d.id),
    title: `CCTV wall (display ${d.id})`,
  };
}

/** Where `openWallWindow()` puts the next wall: a display without a window, else none. */
export function nextWallDisplay(displays: readonly DisplayInfo[], used: ReadonlySet<number>): DisplayInfo | undefined {
  return displays.find((d) => !used.has(d.id));
}
