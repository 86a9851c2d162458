import { describe, expect, it } from 'vitest';
import { groupCameras, NO_DISTRICT, NO_SITE, treeOrder, type Placement } from './cameraTree';

const places: Record<string, Placement> = {
  a: { district: 'North', site: 'Market' },
  b: { district: 'East', site: 'Station' },
  c: { district: 'North', site: 'Bridge' },
  d: {},
  e: { district: 'North', site: 'Market' },
  f: { district: 'East' },
};

describe('the camera tree', () => {
  it('groups by district then site, by name, unnamed last; cameras keep the list order', () => {
    const tree = groupCameras(['a', 'b', 'c', 'd', 'e', 'f'], (id) => places[id]);
    expect(tree).toEqual([
      {
        district: 'East',
        sites: [
          { site: 'Station', ids: ['b'] },
          { site: NO_SITE, ids: ['f'] },
        ],
      },
      {
        district: 'North',
        sites: [
          { site: 'Bridge', ids: ['c'] },
          { site: 'Market', ids: ['a', 'e'] },
        ],
      },
      { district: NO_DISTRICT, sites: [{ site: NO_SITE, ids: ['d'] }] },
    ]);
    expect(treeOrder(tree)).toEqual(['b', 'f', 'c', 'a', 'e', 'd']);
  });

  it('a camera the registry does not know yet goes under no district', () => {
    expect(groupCameras(['x'], () => undefined)).toEqual([
      { district: NO_DISTRICT, sites: [{ site: NO_SITE, ids: ['x'] }] },
    ]);
  });

  it('no cameras, no groups', () => {
    expect(groupCameras([], () => undefined)).toEqual([]);
  });
});
