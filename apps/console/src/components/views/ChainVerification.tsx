import type { AuditVerification } from '@cctv/protocol';

/** The result of walking the hash chain: intact, or the first broken link, said plainly. */
export function ChainVerification({ verification: v }: { verification: AuditVerification | null }) {
  if (!v) return null;
  if (v.ok) {
    return (
      <p className="notice notice--ok" role="status" data-testid="audit-verification" data-ok="true">
        <strong>Chain intact.</strong> {v.entries} entries checked; last hash{' '}
        <span className="mono">{v.lastHash ?? '(none)'}</span>.
      </p>
    );
  }
  return (
    <p
      className="notice notice--error"
      role="alert"
      data-testid="audit-verification"
      data-ok="false"
      data-broken-at={v.brokenAtId}
    >
      <strong>Chain BROKEN at entry {v.brokenAtId}.</strong> {v.reason} ({v.entries} entries checked.) Entries from this
      one on cannot be trusted: report it to the data controller.
    </p>
  );
}
