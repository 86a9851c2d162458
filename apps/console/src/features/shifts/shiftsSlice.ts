import type { Shift } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import type { ConsolePorts } from '../ports';
import { applyShift } from '../records/recordsMerge';

export interface ShiftsView {
  loading: boolean;
  error: string | null;
  /** A shift was just started here: its predecessor's handover is shown until acknowledged. */
  handoverToRead: number | null;
}

type ShiftChanges = { handoverNotes?: string; cameraFaults?: string; visitors?: Shift['visitors']; onDuty?: string[] };

export interface ShiftsSlice {
  shiftsView: ShiftsView;
  loadShifts(): Promise<void>;
  startShift(onDuty: string[]): Promise<string | null>;
  updateShift(id: number, changes: ShiftChanges): Promise<string | null>;
  endShift(id: number): Promise<string | null>;
  signOffShift(id: number): Promise<string | null>;
  handoverRead(): void;
}

/** The shift in progress, the one before it (whose handover the next shift reads), and the rest. */
export function shiftsOverview(shifts: Record<number, Shift>): {
  current: Shift | null;
  previous: Shift | null;
  recent: Shift[];
} {
  const all = Object.values(shifts).sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
  const current = all.find((s) => s.endedAt === null) ?? null;
  const previous = all.find((s) => s.endedAt !== null && (!current || s.startedAt <= current.startedAt)) ?? null;
  return { current, previous, recent: all.filter((s) => s !== current) };
}

/** "alice, bob , carol" or one per line → ["alice", "bob", "carol"]. */
export function onDutyOf(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function createShiftsSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], ShiftsSlice> {
  return (set) => {
    const absorb = (list: Shift[]) =>
      set((s) => ({ records: list.reduce((acc, x) => applyShift(acc, x, false), s.records) }));
    const patch = (p: Partial<ShiftsView>) => set((s) => ({ shiftsView: { ...s.shiftsView, ...p } }));
    const done = (r: { ok: true; data: Shift } | { ok: false; error: { message: string } }) => {
      if (!r.ok) return r.error.message;
      absorb([r.data]);
      return null;
    };
    return {
      shiftsView: { loading: false, error: null, handoverToRead: null },
      loadShifts: async () => {
        patch({ loading: true, error: null });
        const [cur, list] = await Promise.all([
          ports.control.ask('shift:current', {}),
          ports.control.ask('shift:list', { limit: 20 }),
        ]);
        if (!cur.ok) return patch({ loading: false, error: cur.error.message });
        absorb([...(list.ok ? list.data : []), ...[cur.data.shift, cur.data.previous].filter((x) => x !== null)]);
        patch({ loading: false, error: list.ok ? null : list.error.message });
      },
      startShift: async (onDuty) => {
        if (onDuty.length === 0) return 'Name who is on duty (user names, comma-separated).';
        const r = await ports.control.ask('shift:start', { onDuty });
        if (!r.ok) return r.error.message;
        absorb([r.data.shift, ...(r.data.previous ? [r.data.previous] : [])]);
        patch({ handoverToRead: r.data.previous?.id ?? null });
        return null;
      },
      updateShift: async (id, changes) => done(await ports.control.ask('shift:update', { id, ...changes })),
      endShift: async (id) => done(await ports.control.ask('shift:end', { id })),
      signOffShift: async (id) => done(await ports.control.ask('shift:signOff', { id })),
      handoverRead: () => patch({ handoverToRead: null }),
    };
  };
}
