import type { Result } from '@cctv/protocol';
import type { ControlCommand, ControlPort, ControlRequest, ControlResponse } from '../features/ports';
import { COMMAND_TIMEOUT_MS } from './mediaTransport';
import type { ControlSocket } from './socket';

/** Commands over the control namespace; a timeout or a closed socket becomes a failed result. */
export function createControlPort(control: ControlSocket, timeoutMs = COMMAND_TIMEOUT_MS): ControlPort {
  return {
    async ask<K extends ControlCommand>(event: K, payload: ControlRequest<K>): Promise<Result<ControlResponse<K>>> {
      if (!control.connected) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'Not connected to the ingest service.' } };
      }
      // socket.io-client types `timeout().emitWithAck` loosely; the contract types it here.
      const timed = control.timeout(timeoutMs) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<Result<ControlResponse<K>>>;
      };
      try {
        return await timed.emitWithAck(event, payload);
      } catch {
        return {
          ok: false,
          error: { code: 'TIMEOUT', message: `The ingest service did not answer ${event} in time.` },
        };
      }
    },
  };
}
