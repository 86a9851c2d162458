import type { AuditEntry, AuditVerification, CommandError, Result } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { selectToken } from '../auth/authSlice';
import type { ConsolePorts, Download } from '../ports';
import { AUDIT_PAGE_SIZE, auditCsvPath, auditSearchRequest, emptyAuditFilter, type AuditFilter } from './auditQuery';

export interface AuditView {
  /** The filter of the page shown (the form edits a copy). */
  filter: AuditFilter;
  /** The page's `beforeId` cursors, newest page first: [undefined] is the first page. */
  cursors: (number | undefined)[];
  entries: AuditEntry[];
  /** A full page came back: there may be older entries. */
  more: boolean;
  loading: boolean;
  error: string | null;
  verifying: boolean;
  verification: AuditVerification | null;
}

export interface AuditSlice {
  audit: AuditView;
  searchAudit(filter: AuditFilter): Promise<void>;
  auditOlder(): Promise<void>;
  auditNewer(): Promise<void>;
  verifyAudit(): Promise<void>;
  /** The CSV of the current filter, fetched with the session's token. */
  exportAudit(): Promise<Result<Download>>;
}

const initial: AuditView = {
  filter: emptyAuditFilter,
  cursors: [undefined],
  entries: [],
  more: false,
  loading: false,
  error: null,
  verifying: false,
  verification: null,
};

export function createAuditSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], AuditSlice> {
  return (set, get) => {
    const patch = (p: Partial<AuditView>) => set((s) => ({ audit: { ...s.audit, ...p } }));
    const load = async (filter: AuditFilter, cursors: (number | undefined)[]) => {
      patch({ loading: true, error: null });
      const r = await ports.control.ask('audit:search', auditSearchRequest(filter, cursors[cursors.length - 1]));
      if (!r.ok) return patch({ loading: false, error: r.error.message });
      patch({ filter, cursors, entries: r.data, more: r.data.length >= AUDIT_PAGE_SIZE, loading: false });
    };
    return {
      audit: initial,
      searchAudit: (filter) => load(filter, [undefined]),
      auditOlder: async () => {
        const { filter, cursors, entries, more } = get().audit;
        const last = entries[entries.length - 1];
        if (more && last) await load(filter, [...cursors, last.id]);
      },
      auditNewer: async () => {
        const { filter, cursors } = get().audit;
        if (cursors.length > 1) await load(filter, cursors.slice(0, -1));
      },
      verifyAudit: async () => {
        patch({ verifying: true, verification: null, error: null });
        const r = await ports.control.ask('audit:verify', {});
        patch(r.ok ? { verifying: false, verification: r.data } : { verifying: false, error: r.error.message });
      },
      exportAudit: async () => {
        const token = selectToken(get());
        if (!token)
          return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } satisfies CommandError };
        return ports.http.download(auditCsvPath(get().audit.filter), token);
      },
    };
  };
}

export const selectAudit = (s: ConsoleState): AuditView => s.audit;
