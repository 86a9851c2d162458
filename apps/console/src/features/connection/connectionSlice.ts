import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';

/** refused: the ingest turned the handshake down (protocol mismatch, auth); reconnecting will not help. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface ConnectionSlice {
  connection: { status: ConnectionStatus; message?: string; ingestUrl: string };
  connectionChanged(status: ConnectionStatus, message?: string): void;
}

export function createConnectionSlice(ingestUrl: string): StateCreator<ConsoleState, [], [], ConnectionSlice> {
  return (set) => ({
    connection: { status: 'connecting', ingestUrl },
    connectionChanged: (status, message) =>
      set((s) => ({
        connection:
          message === undefined
            ? { status, ingestUrl: s.connection.ingestUrl }
            : { status, message, ingestUrl: s.connection.ingestUrl },
      })),
  });
}

export const selectConnection = (s: ConsoleState) => s.connection;
