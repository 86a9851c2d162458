import type { CommandError, ErrorCode, Result } from '@cctv/protocol';
import type { AuthHttp, Download } from '../features/ports';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_PAYLOAD',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** An HTTP error body (`{ error, code?, field? }`) as a command error. */
export function httpError(status: number, body: unknown): CommandError {
  const b = (body ?? {}) as { error?: unknown; code?: unknown; field?: unknown };
  const code = (typeof b.code === 'string' ? b.code : CODE_BY_STATUS[status]) ?? 'INTERNAL';
  const message = typeof b.error === 'string' ? b.error : `The ingest service answered ${status}.`;
  return typeof b.field === 'string'
    ? { code: code as ErrorCode, message, field: b.field }
    : { code: code as ErrorCode, message };
}

/** "attachment; filename="audit-2025-04-01.csv"" → "audit-2025-04-01.csv". */
export function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m?.[1] ?? fallback;
}

const unreachable = (e: unknown): { ok: false; error: CommandError } => ({
  ok: false,
  error: {
    code: 'UNAVAILABLE',
    message: `Cannot reach the ingest service (${e instanceof Error ? e.message : String(e)}).`,
  },
});

/** The ingest's HTTP routes (plain fetch: sign-in comes before any socket). */
export function createAuthHttp(ingestUrl: string, fetchFn: typeof fetch = (...a) => fetch(...a)): AuthHttp {
  const base = ingestUrl.replace(/\/+$/, '');
  async function json<T>(path: string, init?: RequestInit): Promise<Result<T>> {
    let res: Response;
    try {
      res = await fetchFn(base + path, { ...init, credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      return unreachable(e);
    }
    const body: unknown = await res.json().catch(() => null);
    return res.ok ? { ok: true, data: body as T } : { ok: false, error: httpError(res.status, body) };
  }
  const post = <T>(path: string, body: unknown) =>
    json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    status: () => json('/api/auth/status'),
    setup: (req) => post('/api/auth/setup', req),
    signIn: (req) => post('/api/auth/sign-in', req),
    async download(path, token): Promise<Result<Download>> {
      let res: Response;
      try {
        res = await fetchFn(base + path, {
          headers: { authorization: `Bearer ${token}` },
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (e) {
        return unreachable(e);
      }
      if (!res.ok) return { ok: false, error: httpError(res.status, await res.json().catch(() => null)) };
      const fallback = path.split('?')[0]!.split('/').pop() ?? 'download';
      return {
        ok: true,
        data: { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition'), fallback) },
      };
    },
  };
}
