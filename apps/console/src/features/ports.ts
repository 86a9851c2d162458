import type {
  CommandRequest,
  CommandResponse,
  controlCommands,
  Result,
  SetupRequest,
  SignInRequest,
  SignInResponse,
} from '@cctv/protocol';
import type { Drafts } from './records/drafts';

type ControlCommands = typeof controlCommands;
/** A command on the control namespace. */
export type ControlCommand = keyof ControlCommands;
export type ControlRequest<K extends ControlCommand> = CommandRequest<ControlCommands, K>;
export type ControlResponse<K extends ControlCommand> = CommandResponse<ControlCommands, K>;

/**
 * Commands on the control namespace, as slices see them; `src/transport/` implements it over Socket.IO.
 * A timeout or a dropped connection answers `{ ok: false }` (TIMEOUT / UNAVAILABLE), never throws.
 */
export interface ControlPort {
  ask<K extends ControlCommand>(event: K, payload: ControlRequest<K>): Promise<Result<ControlResponse<K>>>;
}

/** A file fetched with the session's bearer token. */
export interface Download {
  blob: Blob;
  filename: string;
}

/** The ingest's HTTP routes the console uses (sign-in happens before there is a socket). */
export interface AuthHttp {
  status(): Promise<Result<{ setupNeeded: boolean }>>;
  setup(req: SetupRequest): Promise<Result<{ username: string }>>;
  signIn(req: SignInRequest): Promise<Result<SignInResponse>>;
  /** GET `path` (with its query) with `Authorization: Bearer <token>`. */
  download(path: string, token: string): Promise<Result<Download>>;
}

/** Where the session token and the workstation's name are kept between page loads. */
export interface SessionPersistence {
  load(): SignInResponse | null;
  save(session: SignInResponse): void;
  clear(): void;
  workstation(): string;
  saveWorkstation(name: string): void;
}

/** Everything the slices reach outside the store through. Tests pass fakes. */
export interface ConsolePorts {
  control: ControlPort;
  http: AuthHttp;
  persistence: SessionPersistence;
  /** What is being typed into the records forms (sessionStorage); omit to keep drafts only in the form. */
  drafts?: Drafts;
  now(): number;
}

const unavailable = async () => ({
  ok: false as const,
  error: { code: 'UNAVAILABLE' as const, message: 'Not connected to the ingest service.' },
});

/** Ports that answer "unavailable": for stores built without a transport (unit tests of other slices). */
export const offlinePorts: ConsolePorts = {
  control: { ask: unavailable },
  http: { status: unavailable, setup: unavailable, signIn: unavailable, download: unavailable },
  persistence: {
    load: () => null,
    save: () => undefined,
    clear: () => undefined,
    workstation: () => '',
    saveWorkstation: () => undefined,
  },
  now: () => Date.now(),
};
