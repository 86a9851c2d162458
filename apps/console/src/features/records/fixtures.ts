import type { Incident } from '@cctv/protocol';

/** An incident for tests: override what the test is about. */
export function incidentFixture(over: Partial<Incident> = {}): Incident {
  const id = over.id ?? 1;
  return {
    id,
    ref: `2026/${String(id).padStart(6, '0')}`,
    version: 1,
    status: 'open',
    startedAt: 1_000_000 + id,
    endedAt: null,
    district: 'Central',
    town: '',
    location: 'High Street',
    cameras: [],
    source: 'proactive',
    category: 'Other',
    policeRefs: {},
    outcome: null,
    outcomeNotes: '',
    evidence: [],
    sharedWithPolice: false,
    operator: 'Op',
    createdAt: 0,
    updatedAt: 0,
    review: null,
    hasSnapshot: false,
    narrative: [],
    rev: id,
    ...over,
  };
}
