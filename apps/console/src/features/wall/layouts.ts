/** The wall's grid layouts. */
export const LAYOUTS = ['1x1', '2x2', '3x3', '4x4'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Tiles the wall remembers, whatever the layout (a 4×4 wall). */
export const MAX_TILES = 16;

export function isLayout(v: string): v is Layout {
  return (LAYOUTS as readonly string[]).includes(v);
}

export function gridSize(layout: Layout): number {
  return Number(layout[0]);
}

export function tileCount(layout: Layout): number {
  return gridSize(layout) ** 2;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** Moves the selection within the visible grid; stops at the edges (no wrap: predictable for operators). */
export function moveSelection(selected: number, dir: Direction, layout: Layout): number {
  const n = gridSize(layout);
  const clamped = Math.min(Math.max(selected, 0), n * n - 1);
  const row = Math.floor(clamped / n);
  const col = clamped % n;
  switch (dir) {
    case 'up':
      return row > 0 ? clamped - n : clamped;
    case 'down':
      return row < n - 1 ? clamped + n : clamped;
    case 'left':
      return col > 0 ? clamped - 1 : clamped;
    case 'right':
      return col < n - 1 ? clamped + 1 : clamped;
  }
}
