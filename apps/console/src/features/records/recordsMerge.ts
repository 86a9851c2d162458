import type { Incident, PoliceRequest, RecordChanges, Shift } from '@cctv/protocol';

/**
 * The console's copy of the records, keyed by id. Every record carries the change counter (`rev`) of
 * the state it shows; a change is applied only when it is newer than what is held, so a notification
 * and a catch-up carrying the same change, or changes arriving out of order, never duplicate a record
 * or take it backwards.
 */
export interface RecordsData {
  incidents: Record<number, Incident>;
  /** Incidents this console may no longer see, with the rev that removed them (a tombstone). */
  removed: Record<number, number>;
  requests: Record<number, PoliceRequest>;
  shifts: Record<number, Shift>;
  /**
   * The rev up to which this console has seen every change it may see: what `records:catchUp` asks
   * from. null until the first catch-up of the session.
   */
  cursor: number | null;
  /** The connection has caught up since it (re)connected: live notifications then advance the cursor. */
  synced: boolean;
}

export const emptyRecords: RecordsData = {
  incidents: {},
  removed: {},
  requests: {},
  shifts: {},
  cursor: null,
  synced: false,
};

/**
 * What a (re)connecting console asks `records:catchUp` for. The first time (nothing held yet) it
 * asks from beyond any rev, which answers only the current rev: a year of records is paged in by the
 * lists, not replayed.
 */
export function catchUpFrom(d: RecordsData): number {
  return d.cursor ?? Number.MAX_SAFE_INTEGER;
}

const newer = (held: { rev: number } | undefined, next: { rev: number }) => held === undefined || next.rev > held.rev;

/** Only a notification on a caught-up connection proves every earlier change was delivered. */
function advance(d: RecordsData, rev: number): number | null {
  return d.synced && d.cursor !== null ? Math.max(d.cursor, rev) : d.cursor;
}

export function applyIncident(d: RecordsData, i: Incident, live = true): RecordsData {
  const tomb = d.removed[i.id];
  const cursor = live ? advance(d, i.rev) : d.cursor;
  if (!newer(d.incidents[i.id], i) || (tomb !== undefined && tomb >= i.rev)) {
    return cursor === d.cursor ? d : { ...d, cursor };
  }
  const removed = tomb === undefined ? d.removed : withoutKey(d.removed, i.id);
  return { ...d, incidents: { ...d.incidents, [i.id]: i }, removed, cursor };
}

export function removeIncident(d: RecordsData, id: number, rev: number, live = true): RecordsData {
  const held = d.incidents[id];
  const cursor = live ? advance(d, rev) : d.cursor;
  if ((held && held.rev >= rev) || (d.removed[id] ?? -1) >= rev) return cursor === d.cursor ? d : { ...d, cursor };
  return { ...d, incidents: withoutKey(d.incidents, id), removed: { ...d.removed, [id]: rev }, cursor };
}

export function applyRequest(d: RecordsData, r: PoliceRequest, live = true): RecordsData {
  const cursor = live ? advance(d, r.rev) : d.cursor;
  if (!newer(d.requests[r.id], r)) return cursor === d.cursor ? d : { ...d, cursor };
  return { ...d, requests: { ...d.requests, [r.id]: r }, cursor };
}

export function applyShift(d: RecordsData, s: Shift, live = true): RecordsData {
  const cursor = live ? advance(d, s.rev) : d.cursor;
  if (!newer(d.shifts[s.id], s)) return cursor === d.cursor ? d : { ...d, cursor };
  return { ...d, shifts: { ...d.shifts, [s.id]: s }, cursor };
}

/**
 * A catch-up answer: every record changed since the cursor, newest state each, and the rev it is
 * complete up to. From here live notifications advance the cursor.
 */
export function applyCatchUp(d: RecordsData, c: RecordChanges): RecordsData {
  let out = d;
  for (const i of c.incidents) out = applyIncident(out, i, false);
  // A removal is as new as the catch-up: the incident's own rev may predate this console's last view of it.
  for (const id of c.removedIncidents)
    out = removeIncident(out, id, Math.max(c.rev, out.incidents[id]?.rev ?? 0), false);
  for (const r of c.policeRequests) out = applyRequest(out, r, false);
  for (const s of c.shifts) out = applyShift(out, s, false);
  return { ...out, cursor: Math.max(out.cursor ?? 0, c.rev), synced: true };
}

/** The connection dropped: notifications may be missed until the next catch-up. */
export function connectionLost(d: RecordsData): RecordsData {
  return d.synced ? { ...d, synced: false } : d;
}

/** Answers to queries (lists, `incident:get`) are snapshots: merged by rev, never moving the cursor. */
export function applyQueried(d: RecordsData, incidents: readonly Incident[]): RecordsData {
  return incidents.reduce((acc, i) => applyIncident(acc, i, false), d);
}

function withoutKey<T>(m: Record<number, T>, id: number): Record<number, T> {
  const { [id]: _gone, ...rest } = m;
  return rest;
}
