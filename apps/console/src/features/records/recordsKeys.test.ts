import { ROLE_PERMISSIONS } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { recordsKeyCommand, recordsShortcuts, type RecordsKeyInput } from './recordsKeys';

const op = ROLE_PERMISSIONS.operator;
const liaison = ROLE_PERMISSIONS['police-liaison'];
const alt = (code: string): RecordsKeyInput => ({ key: code.slice(3).toLowerCase(), code, altKey: true });
const plain = (key: string): RecordsKeyInput => ({ key, code: `Key${key.toUpperCase()}` });

describe('records shortcuts', () => {
  it.each([
    ['Alt+N on the wall', alt('KeyN'), 'wall', false, op, { type: 'newIncident' }],
    ['Alt+N while typing in a field', alt('KeyN'), 'occurrences', true, op, { type: 'newIncident' }],
    ['N outside a field', plain('n'), 'occurrences', false, op, { type: 'newIncident' }],
    ['N while typing is just a letter', plain('n'), 'occurrences', true, op, null],
    ['I on the wall: from the selected tile', plain('i'), 'wall', false, op, { type: 'newFromTile' }],
    ['I elsewhere is nothing', plain('i'), 'occurrences', false, op, null],
    ['Alt+L: narrative line', alt('KeyL'), 'occurrences', true, op, { type: 'narrative' }],
    ['Alt+L for police liaison: a comment', alt('KeyL'), 'occurrences', false, liaison, { type: 'narrative' }],
    ['Alt+C: link a camera', alt('KeyC'), 'occurrences', false, op, { type: 'edit', field: 'cameras' }],
    ['Alt+E: outcome', alt('KeyE'), 'occurrences', false, op, { type: 'edit', field: 'outcome' }],
    ['Alt+E for police liaison: not theirs', alt('KeyE'), 'occurrences', false, liaison, null],
    ['Alt+N for police liaison: not theirs', alt('KeyN'), 'occurrences', false, liaison, null],
    ['/ focuses the search', { key: '/', code: 'Slash' }, 'occurrences', false, op, { type: 'search' }],
    ['Ctrl+N is the browser’s', { ...alt('KeyN'), altKey: false, ctrlKey: true }, 'wall', false, op, null],
  ] as const)('%s', (_n, k, view, inField, permissions, expected) => {
    expect(recordsKeyCommand(k, { view, inField, permissions })).toEqual(expected);
  });

  it('lists in the help only what the user may do', () => {
    const keys = (p: readonly Parameters<typeof recordsShortcuts>[0][number][]) => recordsShortcuts(p).map(([k]) => k);
    expect(keys(op)).toContain('Alt+N or N');
    expect(keys(liaison)).not.toContain('Alt+N or N');
    expect(recordsShortcuts(liaison)).toContainEqual(['Alt+L', 'Comment on the selected incident']);
    expect(keys(ROLE_PERMISSIONS['partner-officer'])).toEqual([]);
  });
});
