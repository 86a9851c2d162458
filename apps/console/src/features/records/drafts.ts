import type { KeyValueStorage } from '../wall/wallPersistence';
import type { IncidentDraft } from './incidentForm';

/** Storage with removal (sessionStorage; tests pass a Map-backed fake). */
export type DraftStorage = KeyValueStorage & Pick<Storage, 'removeItem'>;

const PREFIX = 'cctv.console.draft.v1.';

/**
 * Drafts of what an operator is typing, kept in sessionStorage: a failed save, a reload (F5) or a
 * dropped connection never loses a word, and the drafts go when the tab closes, like the session.
 * Keys: `incident:new`, `incident:<id>` (an edit), `narrative:<id>`, `request:new`, `shift:<id>`.
 */
export interface Drafts {
  load<T>(key: string): T | null;
  save(key: string, value: unknown): void;
  clear(key: string): void;
}

export function createDrafts(storage: DraftStorage | undefined): Drafts {
  return {
    load<T>(key: string): T | null {
      try {
        const raw = storage?.getItem(PREFIX + key);
        return raw ? (JSON.parse(raw) as T) : null;
      } catch {
        return null;
      }
    },
    save(key, value) {
      try {
        storage?.setItem(PREFIX + key, JSON.stringify(value));
      } catch {
        // storage full or blocked: the draft lives on in the form
      }
    },
    clear(key) {
      try {
        storage?.removeItem(PREFIX + key);
      } catch {
        // nothing to clear
      }
    },
  };
}

/** A stored incident draft over the defaults: fields added to the form since it was saved are filled in. */
export function restoreIncidentDraft(saved: Partial<IncidentDraft> | null, defaults: IncidentDraft): IncidentDraft {
  if (!saved || typeof saved !== 'object') return defaults;
  const out = { ...defaults };
  for (const k of Object.keys(defaults) as (keyof IncidentDraft)[]) {
    const v = saved[k];
    if (typeof v === typeof defaults[k]) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Drafts that go nowhere (unit tests of other slices). */
export const noDrafts: Drafts = { load: () => null, save: () => undefined, clear: () => undefined };
