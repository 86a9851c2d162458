import { useEffect, useState } from 'react';
import { PRINCIPLES, type Inspection } from '@cctv/protocol';
import { selectPermissions } from '../../features/auth/authSlice';
import { STATUS_LABELS } from '../../features/inspections/inspectionForm';
import { selectInspections } from '../../features/inspections/inspectionsSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { InspectionForm } from './InspectionForm';

function Respond({ id }: { id: number }) {
  const respond = useConsoleStore((s) => s.respondInspection);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelId = `respond-${id}`;
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void respond(id, text).then((err) => {
          setBusy(false);
          setError(err);
          if (!err) setText('');
        });
      }}
    >
      <label htmlFor={labelId}>Supervisor's response</label>
      <textarea
        id={labelId}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={`inspection-response-${id}`}
      />
      {error && (
        <small className="field__error" role="alert">
          {error}
        </small>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={busy} data-testid={`inspection-respond-${id}`}>
          Add response
        </button>
      </div>
    </form>
  );
}

function Report({ i, canRespond }: { i: Inspection; canRespond: boolean }) {
  return (
    <article className="card" data-testid={`inspection-${i.id}`} aria-labelledby={`inspection-title-${i.id}`}>
      <h3 id={`inspection-title-${i.id}`}>
        Spot check {i.date} <span className="muted">by {i.inspector}</span>
      </h3>
      <p>
        <strong>Checked:</strong> {i.checked}
      </p>
      <details>
        <summary>Findings against the 12 principles</summary>
        <table className="grid-table">
          <tbody>
            {[...i.findings]
              .sort((a, b) => a.principle - b.principle)
              .map((f) => (
                <tr key={f.principle}>
                  <th scope="row">
                    {f.principle}. {PRINCIPLES[f.principle - 1]}
                  </th>
                  <td className={`status--${f.status}`}>{STATUS_LABELS[f.status]}</td>
                  <td>{f.notes}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
      {i.recommendations && (
        <p>
          <strong>Recommendations:</strong> {i.recommendations}
        </p>
      )}
      <h4>Responses</h4>
      {i.responses.length === 0 ? (
        <p className="muted">No response yet.</p>
      ) : (
        <ul data-testid={`inspection-responses-${i.id}`}>
          {i.responses.map((r, n) => (
            <li key={n}>
              <strong>{r.by}</strong> <span className="muted">{new Date(r.at).toLocaleString()}</span>: {r.response}
            </li>
          ))}
        </ul>
      )}
      {canRespond && <Respond id={i.id} />}
    </article>
  );
}

/** Inspection reports for the annual review; inspectors add spot checks, supervisors respond. */
export function InspectionsView() {
  const view = useConsoleStore(selectInspections);
  const permissions = useConsoleStore(selectPermissions);
  const load = useConsoleStore((s) => s.loadInspections);
  const [writing, setWriting] = useState(false);
  const canWrite = permissions.includes('inspections:write');
  const canView = permissions.includes('inspections:view');
  const canRespond = permissions.includes('inspections:respond');

  useEffect(() => {
    if (canView) void load();
  }, [load, canView]);

  return (
    <main className="page" data-testid="view-inspections" aria-labelledby="inspections-title">
      <div className="row">
        <h2 id="inspections-title">Inspections</h2>
        {canWrite && !writing && (
          <button
            type="button"
            className="btn btn--primary"
            data-testid="inspection-new"
            onClick={() => setWriting(true)}
          >
            Record a spot check
          </button>
        )}
      </div>
      {writing && <InspectionForm onDone={() => setWriting(false)} />}
      {view.error && (
        <p className="notice notice--error" role="alert" data-testid="inspections-error">
          {view.error}
        </p>
      )}
      {view.list.length === 0 && !view.loading && <p className="muted">No inspection reports yet.</p>}
      {view.list.map((i) => (
        <Report key={i.id} i={i} canRespond={canRespond} />
      ))}
    </main>
  );
}
