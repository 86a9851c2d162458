import { useEffect, useState } from 'react';
import type { Incident, IncidentChange, NarrativeEntry } from '@cctv/protocol';
import { selectPermissions } from '../../features/auth/authSlice';
import { OUTCOME_LABELS, SOURCE_LABELS } from '../../features/records/incidentForm';
import { selectOccurrences } from '../../features/records/occurrenceSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { NarrativeBox } from './NarrativeBox';
import { SnapshotImage } from './SnapshotImage';

export const when = (ms: number | null | undefined) => (ms == null ? '—' : new Date(ms).toLocaleString());

const KIND_LABEL: Record<NarrativeEntry['kind'], string> = {
  operator: 'Operator',
  'police-comment': 'Police comment',
  system: 'System',
};

function Narrative({ entries }: { entries: NarrativeEntry[] }) {
  if (entries.length === 0) return <p className="muted">No narrative yet.</p>;
  return (
    <ol className="narrative" data-testid="incident-narrative-list">
      {entries.map((n) => (
        <li
          key={n.id}
          className={`narrative__entry narrative__entry--${n.kind}`}
          data-testid="narrative-entry"
          data-kind={n.kind}
        >
          <span className="narrative__meta">
            {when(n.at)} · {KIND_LABEL[n.kind]} · {n.by}
          </span>
          <span className="narrative__text">{n.text}</span>
        </li>
      ))}
    </ol>
  );
}

function History({ history }: { history: IncidentChange[] }) {
  if (history.length === 0) return <p className="muted">No changes since it was logged.</p>;
  return (
    <ul className="history" data-testid="incident-history">
      {history.map((h) => (
        <li key={h.version}>
          {when(h.at)} · {h.by} · v{h.version}
          {h.reason && ` · ${h.reason}`}:{' '}
          {Object.entries(h.changes)
            .map(([f, c]) => `${f}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
            .join('; ')}
        </li>
      ))}
    </ul>
  );
}

function Fields({ i }: { i: Incident }) {
  const rows: [string, string][] = [
    ['Status', i.status === 'open' ? 'Open' : 'Closed'],
    ['Started', when(i.startedAt)],
    ['Ended', when(i.endedAt)],
    ['Category', i.category],
    ['District', i.district],
    ['Town', i.town || '—'],
    ['Location', i.location],
    ['Source', SOURCE_LABELS[i.source]],
    ['Cameras', i.cameras.join(', ') || '—'],
    ['CAD / log', i.policeRefs.cad ?? '—'],
    ['Crime reference', i.policeRefs.crimeRef ?? '—'],
    ['URN', i.policeRefs.urn ?? '—'],
    ['Outcome', i.outcome ? OUTCOME_LABELS[i.outcome] : '—'],
    ['Outcome notes', i.outcomeNotes || '—'],
    ['Evidence', i.evidence.join(', ') || '—'],
    ['Shared with police', i.sharedWithPolice ? 'Yes' : 'No'],
    ['Operator', i.operator],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd data-testid={`incident-field-${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The selected incident: every field, the timed narrative, review, snapshot and history. */
export function IncidentDetail() {
  const occ = useConsoleStore(selectOccurrences);
  const held = useConsoleStore((s) => (occ.selectedId === null ? undefined : s.records.incidents[occ.selectedId]));
  const perms = useConsoleStore(selectPermissions);
  const reload = useConsoleStore((s) => s.loadIncidentDetail);
  const edit = useConsoleStore((s) => s.openIncidentEdit);
  const review = useConsoleStore((s) => s.reviewIncident);
  const [reviewNotes, setReviewNotes] = useState('');
  const [reviewError, setReviewError] = useState<string | null>(null);
  const detail = occ.detail && occ.detail.incident.id === occ.selectedId ? occ.detail : null;
  // A newer state arrived live (a narrative line, a comment, an edit): fetch it with its history.
  useEffect(() => {
    if (held && detail && held.rev > detail.incident.rev) void reload(held.id);
  }, [held, detail, reload]);

  if (occ.selectedId === null)
    return <p className="muted">Select an incident (↑/↓ in the list) to see its narrative and history.</p>;
  if (!held && !detail) return <p className="muted">{occ.detailError ?? 'Loading…'}</p>;
  const i = detail?.incident ?? held!;
  const canEdit = perms.includes('records:edit');
  return (
    <article className="incident" data-testid="incident-detail" data-id={i.id} data-ref={i.ref} data-rev={i.rev}>
      <header className="row">
        <h3>{i.ref}</h3>
        <span className={`badge badge--${i.status === 'open' ? 'live' : 'idle'}`} data-testid="incident-status">
          {i.status}
        </span>
        {canEdit && (
          <>
            <button type="button" className="btn" data-testid="incident-edit" onClick={() => edit('category')}>
              Edit
            </button>
            <button type="button" className="btn" data-testid="incident-set-outcome" onClick={() => edit('outcome')}>
              Outcome (Alt+E)
            </button>
            <button type="button" className="btn" data-testid="incident-link-camera" onClick={() => edit('cameras')}>
              Link camera (Alt+C)
            </button>
          </>
        )}
      </header>
      {occ.detailError && <p className="notice notice--error">{occ.detailError}</p>}
      <Fields i={i} />
      <h4>Narrative</h4>
      <Narrative entries={detail?.incident.narrative ?? i.narrative} />
      {canEdit && <NarrativeBox key={`op-${i.id}`} id={i.id} kind="operator" />}
      {perms.includes('records:comment') && <NarrativeBox key={`pc-${i.id}`} id={i.id} kind="police-comment" />}
      {i.hasSnapshot && <SnapshotImage id={i.id} rev={i.rev} />}
      <h4>Supervisor review</h4>
      {i.review ? (
        <p data-testid="incident-review">
          Reviewed by {i.review.by}, {when(i.review.at)}
          {i.review.notes && `: ${i.review.notes}`}
        </p>
      ) : perms.includes('records:review') ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void review(i.id, reviewNotes).then(setReviewError);
          }}
        >
          <input
            aria-label="Review notes"
            className="narrative-box__input"
            value={reviewNotes}
            onChange={(e) => setReviewNotes(e.target.value)}
            data-testid="review-notes"
          />
          <button type="submit" className="btn" data-testid="review-submit">
            Mark reviewed
          </button>
          {reviewError && <small className="field__error">{reviewError}</small>}
        </form>
      ) : (
        <p className="muted">Not reviewed yet.</p>
      )}
      {detail && (
        <>
          <h4>History</h4>
          <History history={detail.history} />
        </>
      )}
    </article>
  );
}
