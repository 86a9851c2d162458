import { useEffect, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditFilter } from '../../features/audit/auditQuery';
import { selectAudit } from '../../features/audit/auditSlice';
import { useConsoleStore } from '../../store/StoreContext';
import { Field } from '../Field';
import { AuditTable } from './AuditTable';
import { ChainVerification } from './ChainVerification';
import { saveDownload } from './saveDownload';

/** Search the audit trail (read-only), page through it newest first, verify the chain, export CSV. */
export function AuditView() {
  const audit = useConsoleStore(selectAudit);
  const search = useConsoleStore((s) => s.searchAudit);
  const older = useConsoleStore((s) => s.auditOlder);
  const newer = useConsoleStore((s) => s.auditNewer);
  const verify = useConsoleStore((s) => s.verifyAudit);
  const exportCsv = useConsoleStore((s) => s.exportAudit);
  const [filter, setFilter] = useState<AuditFilter>(audit.filter);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const set = (k: keyof AuditFilter) => (v: string) => setFilter((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    void search(audit.filter);
    // Load the first page on opening the screen only.
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(filter);
  };
  const onExport = async () => {
    setExporting(true);
    const r = await exportCsv();
    setExporting(false);
    setExportError(r.ok ? null : r.error.message);
    if (r.ok) saveDownload(r.data);
  };

  return (
    <main className="page" data-testid="view-audit" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <form className="filters" onSubmit={submit} role="search" aria-label="Search the audit trail">
        <Field
          label="User"
          value={filter.username}
          onChange={set('username')}
          testId="audit-username"
          autoCapitalize="none"
        />
        <Field label="Camera" value={filter.cameraId} onChange={set('cameraId')} testId="audit-camera" />
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select
            id="audit-action"
            className="select"
            value={filter.action}
            data-testid="audit-action"
            onChange={(e) => set('action')(e.target.value)}
          >
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <Field label="From" type="datetime-local" value={filter.from} onChange={set('from')} testId="audit-from" />
        <Field label="To" type="datetime-local" value={filter.to} onChange={set('to')} testId="audit-to" />
        <button type="submit" className="btn btn--primary" data-testid="audit-search" disabled={audit.loading}>
          Search
        </button>
      </form>
      <div className="row">
        <button
          type="button"
          className="btn"
          data-testid="audit-verify"
          disabled={audit.verifying}
          onClick={() => void verify()}
        >
          {audit.verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="audit-export"
          disabled={exporting}
          onClick={() => void onExport()}
          title="Every entry matching the search shown below, as CSV"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <ChainVerification verification={audit.verification} />
      {(audit.error ?? exportError) && (
        <p className="notice notice--error" role="alert" data-testid="audit-error">
          {audit.error ?? exportError}
        </p>
      )}
      <AuditTable entries={audit.entries} loading={audit.loading} />
      <nav className="row" aria-label="Pages">
        <button
          type="button"
          className="btn"
          data-testid="audit-newer"
          disabled={audit.cursors.length < 2 || audit.loading}
          onClick={() => void newer()}
        >
          ← Newer
        </button>
        <span className="muted" data-testid="audit-page">
          Page {audit.cursors.length}
        </span>
        <button
          type="button"
          className="btn"
          data-testid="audit-older"
          disabled={!audit.more || audit.loading}
          onClick={() => void older()}
        >
          Older →
        </button>
      </nav>
    </main>
  );
}
