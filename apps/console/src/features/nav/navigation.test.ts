import { ROLE_PERMISSIONS, type Role } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { availableViews, resolveView, viewForKey, viewShortcuts, type View } from './navigation';

describe('navigation by permission', () => {
  it.each<[Role, View[]]>([
    ['operator', ['wall', 'occurrences', 'requests', 'shifts']],
    ['supervisor', ['wall', 'occurrences', 'requests', 'shifts', 'inspections']],
    // The police liaison officer sees the shared incidents and nothing else.
    ['police-liaison', ['occurrences']],
    ['data-controller', ['occurrences', 'requests', 'shifts']],
    ['inspector', ['occurrences', 'requests', 'shifts', 'audit', 'inspections']],
    ['administrator', ['wall', 'audit', 'users', 'inspections', 'cameras']],
    ['partner-officer', []],
  ])('%s sees %o', (role, views) => {
    expect(availableViews(ROLE_PERMISSIONS[role])).toEqual(views);
  });

  it.each<[View | null, Role, View | null]>([
    [null, 'operator', 'wall'],
    ['users', 'operator', 'wall'],
    ['audit', 'administrator', 'audit'],
    ['wall', 'inspector', 'occurrences'],
    ['wall', 'police-liaison', 'occurrences'],
    ['shifts', 'police-liaison', 'occurrences'],
    ['requests', 'partner-officer', null],
  ])('asked for %s as %s → %s', (requested, role, view) => {
    expect(resolveView(requested, ROLE_PERMISSIONS[role])).toBe(view);
  });

  it.each([
    [{ code: 'KeyA', altKey: true }, 'administrator', 'audit'],
    [{ code: 'KeyU', altKey: true }, 'administrator', 'users'],
    [{ code: 'KeyR', altKey: true }, 'administrator', 'cameras'],
    [{ code: 'KeyR', altKey: true }, 'operator', null],
    [{ code: 'KeyU', altKey: true }, 'inspector', null],
    [{ code: 'KeyW', altKey: true }, 'inspector', null],
    [{ code: 'KeyI', altKey: true }, 'supervisor', 'inspections'],
    [{ code: 'KeyO', altKey: true }, 'police-liaison', 'occurrences'],
    [{ code: 'KeyP', altKey: true }, 'police-liaison', null],
    [{ code: 'KeyS', altKey: true }, 'operator', 'shifts'],
    [{ code: 'KeyA' }, 'administrator', null],
    [{ code: 'KeyA', altKey: true, ctrlKey: true }, 'administrator', null],
  ] as const)('%o as %s → %s', (e, role, view) => {
    expect(viewForKey(e, ROLE_PERMISSIONS[role])).toBe(view);
  });

  it('documents only the shortcuts a user can use', () => {
    expect(viewShortcuts(ROLE_PERMISSIONS.inspector).map(([k]) => k)).toEqual([
      'Alt+O',
      'Alt+P',
      'Alt+S',
      'Alt+A',
      'Alt+I',
    ]);
    expect(viewShortcuts(ROLE_PERMISSIONS['police-liaison']).map(([k]) => k)).toEqual(['Alt+O']);
  });
});
