import { describe, expect, it } from 'vitest';
import { ackDue, ackOnReceived, ackSent, initialAck, type AckPolicy } from './ackPolicy';

const p: AckPolicy = { intervalMs: 100, everyFrames: 4, maxBacklog: 12 };

describe('ack policy', () => {
  it.each([
    ['nothing received', initialAck, 0, 0, null],
    ['first frame: acknowledged at once', { newestSeq: 0, ackedSeq: -1, ackedAt: -Infinity }, 0, 0, 0],
    ['1 pending, 10 ms after the last ack', { newestSeq: 11, ackedSeq: 10, ackedAt: 1000 }, 1010, 0, null],
    ['1 pending, 100 ms after the last ack', { newestSeq: 11, ackedSeq: 10, ackedAt: 1000 }, 1100, 0, 11],
    ['4 pending, soon after', { newestSeq: 14, ackedSeq: 10, ackedAt: 1000 }, 1010, 0, 14],
    ['everything acknowledged', { newestSeq: 14, ackedSeq: 14, ackedAt: 1000 }, 5000, 0, null],
    ['decoder behind: held back', { newestSeq: 30, ackedSeq: 10, ackedAt: 1000 }, 5000, 13, null],
    ['decoder at the backlog limit: sent', { newestSeq: 30, ackedSeq: 10, ackedAt: 1000 }, 5000, 12, 30],
  ] as const)('%s', (_n, state, now, backlog, expected) => {
    expect(ackDue(state, now, backlog, p)).toBe(expected);
  });

  it('acknowledges about every fourth frame at 25 fps', () => {
    let s = initialAck;
    const sent: number[] = [];
    for (let seq = 0; seq < 20; seq++) {
      const now = seq * 40;
      s = ackOnReceived(s, seq);
      const due = ackDue(s, now, 0, p);
      if (due !== null) {
        sent.push(due);
        s = ackSent(s, due, now);
      }
    }
    expect(sent).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });

  it('never moves the newest seq backwards', () => {
    expect(ackOnReceived({ newestSeq: 9, ackedSeq: 5, ackedAt: 0 }, 7).newestSeq).toBe(9);
  });
});
