import { z } from 'zod';

/** The roles of the control room. A partner officer is scoped to districts. */
export const roleSchema = z.enum([
  'operator',
  'supervisor',
  'police-liaison',
  'data-controller',
  'inspector',
  'administrator',
  'partner-officer',
]);
/** A user's role. */
export type Role = z.infer<typeof roleSchema>;

/** Everything the server decides by permission. One table below maps roles to these. */
export const permissionSchema = z.enum([
  'live:view',
  'recorded:view',
  'ptz:control',
  'ptz:override',
  'records:create',
  'records:edit',
  'records:viewAll',
  'records:viewShared',
  'records:comment',
  'records:review',
  'requests:raise',
  'requests:view',
  'disclosure:approve',
  'evidence:export',
  'cameras:manage',
  'alarms:acknowledge',
  'users:manage',
  'audit:view',
  'inspections:write',
  'inspections:respond',
  'inspections:view',
  'dashboard:view',
]);
/** One thing a user may do. */
export type Permission = z.infer<typeof permissionSchema>;

/**
 * The one permission table. The server checks it for every event and route; the console reads it only
 * to hide what a user cannot do.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  operator: [
    'live:view',
    'recorded:view',
    'ptz:control',
    'alarms:acknowledge',
    'records:create',
    'records:edit',
    'records:viewAll',
    'records:viewShared',
    'requests:raise',
    'requests:view',
    'evidence:export',
  ],
  supervisor: [
    'live:view',
    'recorded:view',
    'ptz:control',
    'ptz:override',
    'alarms:acknowledge',
    'records:create',
    'records:edit',
    'records:viewAll',
    'records:viewShared',
    'records:review',
    'requests:raise',
    'requests:view',
    'evidence:export',
    'inspections:respond',
    'inspections:view',
    'dashboard:view',
  ],
  // Sees the incidents shared with the police, comments on them and raises requests: nothing else.
  'police-liaison': ['records:viewShared', 'records:comment', 'requests:raise'],
  'data-controller': [
    'recorded:view',
    'records:viewAll',
    'records:viewShared',
    'requests:view',
    'disclosure:approve',
    'evidence:export',
  ],
  // A vetted volunteer: reads logs and the audit trail, writes inspection reports, changes nothing else.
  inspector: [
    'records:viewAll',
    'records:viewShared',
    'requests:view',
    'audit:view',
    'inspections:write',
    'inspections:view',
  ],
  administrator: ['cameras:manage', 'users:manage', 'audit:view', 'inspections:view', 'dashboard:view', 'live:view'],
  'partner-officer': ['dashboard:view'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
