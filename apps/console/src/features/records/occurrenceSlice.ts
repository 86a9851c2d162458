import type { CommandError, Incident, IncidentChange, Result } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { selectToken } from '../auth/authSlice';
import { hasErrors, type FieldErrors } from '../auth/formErrors';
import type { ConsolePorts, Download } from '../ports';
import { restoreIncidentDraft } from './drafts';
import {
  createRequest,
  incidentErrors,
  incidentServerErrors,
  newIncidentDraft,
  updateRequest,
  type IncidentDraft,
  type IncidentField,
} from './incidentForm';
import {
  appendPage,
  emptyIncidentFilter,
  incidentListRequest,
  INCIDENT_PAGE_SIZE,
  type IncidentFilter,
  type ListWindow,
} from './incidentQuery';
import { absorbIncidents } from './recordsSlice';

/** What a shortcut asks to focus: the component holding it focuses itself when `seq` changes. */
export type FocusTarget = 'narrative' | 'search' | 'list' | IncidentField;

export type IncidentFormState =
  { mode: 'create'; initial: IncidentDraft; focus: IncidentField } | { mode: 'edit'; id: number; focus: IncidentField };

export interface OccurrencesView {
  list: ListWindow;
  /** `beforeId` of the next page: the last incident of the last page the server sent. */
  nextBefore: number | undefined;
  loading: boolean;
  error: string | null;
  categories: string[];
  selectedId: number | null;
  detail: { incident: Incident; history: IncidentChange[] } | null;
  detailError: string | null;
  form: IncidentFormState | null;
  focus: { target: FocusTarget; seq: number } | null;
  /** A short confirmation ("Incident 2026/000123 logged"). */
  notice: string | null;
}

export interface NewIncidentFrom {
  camera?: string;
  district?: string;
  /** Opened from a tile: the server takes a snapshot of the camera. */
  snapshot?: boolean;
}

export interface OccurrenceSlice {
  occurrences: OccurrencesView;
  loadIncidents(filter: IncidentFilter): Promise<void>;
  loadMoreIncidents(): Promise<void>;
  loadCategories(): Promise<void>;
  selectIncident(id: number | null): void;
  loadIncidentDetail(id: number): Promise<void>;
  openNewIncident(from?: NewIncidentFrom): void;
  openIncidentEdit(focus: IncidentField): void;
  closeIncidentForm(): void;
  focusRecords(target: FocusTarget): void;
  saveIncident(draft: IncidentDraft): Promise<FieldErrors<IncidentField>>;
  /** An operator's narrative line, or (police liaison) a comment. Null when it was added. */
  appendNarrative(id: number, text: string, kind: 'operator' | 'police-comment'): Promise<string | null>;
  reviewIncident(id: number, notes: string): Promise<string | null>;
  fetchSnapshot(id: number): Promise<Result<Download>>;
  loadDraft<T>(key: string): T | null;
  saveDraft(key: string, value: unknown): void;
  clearDraft(key: string): void;
}

export const NEW_INCIDENT_DRAFT = 'incident:new';
export const editDraftKey = (id: number) => `incident:${id}`;
export const narrativeDraftKey = (id: number) => `narrative:${id}`;

const initial: OccurrencesView = {
  list: { filter: emptyIncidentFilter, ids: [], more: false },
  nextBefore: undefined,
  loading: false,
  error: null,
  categories: [],
  selectedId: null,
  detail: null,
  detailError: null,
  form: null,
  focus: null,
  notice: null,
};

