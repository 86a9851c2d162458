import type { Permission } from '@cctv/protocol';

/** The console's screens, in navigation order. */
export const VIEWS = ['wall', 'occurrences', 'requests', 'shifts', 'audit', 'users', 'inspections', 'cameras'] as const;
export type View = (typeof VIEWS)[number];

interface ViewSpec {
  label: string;
  /** Any one of these permissions shows the view. */
  anyOf: readonly Permission[];
  /** `Alt` + this key (KeyboardEvent.code, so it works on every layout). */
  code: string;
  key: string;
}

export const VIEW_SPECS: Record<View, ViewSpec> = {
  wall: { label: 'Wall', anyOf: ['live:view'], code: 'KeyW', key: 'W' },
  occurrences: { label: 'Occurrence log', anyOf: ['records:viewShared'], code: 'KeyO', key: 'O' },
  requests: { label: 'Police requests', anyOf: ['requests:view'], code: 'KeyP', key: 'P' },
  shifts: { label: 'Shift log', anyOf: ['records:viewAll'], code: 'KeyS', key: 'S' },
  audit: { label: 'Audit', anyOf: ['audit:view'], code: 'KeyA', key: 'A' },
  users: { label: 'Users', anyOf: ['users:manage'], code: 'KeyU', key: 'U' },
  inspections: { label: 'Inspections', anyOf: ['inspections:view', 'inspections:write'], code: 'KeyI', key: 'I' },
  cameras: { label: 'Camera registry', anyOf: ['cameras:manage'], code: 'KeyR', key: 'R' },
};

/** The views a user with these permissions may open (the server still enforces every command). */
export function availableViews(permissions: readonly Permission[]): View[] {
  return VIEWS.filter((v) => VIEW_SPECS[v].anyOf.some((p) => permissions.includes(p)));
}

/** The view to show: the one asked for when allowed, else the first allowed, else none. */
export function resolveView(requested: View | null, permissions: readonly Permission[]): View | null {
  const views = availableViews(permissions);
  return requested !== null && views.includes(requested) ? requested : (views[0] ?? null);
}

/** `Alt`+letter switches views (plain keys belong to the wall); null when the key is not a view key. */
export function viewForKey(
  e: { code: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean },
  permissions: readonly Permission[],
): View | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const view = VIEWS.find((v) => VIEW_SPECS[v].code === e.code);
  return view && availableViews(permissions).includes(view) ? view : null;
}

/** Help rows for the views this user has. */
export function viewShortcuts(permissions: readonly Permission[]): [keys: string, what: string][] {
  return availableViews(permissions).map((v) => [`Alt+${VIEW_SPECS[v].key}`, `${VIEW_SPECS[v].label} screen`]);
}
