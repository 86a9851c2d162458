import type { RecordChanges, Result } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { incidentFixture as inc } from '../features/records/fixtures';
import { createConsoleStore } from '../store/createStore';
import { bindIngest } from './binding';

class FakeSocket {
  active = true;
  private listeners = new Map<string, Set<(...a: never[]) => void>>();
  on(event: string, fn: (...a: never[]) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: (...a: never[]) => void) {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const changes = (rev: number, over: Partial<RecordChanges> = {}): RecordChanges => ({
  rev,
  truncated: false,
  incidents: [],
  removedIncidents: [],
  policeRequests: [],
  shifts: [],
  ...over,
});

describe('records over the transport binding', () => {
  it('catches up on every connect from the cursor, and applies live changes once', async () => {
    const store = createConsoleStore();
    const control = new FakeSocket();
    const asked: number[] = [];
    const answers: RecordChanges[] = [changes(10), changes(14, { incidents: [inc({ id: 2, rev: 12 })] })];
    const catchUp = async (sinceRev: number): Promise<Result<RecordChanges>> => {
      asked.push(sinceRev);
      return { ok: true, data: answers.shift()! };
    };
    bindIngest(
      control,
      new FakeSocket(),
      { listCameras: async () => ({ ok: true, data: [] }), canViewLive: () => false, catchUp },
      store.getState(),
    );

    control.emit('connect');
    await flush();
    control.emit('incident:changed', inc({ id: 1, rev: 11 }));
    control.emit('incident:changed', inc({ id: 1, rev: 11 }));
    expect(store.getState().records.cursor).toBe(11);

    control.emit('disconnect', 'transport close');
    control.emit('connect');
    await flush();
    // The first connect asks only for the current rev; the reconnect asks from what was seen.
    expect(asked).toEqual([Number.MAX_SAFE_INTEGER, 11]);
    expect(Object.keys(store.getState().records.incidents)).toEqual(['1', '2']);
    expect(store.getState().records).toMatchObject({ cursor: 14, synced: true });
  });
});