export function createOccurrenceSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], OccurrenceSlice> {
  return (set, get) => {
    const patch = (p: Partial<OccurrencesView>) => set((s) => ({ occurrences: { ...s.occurrences, ...p } }));
    const absorb = (i: Incident) => set((s) => absorbIncidents(s, [i]));
    const drafts = ports.drafts;
    // Answers to an older search are dropped when a newer one was asked meanwhile (debounced typing).
    let generation = 0;
    let seq = 0;
    const focus = (target: FocusTarget) => ({ target, seq: ++seq });
    const loadDetail = async (id: number) => {
      const r = await ports.control.ask('incident:get', { id });
      if (get().occurrences.selectedId !== id) return;
      if (!r.ok) return patch({ detailError: r.error.message });
      absorb(r.data.incident);
      patch({ detail: r.data, detailError: null });
    };
    return {
      occurrences: initial,
      loadIncidents: async (filter) => {
        const g = ++generation;
        patch({ loading: true, error: null });
        const r = await ports.control.ask('incident:list', incidentListRequest(filter));
        if (g !== generation) return;
        if (!r.ok) return patch({ loading: false, error: r.error.message });
        set((s) => absorbIncidents(s, r.data));
        patch({
          list: appendPage({ filter, ids: [], more: false }, r.data),
          nextBefore: r.data[r.data.length - 1]?.id,
          loading: false,
        });
      },
      loadMoreIncidents: async () => {
        const { list, nextBefore, loading } = get().occurrences;
        if (loading || !list.more || nextBefore === undefined) return;
        const g = ++generation;
        patch({ loading: true, error: null });
        const r = await ports.control.ask('incident:list', incidentListRequest(list.filter, nextBefore));
        if (g !== generation) return;
        if (!r.ok) return patch({ loading: false, error: r.error.message });
        set((s) => absorbIncidents(s, r.data));
        patch({
          list: appendPage(get().occurrences.list, r.data, INCIDENT_PAGE_SIZE),
          nextBefore: r.data[r.data.length - 1]?.id ?? nextBefore,
          loading: false,
        });
      },
      loadCategories: async () => {
        const r = await ports.control.ask('incident:categories', {});
        if (r.ok) patch({ categories: r.data });
      },
      selectIncident: (id) => {
        if (get().occurrences.selectedId === id) return;
        const form = get().occurrences.form;
        patch({ selectedId: id, detail: null, detailError: null, form: form?.mode === 'edit' ? null : form });
        if (id !== null) void loadDetail(id);
      },
      loadIncidentDetail: loadDetail,
      openNewIncident: (from) => {
        const defaults = newIncidentDraft(ports.now(), from);
        const saved = drafts?.load<Partial<IncidentDraft>>(NEW_INCIDENT_DRAFT) ?? null;
        let draft = restoreIncidentDraft(saved, defaults);
        // From a tile, the tile's camera, time and picture win over an older draft's.
        if (from?.camera) {
          draft = {
            ...draft,
            cameras: defaults.cameras,
            startedAt: defaults.startedAt,
            snapshotFrom: defaults.snapshotFrom,
          };
          if (!draft.district) draft.district = defaults.district;
        }
        set((s) => ({
          view: 'occurrences',
          occurrences: {
            ...s.occurrences,
            form: { mode: 'create', initial: draft, focus: 'category' },
            focus: focus('category'),
            notice: null,
          },
        }));
      },
      openIncidentEdit: (field) => {
        const id = get().occurrences.selectedId;
        if (id === null) return patch({ notice: 'Select an incident in the list first (arrow keys).' });
        set((s) => ({
          view: 'occurrences',
          occurrences: {
            ...s.occurrences,
            form: { mode: 'edit', id, focus: field },
            focus: focus(field),
            notice: null,
          },
        }));
      },
      closeIncidentForm: () => patch({ form: null, focus: focus('list') }),
      focusRecords: (target) =>
        set((s) => ({ view: 'occurrences', occurrences: { ...s.occurrences, focus: focus(target) } })),
      saveIncident: async (draft) => {
        const { form, categories } = get().occurrences;
        if (!form) return {};
        const errors = incidentErrors(draft, categories, form.mode);
        if (hasErrors(errors)) return errors;
        if (form.mode === 'create') {
          const r = await ports.control.ask('incident:create', createRequest(draft));
          if (!r.ok) return incidentServerErrors(r.error);
          absorb(r.data);
          drafts?.clear(NEW_INCIDENT_DRAFT);
          patch({
            form: null,
            selectedId: r.data.id,
            detail: null,
            notice: `Incident ${r.data.ref} logged.`,
            focus: focus('list'),
          });
          void loadDetail(r.data.id);
          return {};
        }
        const held = get().records.incidents[form.id];
        if (!held) return { form: 'This incident is no longer available.' };
        const req = updateRequest(held, draft);
        if (!req) {
          patch({ form: null, focus: focus('list') });
          return {};
        }
        const r = await ports.control.ask('incident:update', req);
        if (!r.ok) {
          // Stale: load the newest state; the form keeps what was typed so it can be applied again.
          if (r.error.code === 'CONFLICT') await loadDetail(form.id);
          return incidentServerErrors(r.error);
        }
        absorb(r.data);
        drafts?.clear(editDraftKey(form.id));
        patch({ form: null, notice: `Incident ${r.data.ref} saved.`, focus: focus('list') });
        void loadDetail(form.id);
        return {};
      },
      appendNarrative: async (id, text, kind) => {
        if (!text.trim()) return kind === 'operator' ? 'Write the narrative line first.' : 'Write the comment first.';
        const event = kind === 'operator' ? 'incident:addNarrative' : 'incident:comment';
        const r = await ports.control.ask(event, { id, text: text.trim() });
        if (!r.ok) return r.error.message;
        absorb(r.data);
        if (get().occurrences.selectedId === id) void loadDetail(id);
        return null;
      },
      reviewIncident: async (id, notes) => {
        const r = await ports.control.ask('incident:review', { id, notes: notes.trim() });
        if (!r.ok) return r.error.message;
        absorb(r.data);
        if (get().occurrences.selectedId === id) void loadDetail(id);
        return null;
      },
      fetchSnapshot: async (id) => {
        const token = selectToken(get());
        if (!token)
          return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } satisfies CommandError };
        return ports.http.download(`/api/incident-snapshot?id=${id}`, token);
      },
      loadDraft: <T>(key: string) => drafts?.load<T>(key) ?? null,
      saveDraft: (key, value) => drafts?.save(key, value),
      clearDraft: (key) => drafts?.clear(key),
    };
  };
}

export const selectOccurrences = (s: ConsoleState): OccurrencesView => s.occurrences;
