import type { AuditEntry } from '@cctv/protocol';

const time = (ms: number) => new Date(ms).toLocaleString();

/** One page of entries, newest first (a page is at most 100 rows: nothing to virtualise). */
export function AuditTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  if (entries.length === 0) {
    return (
      <p className="muted" data-testid="audit-empty" role="status">
        {loading ? 'Searching…' : 'No entries match.'}
      </p>
    );
  }
  return (
    <table className="grid-table" data-testid="audit-table" aria-busy={loading}>
      <caption className="muted">Newest first</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When</th>
          <th scope="col">User</th>
          <th scope="col">Workstation</th>
          <th scope="col">Action</th>
          <th scope="col">Camera</th>
          <th scope="col">Target</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="audit-row" data-id={e.id} data-action={e.action}>
            <td>{e.id}</td>
            <td>{time(e.at)}</td>
            <td>{e.username ?? '—'}</td>
            <td>{e.workstation ?? '—'}</td>
            <td>{e.action}</td>
            <td>{e.cameraId ?? ''}</td>
            <td>{e.target ?? ''}</td>
            <td className="mono">{Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
