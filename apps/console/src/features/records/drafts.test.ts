import { describe, expect, it } from 'vitest';
import { createDrafts, restoreIncidentDraft, type DraftStorage } from './drafts';
import { newIncidentDraft } from './incidentForm';

function memory(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('drafts in sessionStorage', () => {
  it('keeps what was typed until it is cleared', () => {
    const s = memory();
    const drafts = createDrafts(s);
    drafts.save('narrative:4', 'Male in red jacket');
    expect(createDrafts(s).load('narrative:4')).toBe('Male in red jacket');
    drafts.clear('narrative:4');
    expect(drafts.load('narrative:4')).toBeNull();
  });

  it('survives storage that is missing, full or holds rubbish', () => {
    expect(createDrafts(undefined).load('x')).toBeNull();
    const full = {
      ...memory(),
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
    };
    expect(() => createDrafts(full).save('x', 1)).not.toThrow();
    const s = memory();
    s.map.set('cctv.console.draft.v1.x', '{not json');
    expect(createDrafts(s).load('x')).toBeNull();
  });

  it('restores a saved incident draft over the defaults, ignoring fields of the wrong type', () => {
    const defaults = newIncidentDraft(0);
    const restored = restoreIncidentDraft(
      { location: 'Bridge', sharedWithPolice: 'yes' as unknown as boolean },
      defaults,
    );
    expect(restored).toEqual({ ...defaults, location: 'Bridge' });
    expect(restoreIncidentDraft(null, defaults)).toBe(defaults);
  });
});
