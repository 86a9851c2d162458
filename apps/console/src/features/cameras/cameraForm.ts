import {
  addCameraSchema,
  updateCameraSchema,
  type AddCameraRequest,
  type CameraInfo as RegistryCamera,
  type DiscoveredCamera,
  type UpdateCameraRequest,
} from '@cctv/protocol';
import { fieldErrorsOf, type FieldErrors } from '../auth/formErrors';

export const CAMERA_FIELDS = [
  'deviceUrl',
  'username',
  'password',
  'name',
  'district',
  'site',
  'location',
  'id',
  'credentials',
] as const;
export type CameraField = (typeof CAMERA_FIELDS)[number];

/** What the camera form holds. The password is typed, never filled in from the server. */
export interface CameraFormValues {
  deviceUrl: string;
  username: string;
  password: string;
  name: string;
  district: string;
  site: string;
  location: string;
}

export const emptyCameraForm: CameraFormValues = {
  deviceUrl: '',
  username: '',
  password: '',
  name: '',
  district: '',
  site: '',
  location: '',
};

/** A found device, ready to add: its first service URL, its name (or make and model), its location. */
export function formForDiscovered(d: DiscoveredCamera): CameraFormValues {
  const fallback = [d.make, d.model].filter(Boolean).join(' ') || d.address;
  return {
    ...emptyCameraForm,
    deviceUrl: d.xaddrs[0] ?? `http://${d.address}/onvif/device_service`,
    name: d.name?.trim() || fallback,
    location: d.location ?? '',
  };
}

/** An onboarded camera, for editing (no credentials: the server never sends them). */
export function formForCamera(c: RegistryCamera): CameraFormValues {
  return {
    ...emptyCameraForm,
    deviceUrl: c.deviceUrl ?? '',
    name: c.name,
    district: c.district,
    site: c.site,
    location: c.location,
  };
}

export function addRequest(v: CameraFormValues): AddCameraRequest {
  return {
    deviceUrl: v.deviceUrl.trim(),
    username: v.username,
    password: v.password,
    name: v.name.trim(),
    district: v.district.trim(),
    site: v.site.trim(),
    location: v.location.trim(),
  };
}

export function addErrors(v: CameraFormValues): FieldErrors<CameraField> {
  return fieldErrorsOf(addCameraSchema.safeParse(addRequest(v)), CAMERA_FIELDS);
}

/** Only what changed; new credentials only when a password was typed (with the user name as typed). */
export function updateRequest(c: RegistryCamera, v: CameraFormValues): UpdateCameraRequest {
  const req: UpdateCameraRequest = { id: c.id };
  for (const k of ['name', 'district', 'site', 'location'] as const) {
    const next = v[k].trim();
    if (next !== c[k]) req[k] = next;
  }
  if (v.password !== '') req.credentials = { username: v.username, password: v.password };
  return req;
}

export function updateErrors(c: RegistryCamera, v: CameraFormValues): FieldErrors<CameraField> {
  const errors = fieldErrorsOf(updateCameraSchema.safeParse(updateRequest(c, v)), CAMERA_FIELDS);
  // A credentials problem belongs beside the password the operator typed.
  if (errors.credentials) return { ...errors, password: errors.credentials, credentials: undefined };
  return errors;
}
