import { z } from 'zod';

/** The closed set of reasons a command can fail for. */
export const errorCodeSchema = z.enum([
  'INVALID_PAYLOAD',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
]);
/** Why a command failed. */
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** A failed command's error, with the offending field when validation failed. */
export interface CommandError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the invalid field, for INVALID_PAYLOAD. */
  field?: string;
}

/** What every command acknowledges with. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: CommandError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, field?: string): { ok: false; error: CommandError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** Turns a zod error into an INVALID_PAYLOAD failure naming the first bad field. */
export function invalidPayload(error: z.ZodError): { ok: false; error: CommandError } {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ?? 'payload'}: ${issue.message}` : 'invalid payload';
  return fail('INVALID_PAYLOAD', message, field);
}
