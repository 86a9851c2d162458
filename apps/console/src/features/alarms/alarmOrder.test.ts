import type { Alarm } from '@cctv/protocol';
import { describe, expect, it } from 'vitest';
import { orderAlarms } from './alarmOrder';

const alarm = (id: number, at: number, acknowledgedAt: number | null = null): Alarm => ({
  id,
  cameraId: 'cam-01',
  kind: 'motion',
  at,
  active: true,
  endedAt: null,
  cameraTime: null,
  acknowledgedAt,
  acknowledgedBy: acknowledgedAt === null ? null : { userId: 1, displayName: 'Ann' },
});

describe('alarm order', () => {
  it('puts unacknowledged alarms first, newest first in each group', () => {
    const list = [alarm(1, 100), alarm(2, 300, 400), alarm(3, 200), alarm(4, 500, 600), alarm(5, 50)];
    expect(orderAlarms(list).map((a) => a.id)).toEqual([3, 1, 5, 4, 2]);
  });

  it('breaks ties by id, newest first', () => {
    expect(orderAlarms([alarm(1, 100), alarm(2, 100)]).map((a) => a.id)).toEqual([2, 1]);
  });

  it('an empty list stays empty', () => {
    expect(orderAlarms([])).toEqual([]);
  });
});
