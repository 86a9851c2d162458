// Baseline (b): an MPEG-1 relay played with JSMpeg, as the rtsp-relay package does it, drawing on a
// 2D canvas (disableGl) so the capture-time strip can be read after each decoded frame.
import JSMpeg from '@cycjimmy/jsmpeg-player';
import { addTile, installHook, painted, streamList, tileCanvas, wallClock } from './common';

installHook();
for (const id of streamList()) {
  const t = addTile(id);
  const { canvas, ctx } = tileCanvas();
  t.subscribedAt = wallClock();
  new JSMpeg.Player(`ws://${location.host}/ws/${id}`, {
    canvas,
    disableGl: true,
    audio: false,
    onVideoDecode: () => painted(t, ctx, canvas.width, canvas.height),
  });
}
