// Baseline (a): ffmpeg HLS played with hls.js (default configuration). Each decoded video frame is
// drawn into a canvas on requestVideoFrameCallback and its capture-time strip is read there.
import Hls from 'hls.js';
import { addTile, installHook, painted, streamList, tileCanvas, wallClock } from './common';

installHook();
for (const id of streamList()) {
  const t = addTile(id);
  const { canvas, ctx } = tileCanvas();
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.playsInline = true;
  video.style.width = '160px';
  document.body.appendChild(video);
  const onFrame = () => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.drawImage(video, 0, 0, w, h);
    painted(t, ctx, w, h);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const hls = new Hls();
  t.subscribedAt = wallClock();
  hls.loadSource(`/hls/${id}/index.m3u8`);
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
}
