import type { Incident, IncidentQuery } from '@cctv/protocol';
import { localTimeMs } from '../audit/auditQuery';

/** The occurrence log's filters as typed: empty strings mean "any"; times are `datetime-local` values. */
export interface IncidentFilter {
  from: string;
  to: string;
  district: string;
  category: string;
  status: '' | 'open' | 'closed';
  text: string;
}

export const emptyIncidentFilter: IncidentFilter = {
  from: '',
  to: '',
  district: '',
  category: '',
  status: '',
  text: '',
};
export const INCIDENT_PAGE_SIZE = 100;
/** Typing in the search box waits this long after the last key before asking the server. */
export const SEARCH_DEBOUNCE_MS = 300;

/** `incident:list` for one page; `beforeId` (the last incident shown) pages backwards. */
export function incidentListRequest(f: IncidentFilter, beforeId?: number, limit = INCIDENT_PAGE_SIZE): IncidentQuery {
  const q: IncidentQuery = { limit };
  const from = localTimeMs(f.from);
  const to = localTimeMs(f.to);
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  if (f.district.trim()) q.district = f.district.trim();
  if (f.category.trim()) q.category = f.category.trim();
  if (f.status) q.status = f.status;
  if (f.text.trim()) q.text = f.text.trim().slice(0, 200);
  if (beforeId !== undefined) q.beforeId = beforeId;
  return q;
}

/** The words the server's search would match by prefix (letters and digits only, as its FTS query). */
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Does a changed incident belong in the list shown for this filter? Mirrors the server's query so a
 * live change lands where a reload would put it. Free text is matched as the server does: every word
 * typed is a prefix of some word of the reference, place, narrative or police references.
 */
export function matchesFilter(i: Incident, f: IncidentFilter): boolean {
  const from = localTimeMs(f.from);
  const to = localTimeMs(f.to);
  if (from !== undefined && i.startedAt < from) return false;
  if (to !== undefined && i.startedAt > to) return false;
  if (f.district.trim() && i.district !== f.district.trim()) return false;
  if (f.category.trim() && i.category !== f.category.trim()) return false;
  if (f.status && i.status !== f.status) return false;
  const wanted = words(f.text).slice(0, 12);
  if (wanted.length === 0) return true;
  const haystack = words(
    [i.ref, i.district, i.town, i.location, ...i.narrative.map((n) => n.text), ...Object.values(i.policeRefs)].join(
      ' ',
    ),
  );
  return wanted.every((w) => haystack.some((h) => h.startsWith(w)));
}

/** The server's order: newest start first (text searches: newest created first), then id. */
export function compareIncidents(f: IncidentFilter): (a: Incident, b: Incident) => number {
  return f.text.trim() ? (a, b) => b.id - a.id : (a, b) => b.startedAt - a.startedAt || b.id - a.id;
}

/** The ids shown, in order, for a filter over the loaded pages. */
export interface ListWindow {
  filter: IncidentFilter;
  ids: number[];
  /** The last page was full: older incidents may exist beyond the last id. */
  more: boolean;
}

/**
 * Places a created or changed incident in the shown list: in order if it matches the filter and falls
 * inside what is loaded (beyond the last loaded row it will arrive with the next page), out if it no
 * longer matches. Returns the same list when nothing moves.
 */
export function placeIncident(list: ListWindow, i: Incident, byId: (id: number) => Incident | undefined): ListWindow {
  const at = list.ids.indexOf(i.id);
  const cmp = compareIncidents(list.filter);
  const rest = at === -1 ? list.ids : list.ids.filter((id) => id !== i.id);
  if (!matchesFilter(i, list.filter)) return at === -1 ? list : { ...list, ids: rest };
  const last = rest.length ? byId(rest[rest.length - 1]!) : undefined;
  if (list.more && last && cmp(i, last) > 0) return at === -1 ? list : { ...list, ids: rest };
  let pos = rest.findIndex((id) => {
    const other = byId(id);
    return other !== undefined && cmp(i, other) < 0;
  });
  if (pos === -1) pos = rest.length;
  if (at === pos && rest.length === list.ids.length - 1) return list;
  return { ...list, ids: [...rest.slice(0, pos), i.id, ...rest.slice(pos)] };
}

/** Takes an incident out of the shown list (police liaison: no longer shared). */
export function dropIncident(list: ListWindow, id: number): ListWindow {
  return list.ids.includes(id) ? { ...list, ids: list.ids.filter((x) => x !== id) } : list;
}

/** A page arrived: appended after what is shown (ids already shown by a live change are not repeated). */
export function appendPage(list: ListWindow, page: readonly Incident[], pageSize = INCIDENT_PAGE_SIZE): ListWindow {
  const seen = new Set(list.ids);
  return {
    ...list,
    ids: [...list.ids, ...page.map((i) => i.id).filter((id) => !seen.has(id))],
    more: page.length >= pageSize,
  };
}
