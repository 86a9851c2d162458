import { useEffect, useState } from 'react';
import type { TileFigures } from '../telemetry/telemetry';
import { useVideo } from '../video/VideoContext';

const REFRESH_MS = 500;

/** Figures from the telemetry registry, refreshed twice a second: only this overlay re-renders. */
export function TileOverlay({ index, streamId }: { index: number; streamId: string | null }) {
  const video = useVideo();
  const [f, setF] = useState<TileFigures>(() => video.figures(index));
  useEffect(() => {
    const t = setInterval(() => setF(video.figures(index)), REFRESH_MS);
    return () => clearInterval(t);
  }, [video, index]);
  return (
    <dl className="overlay" data-testid={`tileoverlay-${index}`} aria-label="Stream statistics">
      <dt>stream</dt>
      <dd>{streamId}</dd>
      <dt>fps</dt>
      <dd>{f.fps.toFixed(0)}</dd>
      <dt>kbit/s</dt>
      <dd>{f.bitrateKbps.toFixed(0)}</dd>
      <dt>latency</dt>
      <dd>{f.latencyMs === null ? '–' : `${f.latencyMs.toFixed(0)} ms`}</dd>
    </dl>
  );
}
