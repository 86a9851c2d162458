import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { MAX_TILES, moveSelection, tileCount, type Direction, type Layout } from './layouts';

/** The part of the wall that is saved and restored (localStorage, URL). */
export interface WallLayoutState {
  layout: Layout;
  /** Camera id per tile position (all 16 are kept, so a smaller layout does not forget the rest). */
  tiles: (string | null)[];
  overlay: boolean;
}

export interface WallSlice extends WallLayoutState {
  selected: number;
  maximised: number | null;
  helpOpen: boolean;
  /** Digits typed for a camera call-up (`G`, digits, Enter), or null when not calling up. */
  callUp: string | null;
  setLayout(layout: Layout): void;
  selectTile(tile: number): void;
  moveSelection(dir: Direction): void;
  assignCamera(tile: number, cameraId: string | null): void;
  assignToSelected(cameraId: string): void;
  swapTiles(a: number, b: number): void;
  /** Maximises the selected tile, or restores when it already is. */
  toggleMaximise(tile?: number): void;
  restore(): void;
  toggleOverlay(): void;
  setHelpOpen(open: boolean): void;
  setCallUp(digits: string | null): void;
}

export const defaultWall: WallLayoutState = {
  layout: '2x2',
  tiles: Array<string | null>(MAX_TILES).fill(null),
  overlay: false,
};

/** Normalises a (possibly partial or stale) saved wall to 16 tiles. */
export function normaliseTiles(tiles: readonly (string | null | undefined)[]): (string | null)[] {
  return Array.from({ length: MAX_TILES }, (_, i) => tiles[i] ?? null);
}

export function createWallSlice(initial: WallLayoutState): StateCreator<ConsoleState, [], [], WallSlice> {
  return (set, get) => ({
    ...initial,
    tiles: normaliseTiles(initial.tiles),
    selected: 0,
    maximised: null,
    helpOpen: false,
    callUp: null,
    setLayout: (layout) =>
      set((s) => ({
        layout,
        selected: Math.min(s.selected, tileCount(layout) - 1),
        maximised: null,
      })),
    selectTile: (tile) => {
      if (tile >= 0 && tile < tileCount(get().layout)) set({ selected: tile });
    },
    moveSelection: (dir) =>
      set((s) => {
        const selected = moveSelection(s.selected, dir, s.layout);
        // While maximised, the arrows walk the maximised view through the wall's tiles.
        return s.maximised === null ? { selected } : { selected, maximised: selected };
      }),
    assignCamera: (tile, cameraId) =>
      set((s) => {
        if (tile < 0 || tile >= MAX_TILES || s.tiles[tile] === cameraId) return {};
        const tiles = s.tiles.slice();
        tiles[tile] = cameraId;
        return { tiles };
      }),
    assignToSelected: (cameraId) => get().assignCamera(get().selected, cameraId),
    swapTiles: (a, b) =>
      set((s) => {
        if (a === b) return {};
        const tiles = s.tiles.slice();
        [tiles[a], tiles[b]] = [s.tiles[b] ?? null, s.tiles[a] ?? null];
        return { tiles, selected: b };
      }),
    toggleMaximise: (tile) =>
      set((s) => {
        const t = tile ?? s.selected;
        if (s.maximised !== null) return { maximised: null };
        return t < tileCount(s.layout) ? { maximised: t, selected: t } : {};
      }),
    restore: () => set({ maximised: null }),
    toggleOverlay: () => set((s) => ({ overlay: !s.overlay })),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setCallUp: (callUp) => set({ callUp }),
  });
}

/** The saved part of the wall, for persistence. */
export const selectWallLayout = (s: ConsoleState): WallLayoutState => ({
  layout: s.layout,
  tiles: s.tiles,
  overlay: s.overlay,
});
export const selectLayout = (s: ConsoleState): Layout => s.layout;
export const selectSelected = (s: ConsoleState): number => s.selected;
export const selectMaximised = (s: ConsoleState): number | null => s.maximised;
export const selectOverlay = (s: ConsoleState): boolean => s.overlay;
export const selectHelpOpen = (s: ConsoleState): boolean => s.helpOpen;
export const selectCallUp = (s: ConsoleState): string | null => s.callUp;
export const selectTileCamera =
  (tile: number) =>
  (s: ConsoleState): string | null =>
    s.tiles[tile] ?? null;
