import type { DiscoveryProbeRequest, DiscoveryResult, UpdateCameraRequest } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../auth/formErrors';
import type { ConsolePorts } from '../ports';
import { addErrors, addRequest, CAMERA_FIELDS, type CameraField, type CameraFormValues } from './cameraForm';

export interface DiscoveryView {
  result: DiscoveryResult | null;
  probing: boolean;
  error: string | null;
}

/** Discovery and the registry's add/edit/remove (administrators, `cameras:manage`). */
export interface CameraAdminSlice {
  discovery: DiscoveryView;
  loadDiscovery(): Promise<void>;
  probe(req: DiscoveryProbeRequest): Promise<void>;
  discoveryUpdated(result: DiscoveryResult): void;
  addCamera(v: CameraFormValues): Promise<FieldErrors<CameraField>>;
  updateCamera(req: UpdateCameraRequest): Promise<FieldErrors<CameraField>>;
  /** Answers an error message, or null. */
  removeCamera(id: string): Promise<string | null>;
}

/** The server names `credentials.password`; the form shows it beside the password. */
function cameraErrors(error: Parameters<typeof fieldErrorsFrom>[0]): FieldErrors<CameraField> {
  const errors = fieldErrorsFrom(error, CAMERA_FIELDS);
  return errors.credentials ? { password: errors.credentials } : errors;
}

export function createCameraAdminSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], CameraAdminSlice> {
  return (set, get) => ({
    discovery: { result: null, probing: false, error: null },
    loadDiscovery: async () => {
      const r = await ports.control.ask('discovery:list', {});
      set((s) => ({
        discovery: r.ok ? { ...s.discovery, result: r.data, error: null } : { ...s.discovery, error: r.error.message },
      }));
    },
    probe: async (req) => {
      set((s) => ({ discovery: { ...s.discovery, probing: true, error: null } }));
      const r = await ports.control.ask('discovery:probe', req);
      set((s) => ({
        discovery: r.ok
          ? { result: r.data, probing: false, error: null }
          : { ...s.discovery, probing: false, error: r.error.message },
      }));
    },
    discoveryUpdated: (result) => set((s) => ({ discovery: { ...s.discovery, result } })),
    addCamera: async (v) => {
      const errors = addErrors(v);
      if (hasErrors(errors)) return errors;
      const r = await ports.control.ask('camera:add', addRequest(v));
      if (!r.ok) return cameraErrors(r.error);
      get().registryCameraChanged(r.data);
      return {};
    },
    updateCamera: async (req) => {
      const r = await ports.control.ask('camera:update', req);
      if (!r.ok) return cameraErrors(r.error);
      get().registryCameraChanged(r.data);
      return {};
    },
    removeCamera: async (id) => {
      const r = await ports.control.ask('camera:remove', { id });
      if (!r.ok) return r.error.message;
      get().registryCameraRemoved(id);
      return null;
    },
  });
}
