import { describe, expect, it } from 'vitest';
import { incidentFixture as inc } from './fixtures';
import {
  createRequest,
  draftOf,
  fieldOfPath,
  incidentErrors,
  incidentServerErrors,
  localInput,
  newIncidentDraft,
  updateRequest,
  type IncidentDraft,
} from './incidentForm';

const NOW = new Date('2026-03-01T21:15').getTime();
const CATEGORIES = ['Theft / shoplifting', 'Other'];
const valid = (over: Partial<IncidentDraft> = {}): IncidentDraft => ({
  ...newIncidentDraft(NOW),
  category: 'Other',
  location: 'High Street',
  district: 'Central',
  ...over,
});

describe('a new incident', () => {
  it('defaults to now, proactive, and the camera (and district) it was opened from', () => {
    expect(newIncidentDraft(NOW, { camera: 'cam-07', district: 'North', snapshot: true })).toMatchObject({
      startedAt: '2026-03-01T21:15',
      source: 'proactive',
      cameras: 'cam-07',
      district: 'North',
      snapshotFrom: 'cam-07',
    });
  });

  it('becomes incident:create with lists split and empty references left out', () => {
    expect(
      createRequest(valid({ cameras: 'cam-01, cam-02', evidence: 'BWV 1\n\nDisc 2', cad: ' 123 ', narrative: 'x' })),
    ).toMatchObject({
      startedAt: NOW,
      endedAt: null,
      cameras: ['cam-01', 'cam-02'],
      evidence: ['BWV 1', 'Disc 2'],
      policeRefs: { cad: '123' },
      narrative: 'x',
    });
  });
});

describe('validation messages, from the protocol schema and the server', () => {
  it.each([
    ['a complete form', valid(), {}],
    ['no location', valid({ location: ' ' }), { location: 'Location is required' }],
    ['no category', valid({ category: '' }), { category: 'Category is required' }],
    [
      'an unknown category',
      valid({ category: 'Fights' }),
      { category: expect.stringMatching(/^Category must be one of/) },
    ],
    ['an unreadable start', valid({ startedAt: 'soon' }), { startedAt: 'Start time is not a valid time' }],
    [
      'an end before the start',
      valid({ endedAt: '2026-03-01T20:00' }),
      { endedAt: 'End time must not be before the start' },
    ],
    ['a bad camera id', valid({ cameras: 'Cam 1' }), { cameras: expect.stringMatching(/^Cameras must be lower-case/) }],
  ])('%s', (_n, d, expected) => {
    expect(incidentErrors(d, CATEGORIES, 'create')).toEqual(expected);
  });

  it.each([
    [['policeRefs', 'cad'], 'cad'],
    ['policeRefs.urn', 'urn'],
    [['cameras', 1], 'cameras'],
    ['version', 'form'],
  ] as const)('path %o → field %s', (path, field) => expect(fieldOfPath(path)).toBe(field));

  it.each([
    [
      { code: 'INVALID_PAYLOAD', message: 'changes.location: is required', field: 'changes.location' },
      { location: 'Location is required' },
    ],
    [
      { code: 'INVALID_PAYLOAD', message: 'category: "X" is not in the room\'s category list', field: 'category' },
      { category: 'Category "X" is not in the room\'s category list' },
    ],
    [
      { code: 'CONFLICT', message: 'Someone else changed this incident.' },
      {
        form: expect.stringMatching(
          /Someone else changed this incident\. The incident has been reloaded; your edit is kept/,
        ),
      },
    ],
    [{ code: 'TIMEOUT', message: 'No answer.' }, { form: 'No answer.' }],
  ] as const)('server %o', (error, expected) => expect(incidentServerErrors(error)).toEqual(expected));
});

describe('an edit', () => {
  const i = inc({ id: 3, version: 4, startedAt: NOW, cameras: ['cam-01'] });
  it('names only what changed, with the version edited', () => {
    const d = {
      ...draftOf(i),
      cameras: 'cam-01, cam-09',
      outcome: 'arrest' as const,
      endedAt: localInput(NOW + 60_000),
    };
    expect(updateRequest(i, d)).toEqual({
      id: 3,
      version: 4,
      changes: { cameras: ['cam-01', 'cam-09'], outcome: 'arrest', endedAt: NOW + 60_000 },
    });
  });
  it('sends nothing when nothing changed', () => expect(updateRequest(i, draftOf(i))).toBeNull());
});
