import { describe, expectTypeOf, it } from 'vitest';
import type {
  CameraSummary,
  CommandResponse,
  ControlClientToServer,
  MediaClientToServer,
  MediaServerToClient,
  Result,
  StreamStatus,
  controlCommands,
  mediaCommands,
} from './index';

describe('contract types', () => {
  it('infers command payloads from their schemas', () => {
    expectTypeOf<Parameters<MediaClientToServer['stream:subscribe']>[0]>().toEqualTypeOf<{ streamId: string }>();
    expectTypeOf<Parameters<MediaClientToServer['stream:acknowledge']>[0]>().toEqualTypeOf<{
      streamId: string;
      seq: number;
    }>();
  });
  it('acknowledges with a Result of the declared answer', () => {
    expectTypeOf<CommandResponse<typeof mediaCommands, 'stream:subscribe'>>().toEqualTypeOf<StreamStatus>();
    expectTypeOf<Parameters<Parameters<ControlClientToServer['camera:list']>[1]>[0]>().toEqualTypeOf<
      Result<CameraSummary[]>
    >();
  });
  it('has no event without a schema', () => {
    expectTypeOf<keyof ControlClientToServer>().toEqualTypeOf<keyof typeof controlCommands>();
    // @ts-expect-error an event that is not in the contract does not exist
    expectTypeOf<MediaClientToServer['stream:play']>().toBeFunction();
  });
  it('carries frames as binary', () => {
    expectTypeOf<Parameters<MediaServerToClient['stream:frameArrived']>[0]['data']>().toEqualTypeOf<
      Uint8Array | ArrayBuffer
    >();
  });
});
