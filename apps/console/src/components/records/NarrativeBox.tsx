import { useRef, useState, type FormEvent } from 'react';
import { narrativeDraftKey } from '../../features/records/occurrenceSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { useFocusRequest } from './useFocusRequest';

/**
 * One line appended to an incident's narrative (operator) or a police comment (liaison): Enter adds
 * it. What is typed is kept as a draft per incident until it is added.
 */
export function NarrativeBox({ id, kind }: { id: number; kind: 'operator' | 'police-comment' }) {
  const append = useConsoleStore((s) => s.appendNarrative);
  const loadDraft = useConsoleStore((s) => s.loadDraft);
  const saveDraft = useConsoleStore((s) => s.saveDraft);
  const clearDraft = useConsoleStore((s) => s.clearDraft);
  const key = narrativeDraftKey(id);
  const [text, setText] = useState(() => loadDraft<string>(key) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  useFocusRequest('narrative', ref);
  const prefix = kind === 'operator' ? 'narrative' : 'comment';
  const label = kind === 'operator' ? 'Add a narrative line (Alt+L)' : 'Comment for the control room (Alt+L)';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const problem = await append(id, text, kind);
    setBusy(false);
    setError(problem);
    if (problem === null) {
      setText('');
      clearDraft(key);
    }
  };
  return (
    <form className="narrative-box" onSubmit={(e) => void submit(e)} aria-label={label}>
      <label htmlFor={`${prefix}-${id}`}>{label}</label>
      <div className="row">
        <input
          ref={ref}
          id={`${prefix}-${id}`}
          className="narrative-box__input"
          value={text}
          maxLength={4000}
          data-testid={`${prefix}-input`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            saveDraft(key, e.target.value);
          }}
        />
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid={`${prefix}-add`}>
          {kind === 'operator' ? 'Add line' : 'Comment'}
        </button>
      </div>
      {error && (
        <small className="field__error" role="alert" data-testid={`${prefix}-error`}>
          {error}
        </small>
      )}
    </form>
  );
}
