/** The one object the preload puts on `window`: everything the page may ask of the shell. */
export interface CctvDesktopApi {
  /** The desktop app's version. */
  readonly version: string;
  readonly platform: string;
  /** Opens (or focuses) a wall window on the next display that has none. */
  openWallWindow(): Promise<void>;
}

/** The only IPC channels; the preload refuses any other, the main process handles only these. */
export const IPC_CHANNELS = { openWallWindow: 'cctv:open-wall-window' } as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

const allowed: ReadonlySet<string> = new Set(Object.values(IPC_CHANNELS));

export function isAllowedChannel(channel: string): channel is IpcChannel {
  return allowed.has(channel);
}

/** How the main process hands the version to a sandboxed preload (which cannot read package.json). */
export const VERSION_ARG = '--cctv-version=';
