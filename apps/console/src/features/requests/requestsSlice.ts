import type { PoliceRequest } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { hasErrors, type FieldErrors } from '../auth/formErrors';
import type { ConsolePorts } from '../ports';
import { applyRequest } from '../records/recordsMerge';
import {
  policeRequestOf,
  releaseError,
  releaseOf,
  requestErrors,
  requestServerErrors,
  type ReleaseDraft,
  type RequestDraft,
  type RequestField,
} from './requestForm';

export type RequestStatus = PoliceRequest['status'];

export interface RequestsList {
  status: RequestStatus | '';
  /** In the server's order (urgent requests awaiting a decision first); new ones on top. */
  ids: number[];
  loading: boolean;
  error: string | null;
}

export interface RequestsSlice {
  requestsList: RequestsList;
  loadRequests(status: RequestStatus | ''): Promise<void>;
  /** Logs (or, for police liaison, raises) a request; the created one's number on success. */
  createPoliceRequest(d: RequestDraft): Promise<{ errors: FieldErrors<RequestField>; created?: PoliceRequest }>;
  decideRequest(id: number, decision: 'approved' | 'refused', reason: string): Promise<string | null>;
  releaseRequest(id: number, d: ReleaseDraft): Promise<string | null>;
  disposeMedia(id: number, kind: 'returned' | 'destroyed', notes: string): Promise<string | null>;
}

export function createRequestsSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], RequestsSlice> {
  return (set, get) => {
    const absorb = (r: PoliceRequest) => set((s) => ({ records: applyRequest(s.records, r, false) }));
    const patch = (p: Partial<RequestsList>) => set((s) => ({ requestsList: { ...s.requestsList, ...p } }));
    let generation = 0;
    return {
      requestsList: { status: '', ids: [], loading: false, error: null },
      loadRequests: async (status) => {
        const g = ++generation;
        patch({ status, loading: true, error: null });
        const r = await ports.control.ask('policeRequest:list', status ? { status, limit: 200 } : { limit: 200 });
        if (g !== generation) return;
        if (!r.ok) return patch({ loading: false, error: r.error.message });
        set((s) => ({ records: r.data.reduce((acc, x) => applyRequest(acc, x, false), s.records) }));
        patch({ ids: r.data.map((x) => x.id), loading: false });
      },
      createPoliceRequest: async (d) => {
        const errors = requestErrors(d);
        if (hasErrors(errors)) return { errors };
        const r = await ports.control.ask('policeRequest:create', policeRequestOf(d));
        if (!r.ok) return { errors: requestServerErrors(r.error) };
        absorb(r.data);
        if (!get().requestsList.ids.includes(r.data.id)) patch({ ids: [r.data.id, ...get().requestsList.ids] });
        return { errors: {}, created: r.data };
      },
      decideRequest: async (id, decision, reason) => {
        if (!reason.trim()) return 'Give the reason for the decision.';
        const r = await ports.control.ask('policeRequest:decide', { id, decision, reason: reason.trim() });
        if (!r.ok) return r.error.message;
        absorb(r.data);
        return null;
      },
      releaseRequest: async (id, d) => {
        const problem = releaseError(id, d);
        if (problem) return problem;
        const r = await ports.control.ask('policeRequest:release', releaseOf(id, d));
        if (!r.ok) return r.error.message;
        absorb(r.data);
        return null;
      },
      disposeMedia: async (id, kind, notes) => {
        const r = await ports.control.ask('policeRequest:dispose', { id, kind, at: ports.now(), notes: notes.trim() });
        if (!r.ok) return r.error.message;
        absorb(r.data);
        return null;
      },
    };
  };
}
