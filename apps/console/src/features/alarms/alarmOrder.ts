import type { Alarm } from '@cctv/protocol';

/** Unacknowledged first; within each group, newest first (ties by id, newest first). */
export function orderAlarms(alarms: Iterable<Alarm>): Alarm[] {
  return [...alarms].sort((a, b) => {
    const ua = a.acknowledgedAt === null ? 0 : 1;
    const ub = b.acknowledgedAt === null ? 0 : 1;
    return ua - ub || b.at - a.at || b.id - a.id;
  });
}
