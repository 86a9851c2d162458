import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, isAllowedChannel } from './ipc';

describe('ipc channels', () => {
  it.each([
    [IPC_CHANNELS.openWallWindow, true],
    ['cctv:exec', false],
    ['', false],
    ['__proto__', false],
  ])('%s allowed: %s', (channel, allowed) => {
    expect(isAllowedChannel(channel)).toBe(allowed);
  });
});
