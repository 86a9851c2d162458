import { describe, expectTypeOf, it } from 'vitest';
import type {
  Alarm,
  CameraInfo,
  ControlServerToClient,
  Incident,
  PtzControlState,
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
  it('types the records and camera commands from their schemas', () => {
    type C = ControlClientToServer;
    expectTypeOf<Parameters<Parameters<C['incident:create']>[1]>[0]>().toEqualTypeOf<Result<Incident>>();
    expectTypeOf<Parameters<C['incident:update']>[0]['changes']>().toHaveProperty('sharedWithPolice');
    expectTypeOf<Parameters<C['ptz:move']>[0]>().toEqualTypeOf<{
      cameraId: string;
      pan: number;
      tilt: number;
      zoom: number;
    }>();
    expectTypeOf<Parameters<Parameters<C['ptz:move']>[1]>[0]>().toEqualTypeOf<Result<PtzControlState>>();
    expectTypeOf<Parameters<Parameters<C['camera:registry']>[1]>[0]>().toEqualTypeOf<Result<CameraInfo[]>>();
    expectTypeOf<Parameters<ControlServerToClient['alarm:raised']>[0]>().toEqualTypeOf<Alarm>();
    // Credentials go in, never come out.
    expectTypeOf<CameraInfo>().not.toHaveProperty('password');
  });
});
