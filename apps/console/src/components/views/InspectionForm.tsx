import { useState, type FormEvent } from 'react';
import { PRINCIPLES } from '@cctv/protocol';
import { hasErrors, type FieldErrors } from '../../features/auth/formErrors';
import {
  emptyDraft,
  FINDING_STATUSES,
  localDate,
  STATUS_LABELS,
  type FindingStatus,
  type InspectionDraft,
  type InspectionField,
} from '../../features/inspections/inspectionForm';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';

/** A spot check: date, what was checked, a status and notes for each of the 12 principles, recommendations. */
export function InspectionForm({ onDone }: { onDone(): void }) {
  const create = useConsoleStore((s) => s.createInspection);
  const [d, setD] = useState<InspectionDraft>(() => emptyDraft(localDate(new Date())));
  const [errors, setErrors] = useState<FieldErrors<InspectionField>>({});
  const [busy, setBusy] = useState(false);
  const finding = (i: number, patch: Partial<InspectionDraft['findings'][number]>) =>
    setD((x) => ({ ...x, findings: x.findings.map((f, n) => (n === i ? { ...f, ...patch } : f)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await create(d);
    setBusy(false);
    setErrors(r);
    if (!hasErrors(r)) onDone();
  };

  return (
    <form
      className="card"
      onSubmit={(e) => void submit(e)}
      data-testid="inspection-form"
      aria-labelledby="inspection-form-title"
      noValidate
    >
      <h3 id="inspection-form-title">New spot check</h3>
      {(errors.form ?? errors.findings) && (
        <p className="notice notice--error" role="alert" data-testid="inspection-form-error">
          {errors.form ?? errors.findings}
        </p>
      )}
      <Field
        label="Date"
        type="date"
        value={d.date}
        onChange={(date) => setD((x) => ({ ...x, date }))}
        error={errors.date}
        testId="inspection-date"
      />
      <Field
        label="What was checked"
        value={d.checked}
        onChange={(checked) => setD((x) => ({ ...x, checked }))}
        error={errors.checked}
        testId="inspection-checked"
        multiline
      />
      <table className="grid-table">
        <caption className="muted">Findings against the Surveillance Camera Code of Practice</caption>
        <thead>
          <tr>
            <th scope="col">Principle</th>
            <th scope="col">Status</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {PRINCIPLES.map((p, i) => (
            <tr key={p}>
              <th scope="row" id={`principle-${i + 1}`}>
                {i + 1}. {p}
              </th>
              <td>
                <select
                  className="select"
                  aria-labelledby={`principle-${i + 1}`}
                  data-testid={`finding-status-${i + 1}`}
                  value={d.findings[i]!.status}
                  onChange={(e) => finding(i, { status: e.target.value as FindingStatus })}
                >
                  {FINDING_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="select"
                  aria-label={`Notes on principle ${i + 1}`}
                  data-testid={`finding-notes-${i + 1}`}
                  value={d.findings[i]!.notes}
                  onChange={(e) => finding(i, { notes: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field
        label="Recommendations"
        value={d.recommendations}
        onChange={(recommendations) => setD((x) => ({ ...x, recommendations }))}
        error={errors.recommendations}
        testId="inspection-recommendations"
        multiline
      />
      <div className="row">
        <button type="submit" className="btn btn--primary" data-testid="inspection-save" disabled={busy}>
          Save report
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
