/** Where a camera sits: its district (partner) and site, from the registry (or the camera list). */
export interface Placement {
  district?: string;
  site?: string;
}

export interface SiteGroup {
  site: string;
  ids: string[];
}

export interface DistrictGroup {
  district: string;
  sites: SiteGroup[];
}

export const NO_DISTRICT = 'No district';
export const NO_SITE = 'No site';

/**
 * The camera tree: districts by name, their sites by name, the cameras of a site in the ingest's order
 * (so the operator's camera numbers stay the list positions). Unnamed districts and sites go last.
 */
export function groupCameras(
  order: readonly string[],
  placement: (id: string) => Placement | undefined,
): DistrictGroup[] {
  const districts = new Map<string, Map<string, string[]>>();
  for (const id of order) {
    const p = placement(id);
    const d = p?.district?.trim() || NO_DISTRICT;
    const s = p?.site?.trim() || NO_SITE;
    const sites = districts.get(d) ?? new Map<string, string[]>();
    districts.set(d, sites);
    sites.set(s, [...(sites.get(s) ?? []), id]);
  }
  const byName = (none: string) => (a: string, b: string) =>
    Number(a === none) - Number(b === none) || a.localeCompare(b);
  return [...districts.keys()].sort(byName(NO_DISTRICT)).map((district) => {
    const sites = districts.get(district)!;
    return {
      district,
      sites: [...sites.keys()].sort(byName(NO_SITE)).map((site) => ({ site, ids: sites.get(site)! })),
    };
  });
}

/** The tree's cameras top to bottom (the keyboard walks this order). */
export function treeOrder(tree: readonly DistrictGroup[]): string[] {
  return tree.flatMap((d) => d.sites.flatMap((s) => s.ids));
}
