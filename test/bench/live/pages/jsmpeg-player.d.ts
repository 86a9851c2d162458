// The package ships no types: the small part the baseline page uses.
declare module '@cycjimmy/jsmpeg-player' {
  interface PlayerOptions {
    canvas?: HTMLCanvasElement;
    disableGl?: boolean;
    disableWebAssembly?: boolean;
    audio?: boolean;
    autoplay?: boolean;
    onVideoDecode?: (decoder: unknown, time: number) => void;
  }
  interface Player {
    destroy(): void;
  }
  const JSMpeg: { Player: new (url: string, options?: PlayerOptions) => Player };
  export default JSMpeg;
}
