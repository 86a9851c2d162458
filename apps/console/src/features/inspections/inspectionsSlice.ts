import type { Inspection } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../auth/formErrors';
import type { ConsolePorts } from '../ports';
import {
  INSPECTION_FIELDS,
  inspectionErrors,
  inspectionRequest,
  type InspectionDraft,
  type InspectionField,
} from './inspectionForm';

export interface InspectionsView {
  list: Inspection[];
  loading: boolean;
  error: string | null;
}

export interface InspectionsSlice {
  inspections: InspectionsView;
  loadInspections(): Promise<void>;
  createInspection(d: InspectionDraft): Promise<FieldErrors<InspectionField>>;
  respondInspection(id: number, response: string): Promise<string | null>;
}

/** Newest spot check first. */
function withInspection(list: Inspection[], i: Inspection): Inspection[] {
  return [i, ...list.filter((x) => x.id !== i.id)].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
}

export function createInspectionsSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], InspectionsSlice> {
  return (set) => ({
    inspections: { list: [], loading: false, error: null },
    loadInspections: async () => {
      set((s) => ({ inspections: { ...s.inspections, loading: true, error: null } }));
      const r = await ports.control.ask('inspection:list', {});
      set((s) => ({
        inspections: r.ok
          ? { list: r.data.reduce(withInspection, []), loading: false, error: null }
          : { ...s.inspections, loading: false, error: r.error.message },
      }));
    },
    createInspection: async (d) => {
      const errors = inspectionErrors(d);
      if (hasErrors(errors)) return errors;
      const r = await ports.control.ask('inspection:create', inspectionRequest(d));
      if (!r.ok) return fieldErrorsFrom(r.error, INSPECTION_FIELDS);
      set((s) => ({ inspections: { ...s.inspections, list: withInspection(s.inspections.list, r.data) } }));
      return {};
    },
    respondInspection: async (id, response) => {
      if (!response.trim()) return 'Write a response first';
      const r = await ports.control.ask('inspection:respond', { id, response: response.trim() });
      if (!r.ok) return r.error.message;
      set((s) => ({ inspections: { ...s.inspections, list: withInspection(s.inspections.list, r.data) } }));
      return null;
    },
  });
}

export const selectInspections = (s: ConsoleState): InspectionsView => s.inspections;
