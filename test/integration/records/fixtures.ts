import type { CreateIncidentRequest, CreatePoliceRequest } from '@cctv/protocol';

export const incident = (over: Partial<CreateIncidentRequest> = {}): CreateIncidentRequest => ({
  startedAt: Date.now() - 60_000,
  district: 'North',
  town: 'Ashby',
  location: 'Market Street',
  cameras: ['cam-01'],
  source: 'proactive',
  category: 'Anti-social behaviour',
  narrative: 'Group of youths kicking a bin',
  ...over,
});

export const policeRequest = (over: Partial<CreatePoliceRequest> = {}): CreatePoliceRequest => ({
  receivedAt: Date.now() - 3600_000,
  requester: { name: 'J. Patel', rank: 'PC', collarNumber: '4312', force: 'Midshire Police' },
  lawfulBasis: 'dpa-2018-sch2-p1-para2',
  policeRefs: { cad: 'CAD-1234' },
  cameras: ['cam-01'],
  window: { from: Date.now() - 7200_000, to: Date.now() - 3600_000 },
  reason: 'Assault outside the Crown',
  urgency: 'urgent',
  ...over,
});
