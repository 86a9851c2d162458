import { selectConnection } from '../features/connection/connectionSlice';
import { useConsoleStore } from '../store/StoreContext';

/** A refused handshake or a missing decoder needs a person; a dropped connection retries by itself. */
export function Banner({ decoderMissing }: { decoderMissing: boolean }) {
  const c = useConsoleStore(selectConnection);
  if (decoderMissing) {
    return (
      <div className="banner banner--error" role="alert" data-testid="banner">
        This browser cannot decode video (neither WebCodecs nor Media Source Extensions is available).
      </div>
    );
  }
  if (c.status === 'refused') {
    return (
      <div className="banner banner--error" role="alert" data-testid="banner" data-reason="refused">
        <strong>The ingest service refused this console.</strong> {c.message}
      </div>
    );
  }
  if (c.status !== 'connected' && c.message) {
    return (
      <div className="banner banner--warn" role="status" data-testid="banner" data-reason={c.status}>
        {c.message} — retrying ({c.ingestUrl})
      </div>
    );
  }
  return null;
}
