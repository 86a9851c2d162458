import { useEffect, useState } from 'react';
import { useConsoleStore } from '../../store/StoreContext';

/** The incident's snapshot, fetched with the session's token and shown through a blob URL. */
export function SnapshotImage({ id, rev }: { id: number; rev: number }) {
  const fetchSnapshot = useConsoleStore((s) => s.fetchSnapshot);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    void fetchSnapshot(id).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      made = URL.createObjectURL(r.data.blob);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id, rev, fetchSnapshot]);
  if (error) return <p className="muted">Snapshot: {error}</p>;
  if (!url) return <p className="muted">Loading the snapshot…</p>;
  return (
    <img
      className="snapshot"
      src={url}
      alt="Snapshot taken when the incident was opened"
      data-testid="incident-snapshot"
    />
  );
}
