import type { recordingCommands } from '@cctv/protocol';
import { CommandFailure, type Handlers } from '../socket/commands';
import type { RecordingService } from './recordingService';

const off = (): never => {
  throw new CommandFailure('UNAVAILABLE', 'Recording is turned off on this service.');
};

/** The recording commands, answered by the recorder module (or refused when recording is off). */
export function recordingHandlers(recording: RecordingService | null): Handlers<typeof recordingCommands> {
  if (!recording)
    return {
      'recording:status': () => [],
      'recording:timeline': off,
      'recording:configure': off,
      'recording:storage': off,
      'recording:hold': off,
      'recording:release': off,
      'recording:holds': () => [],
    };
  return {
    'recording:status': () => recording.status(),
    'recording:timeline': (q) => recording.timeline(q),
    'recording:configure': (s, ctx) => recording.configure(s, ctx),
    'recording:storage': () => recording.storage(),
    'recording:hold': (req, ctx) => recording.placeHold(req, ctx.actor, ctx.user.id),
    'recording:release': ({ id, reason }, ctx) => recording.releaseHold(id, reason, ctx),
    'recording:holds': (q) => recording.holds(q),
  };
}
