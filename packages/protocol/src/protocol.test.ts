import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  controlCommands,
  frameAckSchema,
  handshakeSchema,
  invalidPayload,
  mediaCommands,
  parseStreamId,
  streamIdOf,
  streamIdSchema,
  subscribeSchema,
} from './index';

describe('stream ids', () => {
  it.each(['cam-01:sub', 'a:main', 'x9-y:main'])('accepts %s', (id) => {
    expect(streamIdSchema.safeParse(id).success).toBe(true);
  });
  it.each(['', 'cam-01', 'cam-01:hd', 'Cam:sub', '-cam:sub', 'cam;rm -rf /:sub', `${'a'.repeat(64)}:sub`, 'a:sub\n'])(
    'refuses %j',
    (id) => {
      expect(streamIdSchema.safeParse(id).success).toBe(false);
    },
  );
  it('round-trips camera and profile', () => {
    expect(parseStreamId(streamIdOf('cam-07', 'main'))).toEqual({ cameraId: 'cam-07', profile: 'main' });
  });
});

describe('payload schemas', () => {
  it('names the bad field', () => {
    const r = subscribeSchema.safeParse({ streamId: 42 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const failure = invalidPayload(r.error);
    expect(failure.error).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'streamId' });
    expect(failure.error.message).toMatch(/^streamId: /);
  });
  it('refuses unknown keys, so typos are not silently ignored', () => {
    expect(subscribeSchema.safeParse({ streamId: 'a:sub', extra: 1 }).success).toBe(false);
  });
  it('refuses negative or fractional acknowledgements', () => {
    expect(frameAckSchema.safeParse({ streamId: 'a:sub', seq: -1 }).success).toBe(false);
    expect(frameAckSchema.safeParse({ streamId: 'a:sub', seq: 1.5 }).success).toBe(false);
    expect(frameAckSchema.safeParse({ streamId: 'a:sub', seq: 3 }).success).toBe(true);
  });
  it('requires a protocol version in the handshake', () => {
    expect(handshakeSchema.safeParse({}).success).toBe(false);
    expect(handshakeSchema.safeParse({ protocolVersion: 1, workstation: 'desk 3' }).success).toBe(true);
  });
  it('gives every command a zod request schema', () => {
    for (const spec of [...Object.values(controlCommands), ...Object.values(mediaCommands)]) {
      expect(spec.request).toBeInstanceOf(z.ZodType);
    }
  });
});

describe('record schemas', () => {
  it('fills defaults when an incident is created, and never when it is updated', async () => {
    const { createIncidentSchema, updateIncidentSchema } = await import('./records');
    const created = createIncidentSchema.parse({
      startedAt: 1,
      district: 'N',
      location: 'L',
      source: 'alarm',
      category: 'Fire',
    });
    expect(created).toMatchObject({ cameras: [], evidence: [], sharedWithPolice: false, town: '' });
    // An update that names only the town must not reset the cameras (or anything else) to a default.
    const update = updateIncidentSchema.parse({ id: 1, version: 1, changes: { town: 'Ashby' } });
    expect(update.changes).toEqual({ town: 'Ashby' });
  });
});
