import type { Incident, PoliceRequest, RecordChanges, Shift } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { dropIncident, placeIncident, type ListWindow } from './incidentQuery';
import {
  applyCatchUp,
  applyIncident,
  applyQueried,
  applyRequest,
  applyShift,
  catchUpFrom,
  connectionLost,
  emptyRecords,
  removeIncident,
  type RecordsData,
} from './recordsMerge';

/**
 * Server records by id, written only by the transport binding (notifications and catch-up) and by
 * query answers merged by rev. Each change also lands in the occurrence list shown, in its place.
 */
export interface RecordsSlice {
  records: RecordsData;
  incidentChanged(i: Incident): void;
  incidentRemoved(info: { id: number; rev: number }): void;
  policeRequestChanged(r: PoliceRequest): void;
  shiftChanged(s: Shift): void;
  /** The rev a (re)connecting console asks `records:catchUp` from. */
  recordsCatchUpFrom(): number;
  recordsCaughtUp(c: RecordChanges): void;
  recordsConnectionLost(): void;
  /** Signed out: another user may see other records. */
  recordsReset(): void;
}

type Lists = Pick<ConsoleState, 'occurrences' | 'requestsList'>;

/** Re-places every changed incident in the shown list; new requests go to the top of theirs. */
function relist(s: ConsoleState, next: RecordsData, changed: Incident[], gone: number[], reqs: PoliceRequest[]): Lists {
  let list: ListWindow = s.occurrences.list;
  const byId = (id: number) => next.incidents[id];
  for (const i of changed) if (next.incidents[i.id] === i) list = placeIncident(list, i, byId);
  for (const id of gone) if (!next.incidents[id]) list = dropIncident(list, id);
  const fresh = reqs.filter((r) => next.requests[r.id] === r && !s.requestsList.ids.includes(r.id));
  return {
    occurrences: list === s.occurrences.list ? s.occurrences : { ...s.occurrences, list },
    requestsList: fresh.length
      ? { ...s.requestsList, ids: [...fresh.map((r) => r.id).reverse(), ...s.requestsList.ids] }
      : s.requestsList,
  };
}

/** Query and command answers: merged by rev (never moving the catch-up cursor) and placed in the list. */
export function absorbIncidents(s: ConsoleState, incidents: Incident[]): Partial<ConsoleState> {
  const records = applyQueried(s.records, incidents);
  return records === s.records ? {} : { records, ...relist(s, records, incidents, [], []) };
}

export const createRecordsSlice: StateCreator<ConsoleState, [], [], RecordsSlice> = (set, get) => ({
  records: emptyRecords,
  incidentChanged: (i) =>
    set((s) => {
      const records = applyIncident(s.records, i);
      return records === s.records ? {} : { records, ...relist(s, records, [i], [], []) };
    }),
  incidentRemoved: ({ id, rev }) =>
    set((s) => {
      const records = removeIncident(s.records, id, rev);
      return records === s.records ? {} : { records, ...relist(s, records, [], [id], []) };
    }),
  policeRequestChanged: (r) =>
    set((s) => {
      const records = applyRequest(s.records, r);
      return records === s.records ? {} : { records, ...relist(s, records, [], [], [r]) };
    }),
  shiftChanged: (sh) =>
    set((s) => {
      const records = applyShift(s.records, sh);
      return records === s.records ? {} : { records };
    }),
  recordsCatchUpFrom: () => catchUpFrom(get().records),
  recordsCaughtUp: (c) =>
    set((s) => {
      const records = applyCatchUp(s.records, c);
      return { records, ...relist(s, records, c.incidents, c.removedIncidents, c.policeRequests) };
    }),
  recordsConnectionLost: () => set((s) => ({ records: connectionLost(s.records) })),
  recordsReset: () => set({ records: emptyRecords }),
});

export const selectRecords = (s: ConsoleState): RecordsData => s.records;
export const selectIncident = (id: number | null) => (s: ConsoleState) =>
  id === null ? undefined : s.records.incidents[id];
