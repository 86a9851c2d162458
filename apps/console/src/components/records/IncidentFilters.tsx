import { useEffect, useRef, useState } from 'react';
import { SEARCH_DEBOUNCE_MS, type IncidentFilter } from '../../features/records/incidentQuery';
import { useConsoleStore } from '../../store/StoreContext';
import { useFocusRequest } from './useFocusRequest';

/** Date range, district, category, status at once; free text after a pause in typing (`/` focuses it). */
export function IncidentFilters({ filter, districts }: { filter: IncidentFilter; districts: string[] }) {
  const load = useConsoleStore((s) => s.loadIncidents);
  const categories = useConsoleStore((s) => s.occurrences.categories);
  const [f, setF] = useState(filter);
  const search = useRef<HTMLInputElement>(null);
  useFocusRequest('search', search);
  const typed = useRef(false);
  useEffect(() => {
    // The screen loads its first page itself; only typing asks again.
    if (!typed.current) {
      typed.current = true;
      return;
    }
    const t = setTimeout(() => void load(f), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
    // Only the text is debounced; the other filters apply immediately (below).
  }, [f.text]);
  const apply = (p: Partial<IncidentFilter>) => {
    const next = { ...f, ...p };
    setF(next);
    void load(next);
  };
  return (
    <div className="filters" role="search" aria-label="Filter the occurrence log">
      <div className="field">
        <label htmlFor="inc-text">Search (/)</label>
        <input
          id="inc-text"
          ref={search}
          type="search"
          value={f.text}
          data-testid="incidents-search"
          onChange={(e) => setF({ ...f, text: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="inc-from">From</label>
        <input
          id="inc-from"
          type="datetime-local"
          value={f.from}
          data-testid="incidents-from"
          onChange={(e) => apply({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="inc-to">To</label>
        <input
          id="inc-to"
          type="datetime-local"
          value={f.to}
          data-testid="incidents-to"
          onChange={(e) => apply({ to: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="inc-district">District</label>
        <input
          id="inc-district"
          list="inc-districts"
          value={f.district}
          data-testid="incidents-district"
          onChange={(e) => apply({ district: e.target.value })}
        />
        <datalist id="inc-districts">
          {districts.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="inc-category">Category</label>
        <select
          id="inc-category"
          className="select"
          value={f.category}
          data-testid="incidents-category"
          onChange={(e) => apply({ category: e.target.value })}
        >
          <option value="">Any category</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="inc-status">Status</label>
        <select
          id="inc-status"
          className="select"
          value={f.status}
          data-testid="incidents-status"
          onChange={(e) => apply({ status: e.target.value as IncidentFilter['status'] })}
        >
          <option value="">Open and closed</option>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </select>
      </div>
    </div>
  );
}
