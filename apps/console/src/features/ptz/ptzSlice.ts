import type { CameraInfo as RegistryCamera, PtzHolder, PtzPresetInfo } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import type { ConsolePorts } from '../ports';
import type { Velocity } from './ptzDriver';

/** PTZ of the camera on the selected tile: its lock, presets and the last refusal. */
export interface PtzView {
  /** Who steers each camera (from `ptz:lockChanged` and command answers); absent: not known, free. */
  locks: Record<string, PtzHolder | null>;
  presets: Record<string, PtzPresetInfo[]>;
  /** The last refusal (CONFLICT naming the holder, RATE_LIMITED, …) per camera; cleared by a success. */
  errors: Record<string, string>;
}

export interface PtzSlice {
  /** The camera registry (`camera:registry`): district, site, location, whether it has PTZ. */
  registry: Record<string, RegistryCamera>;
  ptz: PtzView;
  registryLoaded(list: RegistryCamera[]): void;
  registryCameraChanged(camera: RegistryCamera): void;
  registryCameraRemoved(id: string): void;
  ptzLockChanged(cameraId: string, holder: PtzHolder | null): void;
  ptzMove(cameraId: string, v: Velocity): Promise<void>;
  ptzStop(cameraId: string): Promise<void>;
  ptzHome(cameraId: string): Promise<void>;
  ptzStatus(cameraId: string): Promise<void>;
  ptzTakeOver(cameraId: string): Promise<void>;
  ptzLoadPresets(cameraId: string): Promise<void>;
  ptzGotoPreset(cameraId: string, token: string): Promise<void>;
  /** Stores the current position; answers an error message or null. */
  ptzSetPreset(cameraId: string, name: string): Promise<string | null>;
}

type Answer =
  { ok: true; data: { cameraId: string; holder: PtzHolder | null } } | { ok: false; error: { message: string } };

export function createPtzSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], PtzSlice> {
  return (set, get) => {
    const settle = (cameraId: string, r: Answer) =>
      set((s) => {
        const errors = { ...s.ptz.errors };
        if (r.ok) delete errors[cameraId];
        else errors[cameraId] = r.error.message;
        const locks = r.ok ? { ...s.ptz.locks, [cameraId]: r.data.holder } : s.ptz.locks;
        return { ptz: { ...s.ptz, locks, errors } };
      });
    return {
      registry: {},
      ptz: { locks: {}, presets: {}, errors: {} },
      registryLoaded: (list) => set({ registry: Object.fromEntries(list.map((c) => [c.id, c])) }),
      registryCameraChanged: (camera) => set((s) => ({ registry: { ...s.registry, [camera.id]: camera } })),
      registryCameraRemoved: (id) =>
        set((s) => {
          const registry = { ...s.registry };
          delete registry[id];
          return { registry };
        }),
      ptzLockChanged: (cameraId, holder) =>
        set((s) => ({ ptz: { ...s.ptz, locks: { ...s.ptz.locks, [cameraId]: holder } } })),
      ptzMove: async (cameraId, v) => settle(cameraId, await ports.control.ask('ptz:move', { cameraId, ...v })),
      ptzStop: async (cameraId) => settle(cameraId, await ports.control.ask('ptz:stop', { cameraId })),
      ptzHome: async (cameraId) => settle(cameraId, await ports.control.ask('ptz:home', { cameraId })),
      ptzStatus: async (cameraId) => settle(cameraId, await ports.control.ask('ptz:status', { cameraId })),
      ptzTakeOver: async (cameraId) => settle(cameraId, await ports.control.ask('ptz:takeOver', { cameraId })),
      ptzLoadPresets: async (cameraId) => {
        const r = await ports.control.ask('ptz:preset:list', { cameraId });
        if (!r.ok) return set((s) => ({ ptz: { ...s.ptz, errors: { ...s.ptz.errors, [cameraId]: r.error.message } } }));
        set((s) => ({ ptz: { ...s.ptz, presets: { ...s.ptz.presets, [cameraId]: r.data } } }));
      },
      ptzGotoPreset: async (cameraId, token) =>
        settle(cameraId, await ports.control.ask('ptz:preset:goto', { cameraId, token })),
      ptzSetPreset: async (cameraId, name) => {
        const r = await ports.control.ask('ptz:preset:set', { cameraId, name });
        if (!r.ok) return r.error.message;
        await get().ptzLoadPresets(cameraId);
        return null;
      },
    };
  };
}

export const selectRegistry = (s: ConsoleState): Record<string, RegistryCamera> => s.registry;
