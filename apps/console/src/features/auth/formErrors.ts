import type { CommandError } from '@cctv/protocol';

/** Messages per form field; `form` holds what belongs to no field (wrong password, lock-out, network). */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "displayName" → "Display name". */
export function fieldLabel(field: string): string {
  return capitalise(field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

/**
 * Maps a server error onto the form: an INVALID_PAYLOAD naming a field this form has goes beside that
 * field (without the "field: " prefix the server adds); anything else is a message for the whole form.
 */
export function fieldErrorsFrom<F extends string>(error: CommandError, fields: readonly F[]): FieldErrors<F> {
  const top = error.field?.split('.')[0];
  if (error.code === 'INVALID_PAYLOAD' && top && (fields as readonly string[]).includes(top)) {
    const prefix = `${error.field}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { [top]: `${fieldLabel(top)} ${message}` } as FieldErrors<F>;
  }
  return { form: error.message } as FieldErrors<F>;
}

/** Client-side check with the protocol's own schema, so the form says what the server would. */
export function fieldErrorsOf<F extends string>(
  result:
    { success: true } | { success: false; error: { issues: { path: readonly PropertyKey[]; message: string }[] } },
  fields: readonly F[],
): FieldErrors<F> {
  if (result.success) return {};
  const out: FieldErrors<F> = {};
  for (const issue of result.error.issues) {
    const top = String(issue.path[0] ?? '');
    const key = ((fields as readonly string[]).includes(top) ? top : 'form') as F | 'form';
    out[key] ??= key === 'form' ? issue.message : `${fieldLabel(top)} ${issue.message}`;
  }
  return out;
}

export const hasErrors = (e: FieldErrors<string>): boolean => Object.values(e).some(Boolean);
