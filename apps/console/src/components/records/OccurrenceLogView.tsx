import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Incident } from '@cctv/protocol';
import { useShallow } from 'zustand/react/shallow';
import { selectPermissions } from '../../features/auth/authSlice';
import { selectOccurrences } from '../../features/records/occurrenceSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { IncidentDetail, when } from './IncidentDetail';
import { IncidentFilters } from './IncidentFilters';
import { IncidentForm } from './IncidentForm';
import { PoliceRequestForm } from './PoliceRequestForm';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT = 52;

function IncidentRow({ i }: { i: Incident }) {
  return (
    <div className="incident-row" data-testid="incident-row" data-id={i.id} data-ref={i.ref} data-status={i.status}>
      <span className="mono">{i.ref}</span>
      <span>{when(i.startedAt)}</span>
      <span className="incident-row__cat">{i.category}</span>
      <span className="incident-row__place">
        {i.district} · {i.location}
      </span>
      <span className={`badge badge--${i.status === 'open' ? 'live' : 'idle'}`}>{i.status}</span>
      {i.sharedWithPolice && (
        <span className="badge badge--connecting" title="Shared with the police">
          police
        </span>
      )}
    </div>
  );
}

/**
 * The occurrence log (and, for police liaison, the incidents shared with the police): filters, a
 * windowed list paged 100 at a time from the server as it scrolls, live changes in place, and the
 * selected incident's detail or the entry form beside it.
 */
export function OccurrenceLogView() {
  const occ = useConsoleStore(selectOccurrences);
  const incidents = useConsoleStore((s) => s.records.incidents);
  const perms = useConsoleStore(selectPermissions);
  const districts = useConsoleStore(
    useShallow((s) => [...new Set(Object.values(s.cameras).map((c) => c.district ?? ''))].filter(Boolean).sort()),
  );
  const a = useConsoleStore(
    useShallow((s) => ({
      load: s.loadIncidents,
      more: s.loadMoreIncidents,
      categories: s.loadCategories,
      select: s.selectIncident,
      create: s.openNewIncident,
    })),
  );
  const [raising, setRaising] = useState(false);
  const [raised, setRaised] = useState<string | null>(null);
  useEffect(() => {
    void a.categories();
    void a.load(occ.list.filter);
    // Fresh first page each time the screen opens; live changes keep it current after that.
  }, []);
  const items = useMemo(
    () => occ.list.ids.map((id) => incidents[id]).filter((i) => i !== undefined),
    [occ.list.ids, incidents],
  );
  const selectedIndex = items.findIndex((i) => i.id === occ.selectedId);
  const onSelect = useCallback((n: number) => a.select(items[n]?.id ?? null), [a, items]);
  const onEnd = useCallback(() => void a.more(), [a]);
  const allRecords = perms.includes('records:viewAll');
  const focusSeq = occ.focus?.target === 'list' ? occ.focus.seq : undefined;

  return (
    <main className="page page--records" data-testid="view-occurrences" aria-labelledby="occ-title">
      <div className="row">
        <h2 id="occ-title">{allRecords ? 'Occurrence log' : 'Incidents shared with the police'}</h2>
        {perms.includes('records:create') && (
          <button type="button" className="btn btn--primary" data-testid="incident-new" onClick={() => a.create()}>
            New incident (Alt+N)
          </button>
        )}
        {perms.includes('requests:raise') && !perms.includes('requests:view') && (
          <button type="button" className="btn" data-testid="request-raise" onClick={() => setRaising(true)}>
            Raise a request
          </button>
        )}
      </div>
      <IncidentFilters filter={occ.list.filter} districts={districts} />
      {occ.notice && (
        <p className="notice notice--ok" role="status" data-testid="records-notice">
          {occ.notice}
        </p>
      )}
      {raised && (
        <p className="notice notice--ok" role="status" data-testid="request-raised">
          {raised}
        </p>
      )}
      {occ.error && (
        <p className="notice notice--error" role="alert" data-testid="incidents-error">
          {occ.error}
        </p>
      )}
      {raising && (
        <PoliceRequestForm
          incident={occ.selectedId === null ? undefined : incidents[occ.selectedId]}
          onDone={(number) => {
            setRaising(false);
            if (number) setRaised(`Request ${number} raised; the control room has it.`);
          }}
        />
      )}
      <div className="records">
        <VirtualList
          items={items}
          rowHeight={ROW_HEIGHT}
          keyOf={(i) => i.id}
          renderRow={(i) => <IncidentRow i={i} />}
          selectedIndex={selectedIndex}
          onSelect={onSelect}
          onEndReached={occ.list.more ? onEnd : undefined}
          label="Incidents, newest first"
          testId="incidents-list"
          focusSeq={focusSeq}
          empty={<p className="muted vlist__empty">{occ.loading ? 'Loading…' : 'No incidents match.'}</p>}
        />
        <section className="records__side" aria-label="Incident">
          {occ.form ? (
            <IncidentForm
              key={
                occ.form.mode === 'edit' ? occ.form.id : `new ${occ.form.initial.startedAt} ${occ.form.initial.cameras}`
              }
              form={occ.form}
            />
          ) : (
            <IncidentDetail />
          )}
        </section>
      </div>
    </main>
  );
}
