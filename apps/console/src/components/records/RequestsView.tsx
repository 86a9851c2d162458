import { useEffect, useState } from 'react';
import { selectPermissions } from '../../features/auth/authSlice';
import type { RequestStatus } from '../../features/requests/requestsSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { PoliceRequestForm } from './PoliceRequestForm';
import { RequestCard } from './RequestCard';

/** Police requests and the disclosure log: urgent requests awaiting a decision first (the server's order). */
export function RequestsView() {
  const list = useConsoleStore((s) => s.requestsList);
  const requests = useConsoleStore((s) => s.records.requests);
  const load = useConsoleStore((s) => s.loadRequests);
  const perms = useConsoleStore(selectPermissions);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void load(list.status);
  }, []);
  return (
    <main className="page" data-testid="view-requests" aria-labelledby="requests-title">
      <div className="row">
        <h2 id="requests-title">Police requests and disclosures</h2>
        {perms.includes('requests:raise') && (
          <button
            type="button"
            className="btn btn--primary"
            data-testid="request-new"
            onClick={() => setCreating(true)}
          >
            Log a request
          </button>
        )}
        <select
          aria-label="Status"
          className="select"
          value={list.status}
          data-testid="requests-status"
          onChange={(e) => void load(e.target.value as RequestStatus | '')}
        >
          <option value="">All</option>
          <option value="awaiting-decision">Awaiting decision</option>
          <option value="approved">Approved</option>
          <option value="refused">Refused</option>
          <option value="released">Released</option>
        </select>
      </div>
      {list.error && (
        <p className="notice notice--error" role="alert">
          {list.error}
        </p>
      )}
      {creating && <PoliceRequestForm onDone={() => setCreating(false)} />}
      {list.ids.length === 0 && <p className="muted">{list.loading ? 'Loading…' : 'No requests.'}</p>}
      {list.ids.map((id) => {
        const r = requests[id];
        return r ? <RequestCard key={id} r={r} /> : null;
      })}
    </main>
  );
}
