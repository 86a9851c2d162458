import type { Alarm } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import type { ConsolePorts } from '../ports';

export interface AlarmsSlice {
  alarms: Record<number, Alarm>;
  alarmsError: string | null;
  alarmsLoaded(list: Alarm[]): void;
  /** `alarm:raised` / `alarm:changed`: the full state of one alarm. */
  alarmChanged(alarm: Alarm): void;
  acknowledgeAlarm(id: number): Promise<void>;
}

export function createAlarmsSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], AlarmsSlice> {
  return (set, get) => ({
    alarms: {},
    alarmsError: null,
    alarmsLoaded: (list) => set({ alarms: Object.fromEntries(list.map((a) => [a.id, a])), alarmsError: null }),
    alarmChanged: (alarm) => set((s) => ({ alarms: { ...s.alarms, [alarm.id]: alarm } })),
    acknowledgeAlarm: async (id) => {
      const r = await ports.control.ask('alarm:acknowledge', { id });
      if (r.ok) get().alarmChanged(r.data);
      else set({ alarmsError: r.error.message });
    },
  });
}
