import {
  createUserSchema,
  updateUserSchema,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '@cctv/protocol';
import { fieldErrorsOf, type FieldErrors } from '../auth/formErrors';

/** The user form as typed: districts as one comma-separated line. */
export interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  districts: string;
  password: string;
}
export type UserField = keyof UserFormValues;
export const USER_FIELDS: readonly UserField[] = ['username', 'displayName', 'role', 'districts', 'password'];

export const emptyUserForm: UserFormValues = {
  username: '',
  displayName: '',
  role: 'operator',
  districts: '',
  password: '',
};

export const ROLE_LABELS: Record<Role, string> = {
  operator: 'Operator',
  supervisor: 'Supervisor',
  'police-liaison': 'Police liaison',
  'data-controller': 'Data controller',
  inspector: 'Inspector',
  administrator: 'Administrator',
  'partner-officer': 'Partner officer',
};

/** Only a partner officer is scoped to districts. */
export const hasDistricts = (role: Role): boolean => role === 'partner-officer';

export function parseDistricts(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    ),
  ];
}

export function createRequest(v: UserFormValues) {
  return {
    username: v.username.trim().toLowerCase(),
    displayName: v.displayName.trim(),
    role: v.role,
    districts: hasDistricts(v.role) ? parseDistricts(v.districts) : [],
    password: v.password,
  };
}

export function createErrors(v: UserFormValues): FieldErrors<UserField> {
  const errors = fieldErrorsOf(createUserSchema.safeParse(createRequest(v)), USER_FIELDS);
  if (hasDistricts(v.role) && parseDistricts(v.districts).length === 0)
    errors.districts ??= 'Name at least one district';
  return errors;
}

/** Only what changed, so the audit trail says what the administrator actually did. */
export function updateRequest(before: UserSummary, v: UserFormValues): UpdateUserRequest {
  const req: UpdateUserRequest = { id: before.id };
  const displayName = v.displayName.trim();
  const districts = hasDistricts(v.role) ? parseDistricts(v.districts) : [];
  if (displayName !== before.displayName) req.displayName = displayName;
  if (v.role !== before.role) req.role = v.role;
  if (districts.join('\n') !== before.districts.join('\n')) req.districts = districts;
  if (v.password) req.password = v.password;
  return req;
}

export function updateErrors(before: UserSummary, v: UserFormValues): FieldErrors<UserField> {
  const errors = fieldErrorsOf(updateUserSchema.safeParse(updateRequest(before, v)), USER_FIELDS);
  if (hasDistricts(v.role) && parseDistricts(v.districts).length === 0)
    errors.districts ??= 'Name at least one district';
  return errors;
}

export function formFor(u: UserSummary): UserFormValues {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districts: u.districts.join(', '),
    password: '',
  };
}
