import { useEffect, useState } from 'react';
import type { Shift } from '@cctv/protocol';
import { selectPermissions, selectUser } from '../../features/auth/authSlice';
import { onDutyOf, shiftsOverview } from '../../features/shifts/shiftsSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';
import { when } from './IncidentDetail';

function Handover({ s, prominent }: { s: Shift; prominent: boolean }) {
  const read = useConsoleStore((st) => st.handoverRead);
  return (
    <section
      className={prominent ? 'notice notice--warn' : 'card'}
      data-testid="shift-handover"
      aria-label="Handover from the previous shift"
    >
      <h3>
        {prominent ? 'Read the handover' : 'Previous shift'}: {when(s.startedAt)} – {when(s.endedAt)}
      </h3>
      <p>On duty: {s.onDuty.join(', ')}</p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{s.handoverNotes || 'No handover notes.'}</p>
      {s.cameraFaults && <p>Camera faults: {s.cameraFaults}</p>}
      <p>Open incidents carried over: {s.carriedOver.join(', ') || 'none'}</p>
      <p>{s.signOff ? `Signed off by ${s.signOff.by}, ${when(s.signOff.at)}` : 'Not signed off yet.'}</p>
      {prominent && (
        <button type="button" className="btn btn--primary" onClick={read} data-testid="handover-read" autoFocus>
          I have read the handover
        </button>
      )}
    </section>
  );
}

function CurrentShift({ s }: { s: Shift }) {
  const update = useConsoleStore((st) => st.updateShift);
  const end = useConsoleStore((st) => st.endShift);
  const [notes, setNotes] = useState(s.handoverNotes);
  const [faults, setFaults] = useState(s.cameraFaults);
  const [visitor, setVisitor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  return (
    <section className="card" data-testid="shift-current" data-id={s.id}>
      <h3>Shift since {when(s.startedAt)}</h3>
      <p>
        On duty: {s.onDuty.join(', ')} (started by {s.startedBy})
      </p>
      <Field label="Handover notes" multiline value={notes} onChange={setNotes} testId="shift-handover-notes" />
      <Field label="Camera faults" multiline value={faults} onChange={setFaults} testId="shift-faults" />
      <div className="row">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="shift-save"
          onClick={() => void update(s.id, { handoverNotes: notes, cameraFaults: faults }).then(setError)}
        >
          Save notes
        </button>
      </div>
      <h4>Visitors to the room</h4>
      <ul>
        {s.visitors.map((v, n) => (
          <li key={n}>
            {v.name} {v.organisation && `(${v.organisation})`} in {when(v.in)}, out {v.out ? when(v.out) : '—'}{' '}
            {v.out === null && (
              <button
                type="button"
                className="btn"
                onClick={() =>
                  void update(s.id, {
                    visitors: s.visitors.map((x, k) => (k === n ? { ...x, out: Date.now() } : x)),
                  }).then(setError)
                }
              >
                Signed out
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!visitor.trim()) return;
          void update(s.id, {
            visitors: [...s.visitors, { name: visitor.trim(), organisation: '', in: now, out: null }],
          }).then((r) => {
            setError(r);
            if (!r) setVisitor('');
          });
        }}
      >
        <input
          aria-label="Visitor name"
          placeholder="Visitor name"
          value={visitor}
          onChange={(e) => setVisitor(e.target.value)}
          data-testid="shift-visitor"
        />
        <button type="submit" className="btn">
          Visitor in
        </button>
      </form>
      <div className="row">
        <button
          type="button"
          className="btn"
          data-testid="shift-end"
          onClick={() =>
            void update(s.id, { handoverNotes: notes, cameraFaults: faults }).then((r) =>
              r ? setError(r) : end(s.id).then(setError),
            )
          }
        >
          End shift
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** The shift log: the shift on duty, its handover, visitors and faults; end, sign-off; past shifts. */
export function ShiftView() {
  const shifts = useConsoleStore((s) => s.records.shifts);
  const view = useConsoleStore((s) => s.shiftsView);
  const load = useConsoleStore((s) => s.loadShifts);
  const start = useConsoleStore((s) => s.startShift);
  const signOff = useConsoleStore((s) => s.signOffShift);
  const perms = useConsoleStore(selectPermissions);
  const user = useConsoleStore(selectUser);
  const [onDuty, setOnDuty] = useState(user?.username ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void load(), []);
  const { current, previous, recent } = shiftsOverview(shifts);
  return (
    <main className="page" data-testid="view-shifts" aria-labelledby="shifts-title">
      <h2 id="shifts-title">Shift log</h2>
      {view.error && <p className="notice notice--error">{view.error}</p>}
      {previous && view.handoverToRead === previous.id && <Handover s={previous} prominent />}
      {current ? (
        <CurrentShift key={current.id} s={current} />
      ) : (
        perms.includes('records:create') && (
          <form
            className="card"
            onSubmit={(e) => {
              e.preventDefault();
              void start(onDutyOf(onDuty)).then(setError);
            }}
          >
            <h3>No shift in progress</h3>
            <Field
              label="On duty (user names, comma-separated)"
              value={onDuty}
              onChange={setOnDuty}
              testId="shift-on-duty"
            />
            <button type="submit" className="btn btn--primary" data-testid="shift-start">
              Start shift
            </button>
            {error && (
              <p className="notice notice--error" role="alert">
                {error}
              </p>
            )}
          </form>
        )
      )}
      {previous && view.handoverToRead !== previous.id && <Handover s={previous} prominent={false} />}
      <h3>Past shifts</h3>
      <table className="grid-table">
        <thead>
          <tr>
            <th>Start</th>
            <th>End</th>
            <th>On duty</th>
            <th>Carried over</th>
            <th>Sign-off</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((s) => (
            <tr key={s.id} data-testid={`shift-${s.id}`}>
              <td>{when(s.startedAt)}</td>
              <td>{when(s.endedAt)}</td>
              <td>{s.onDuty.join(', ')}</td>
              <td>{s.carriedOver.join(', ') || '—'}</td>
              <td>
                {s.signOff ? (
                  `${s.signOff.by}, ${when(s.signOff.at)}`
                ) : perms.includes('records:review') && s.endedAt !== null ? (
                  <button
                    type="button"
                    className="btn"
                    data-testid={`shift-signoff-${s.id}`}
                    onClick={() => void signOff(s.id)}
                  >
                    Sign off
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
