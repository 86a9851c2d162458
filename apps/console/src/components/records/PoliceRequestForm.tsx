import { useState, type FormEvent } from 'react';
import type { Incident } from '@cctv/protocol';
import { type FieldErrors } from '../../features/auth/formErrors';
import {
  LAWFUL_BASES,
  LAWFUL_BASIS_LABELS,
  newRequestDraft,
  URGENCIES,
  type LawfulBasis,
  type RequestDraft,
  type RequestField,
  type Urgency,
} from '../../features/requests/requestForm';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

const DRAFT = 'request:new';

/** Log (control room) or raise (police liaison) a request for footage: every field of the disclosure log. */
export function PoliceRequestForm({
  incident,
  onDone,
}: {
  incident?: Incident | undefined;
  onDone(number?: string): void;
}) {
  const create = useConsoleStore((s) => s.createPoliceRequest);
  const loadDraft = useConsoleStore((s) => s.loadDraft);
  const saveDraft = useConsoleStore((s) => s.saveDraft);
  const clearDraft = useConsoleStore((s) => s.clearDraft);
  const [d, setD] = useState<RequestDraft>(() => ({
    ...newRequestDraft(Date.now(), incident),
    ...loadDraft<RequestDraft>(DRAFT),
  }));
  const [errors, setErrors] = useState<FieldErrors<RequestField>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof RequestDraft) => (v: string) =>
    setD((x) => {
      const next = { ...x, [k]: v };
      saveDraft(DRAFT, next);
      return next;
    });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await create(d);
    setBusy(false);
    setErrors(r.errors);
    if (r.created) {
      clearDraft(DRAFT);
      onDone(r.created.number);
    }
  };
  const f = (k: RequestField, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} value={String(d[k])} onChange={set(k)} error={errors[k]} testId={`request-${k}`} {...extra} />
  );
  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      data-testid="request-form"
      aria-labelledby="request-form-title"
      noValidate
    >
      <h3 id="request-form-title">Police request for footage</h3>
      {errors.form && (
        <p className="notice notice--error" role="alert" data-testid="request-form-error">
          {errors.form}
        </p>
      )}
      <div className="form-grid">
        {f('receivedAt', 'Received', { type: 'datetime-local', autoFocus: true })}
        {f('name', 'Requester name')}
        {f('rank', 'Rank')}
        {f('collarNumber', 'Collar number')}
        {f('force', 'Force')}
        <div className="field">
          <label htmlFor="request-basis">Lawful basis</label>
          <select
            id="request-basis"
            className="select"
            value={d.lawfulBasis}
            data-testid="request-lawfulBasis"
            onChange={(e) => set('lawfulBasis')(e.target.value as LawfulBasis)}
          >
            {LAWFUL_BASES.map((b) => (
              <option key={b} value={b}>
                {LAWFUL_BASIS_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        {d.lawfulBasis === 'ripa-directed-surveillance' && f('ripaReference', 'RIPA reference')}
        {d.lawfulBasis === 'ripa-directed-surveillance' &&
          f('ripaExpiresAt', 'RIPA expiry', { type: 'datetime-local' })}
        {f('cad', 'CAD / log number')}
        {f('crimeRef', 'Crime reference')}
        {f('urn', 'URN')}
        {f('cameras', 'Cameras', { hint: 'Camera ids, comma-separated' })}
        {f('from', 'Footage from', { type: 'datetime-local' })}
        {f('to', 'Footage to', { type: 'datetime-local' })}
        {f('reason', 'Offence or reason', { multiline: true })}
        <div className="field">
          <label htmlFor="request-urgency">Urgency</label>
          <select
            id="request-urgency"
            className="select"
            value={d.urgency}
            data-testid="request-urgency"
            onChange={(e) => set('urgency')(e.target.value as Urgency)}
          >
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
        {f('incidentId', 'Incident number (optional)', { inputMode: 'numeric' })}
      </div>
      <div className="row">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="request-save">
          {busy ? 'Saving…' : 'Save request'}
        </button>
        <button type="button" className="btn" onClick={() => onDone()}>
          Close
        </button>
      </div>
    </form>
  );
}
