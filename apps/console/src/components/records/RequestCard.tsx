import { useState } from 'react';
import type { PoliceRequest } from '@cctv/protocol';
import { selectPermissions } from '../../features/auth/authSlice';
import {
  formatDuration,
  LAWFUL_BASIS_LABELS,
  RELEASE_METHODS,
  type ReleaseDraft,
} from '../../features/requests/requestForm';
import { localInput } from '../../features/records/incidentForm';
import { useConsoleStore } from '../../store/StoreContext';
import { when } from './IncidentDetail';

function Decide({ r }: { r: PoliceRequest }) {
  const decide = useConsoleStore((s) => s.decideRequest);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const go = (decision: 'approved' | 'refused') => void decide(r.id, decision, reason).then(setError);
  return (
    <div className="row">
      <input
        aria-label="Reason for the decision"
        className="narrative-box__input"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`request-reason-${r.id}`}
      />
      <button
        type="button"
        className="btn btn--primary"
        onClick={() => go('approved')}
        data-testid={`request-approve-${r.id}`}
      >
        Approve
      </button>
      <button type="button" className="btn" onClick={() => go('refused')} data-testid={`request-refuse-${r.id}`}>
        Refuse
      </button>
      {error && (
        <small className="field__error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

function Release({ r }: { r: PoliceRequest }) {
  const release = useConsoleStore((s) => s.releaseRequest);
  const [d, setD] = useState<ReleaseDraft>({
    releasedAt: localInput(Date.now()),
    method: 'digital-link',
    exhibitId: '',
    hashes: '',
    redactions: '',
    receivedBy: '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof ReleaseDraft) => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));
  return (
    <form
      className="row"
      aria-label="Release details"
      onSubmit={(e) => {
        e.preventDefault();
        void release(r.id, d).then(setError);
      }}
    >
      <input type="datetime-local" aria-label="Released at" value={d.releasedAt} onChange={set('releasedAt')} />
      <select aria-label="Method" className="select" value={d.method} onChange={set('method')}>
        {RELEASE_METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <input
        aria-label="Exhibit id"
        placeholder="Exhibit id"
        value={d.exhibitId}
        onChange={set('exhibitId')}
        data-testid={`release-exhibit-${r.id}`}
      />
      <input
        aria-label="SHA-256 hashes"
        placeholder="SHA-256 hashes"
        value={d.hashes}
        onChange={set('hashes')}
        data-testid={`release-hashes-${r.id}`}
      />
      <input aria-label="Redactions" placeholder="Redactions" value={d.redactions} onChange={set('redactions')} />
      <input aria-label="Received by" placeholder="Received by" value={d.receivedBy} onChange={set('receivedBy')} />
      <button type="submit" className="btn" data-testid={`request-release-${r.id}`}>
        Record release
      </button>
      {error && (
        <small className="field__error" role="alert" data-testid={`release-error-${r.id}`}>
          {error}
        </small>
      )}
    </form>
  );
}

/** One request in the disclosure log, with what this user may do next. */
export function RequestCard({ r }: { r: PoliceRequest }) {
  const perms = useConsoleStore(selectPermissions);
  const dispose = useConsoleStore((s) => s.disposeMedia);
  const [error, setError] = useState<string | null>(null);
  return (
    <article className="card" data-testid={`request-${r.id}`} data-status={r.status} data-urgency={r.urgency}>
      <h3>
        {r.number} · <span className={r.urgency === 'routine' ? '' : 'urgent'}>{r.urgency}</span> · {r.status}
      </h3>
      <p>
        Received {when(r.receivedAt)} from {r.requester.rank} {r.requester.name} (
        {r.requester.collarNumber || 'no collar'}), {r.requester.force}. Logged by {r.loggedBy}.
      </p>
      <p>
        {LAWFUL_BASIS_LABELS[r.lawfulBasis]}
        {r.ripa && ` · RIPA ${r.ripa.reference}, expires ${when(r.ripa.expiresAt)}`} · Police refs:{' '}
        {Object.values(r.policeRefs).join(', ') || '—'}
      </p>
      <p>
        Cameras {r.cameras.join(', ')} from {when(r.window.from)} to {when(r.window.to)}. Reason: {r.reason}
      </p>
      {r.decision ? (
        <p data-testid={`request-decision-${r.id}`}>
          {r.decision.decision === 'approved' ? 'Approved' : 'Refused'} by {r.decision.by}, {when(r.decision.at)}:{' '}
          {r.decision.reason}
        </p>
      ) : perms.includes('disclosure:approve') ? (
        <Decide r={r} />
      ) : (
        <p className="muted">Awaiting a data controller’s decision.</p>
      )}
      {r.release && (
        <p>
          Released {when(r.release.releasedAt)} by {r.release.by} ({r.release.method}), exhibit {r.release.exhibitId}
          {r.release.redactions && `, redactions: ${r.release.redactions}`}
        </p>
      )}
      {r.turnaroundMs !== null && (
        <p data-testid={`request-turnaround-${r.id}`}>Turnaround {formatDuration(r.turnaroundMs)}</p>
      )}
      {!r.release && perms.includes('evidence:export') && r.status !== 'refused' && <Release r={r} />}
      {r.disposal ? (
        <p>
          Media {r.disposal.kind} {when(r.disposal.at)} ({r.disposal.by})
        </p>
      ) : (
        r.release &&
        perms.includes('evidence:export') && (
          <div className="row">
            <button type="button" className="btn" onClick={() => void dispose(r.id, 'returned', '').then(setError)}>
              Media returned
            </button>
            <button type="button" className="btn" onClick={() => void dispose(r.id, 'destroyed', '').then(setError)}>
              Media destroyed
            </button>
            {error && <small className="field__error">{error}</small>}
          </div>
        )
      )}
    </article>
  );
}
