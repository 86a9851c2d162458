import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { hasErrors, type FieldErrors } from '../../features/auth/formErrors';
import {
  draftOf,
  localInput,
  newIncidentDraft,
  OUTCOME_LABELS,
  OUTCOMES,
  SOURCE_LABELS,
  SOURCES,
  type IncidentDraft,
  type IncidentField,
  type IncidentOutcome,
  type IncidentSource,
} from '../../features/records/incidentForm';
import { restoreIncidentDraft } from '../../features/records/drafts';
import { editDraftKey, NEW_INCIDENT_DRAFT, type IncidentFormState } from '../../features/records/occurrenceSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';
import { CategoryPicker } from './CategoryPicker';

/**
 * New incident or edit, keyboard first: focus starts where the shortcut asked (category for a new
 * one, cameras or outcome for an edit); Tab moves through the fields in reading order; Enter saves
 * (Ctrl+Enter inside a multi-line box); Esc closes. Every keystroke is kept as a draft in
 * sessionStorage, so a failed save, a stale edit or a reload loses nothing.
 */
export function IncidentForm({ form }: { form: IncidentFormState }) {
  const categories = useConsoleStore((s) => s.occurrences.categories);
  const held = useConsoleStore((s) => (form.mode === 'edit' ? s.records.incidents[form.id] : undefined));
  const save = useConsoleStore((s) => s.saveIncident);
  const close = useConsoleStore((s) => s.closeIncidentForm);
  const loadDraft = useConsoleStore((s) => s.loadDraft);
  const saveDraft = useConsoleStore((s) => s.saveDraft);
  const clearDraft = useConsoleStore((s) => s.clearDraft);
  const key = form.mode === 'create' ? NEW_INCIDENT_DRAFT : editDraftKey(form.id);
  const [d, setD] = useState<IncidentDraft>(() =>
    form.mode === 'create'
      ? form.initial
      : restoreIncidentDraft(
          loadDraft<Partial<IncidentDraft>>(key),
          held ? draftOf(held) : newIncidentDraft(Date.now()),
        ),
  );
  const [errors, setErrors] = useState<FieldErrors<IncidentField>>({});
  const [busy, setBusy] = useState(false);
  const focusRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => focusRef.current?.focus(), [form]);
  useEffect(() => saveDraft(key, d), [key, d, saveDraft]);

  const set =
    <K extends keyof IncidentDraft>(k: K) =>
    (v: IncidentDraft[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  const refFor = (f: IncidentField) => (form.focus === f ? focusRef : undefined);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await save(d);
    setBusy(false);
    setErrors(result);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (form.mode === 'edit') clearDraft(key);
      close();
    } else if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      void submit();
    }
  };
  const title = form.mode === 'create' ? 'New incident' : `Edit ${held?.ref ?? 'incident'}`;

  return (
    <form
      className="card incident-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      data-testid="incident-form"
      data-mode={form.mode}
      aria-labelledby="incident-form-title"
      noValidate
    >
      <h3 id="incident-form-title">{title}</h3>
      {errors.form && (
        <p className="notice notice--error" role="alert" data-testid="incident-form-error">
          {errors.form}
        </p>
      )}
      {d.snapshotFrom && (
        <p className="muted" data-testid="incident-snapshot-from">
          A snapshot of {d.snapshotFrom} is taken when you save.
        </p>
      )}
      <div className="form-grid">
        <CategoryPicker
          value={d.category}
          onChange={set('category')}
          categories={categories}
          error={errors.category}
          ref={refFor('category')}
        />
        <Field
          label="Location"
          value={d.location}
          onChange={set('location')}
          error={errors.location}
          testId="incident-location"
        />
        <Field
          label="District"
          value={d.district}
          onChange={set('district')}
          error={errors.district}
          testId="incident-district"
        />
        <Field label="Town" value={d.town} onChange={set('town')} error={errors.town} testId="incident-town" />
        <Field
          label="Start time"
          type="datetime-local"
          value={d.startedAt}
          onChange={set('startedAt')}
          error={errors.startedAt}
          testId="incident-started"
        />
        <div className="field">
          <label htmlFor="incident-source">Source</label>
          <select
            id="incident-source"
            className="select"
            value={d.source}
            data-testid="incident-source"
            onChange={(e) => set('source')(e.target.value as IncidentSource)}
          >
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Cameras"
          value={d.cameras}
          onChange={set('cameras')}
          error={errors.cameras}
          testId="incident-cameras"
          hint="Camera ids, comma-separated"
          ref={refFor('cameras')}
        />
        {form.mode === 'create' && (
          <Field
            label="First narrative line"
            value={d.narrative}
            onChange={set('narrative')}
            error={errors.narrative}
            testId="incident-narrative"
          />
        )}
        <div className="field field--check">
          <label>
            <input
              type="checkbox"
              checked={d.sharedWithPolice}
              data-testid="incident-shared"
              onChange={(e) => set('sharedWithPolice')(e.target.checked)}
            />{' '}
            Shared with the police
          </label>
        </div>
        <Field label="CAD / log number" value={d.cad} onChange={set('cad')} error={errors.cad} testId="incident-cad" />
        <Field
          label="Crime reference"
          value={d.crimeRef}
          onChange={set('crimeRef')}
          error={errors.crimeRef}
          testId="incident-crime-ref"
        />
        <Field label="URN" value={d.urn} onChange={set('urn')} error={errors.urn} testId="incident-urn" />
        <div className="field">
          <label htmlFor="incident-outcome">Outcome</label>
          <select
            id="incident-outcome"
            ref={refFor('outcome')}
            className="select"
            value={d.outcome}
            data-testid="incident-outcome"
            onChange={(e) => {
              const outcome = e.target.value as IncidentOutcome | '';
              // Setting an outcome usually closes the incident: end time now unless one was given.
              setD((x) => ({ ...x, outcome, endedAt: outcome && !x.endedAt ? localInput(Date.now()) : x.endedAt }));
            }}
          >
            <option value="">Not yet</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
          {errors.outcome && (
            <small className="field__error" role="alert">
              {errors.outcome}
            </small>
          )}
        </div>
        <Field
          label="End time"
          type="datetime-local"
          value={d.endedAt}
          onChange={set('endedAt')}
          error={errors.endedAt}
          testId="incident-ended"
        />
        <Field
          label="Outcome notes"
          value={d.outcomeNotes}
          onChange={set('outcomeNotes')}
          error={errors.outcomeNotes}
          testId="incident-outcome-notes"
        />
        <Field
          label="Evidence produced"
          multiline
          value={d.evidence}
          onChange={set('evidence')}
          error={errors.evidence}
          testId="incident-evidence"
          hint="One reference per line (Ctrl+Enter saves)"
        />
      </div>
      <div className="row">
        <button type="submit" className="btn btn--primary" data-testid="incident-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save (Enter)'}
        </button>
        <button type="button" className="btn" data-testid="incident-cancel" onClick={close}>
          Close (Esc)
        </button>
        {hasErrors(errors) && !errors.form && <span className="muted">Check the fields marked in red.</span>}
      </div>
    </form>
  );
}
