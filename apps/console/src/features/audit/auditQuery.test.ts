import { describe, expect, it } from 'vitest';
import { auditCsvPath, auditSearchRequest, emptyAuditFilter, localTimeMs } from './auditQuery';

const from = '2025-03-01T08:00';
const fromMs = new Date(from).getTime();

describe('audit queries', () => {
  it.each([
    [emptyAuditFilter, '/api/audit.csv'],
    [{ ...emptyAuditFilter, username: ' J.Smith ' }, '/api/audit.csv?username=j.smith'],
    [
      { ...emptyAuditFilter, cameraId: 'cam-01', action: 'live.viewStarted' as const },
      '/api/audit.csv?cameraId=cam-01&action=live.viewStarted',
    ],
    [{ ...emptyAuditFilter, from, to: 'not a time' }, `/api/audit.csv?from=${fromMs}`],
    [{ ...emptyAuditFilter, username: 'a&b=c' }, '/api/audit.csv?username=a%26b%3Dc'],
  ])('%o → %s', (filter, path) => {
    expect(auditCsvPath(filter)).toBe(path);
  });

  it('asks for a page, paging backwards by id', () => {
    expect(auditSearchRequest(emptyAuditFilter)).toEqual({ limit: 100 });
    expect(auditSearchRequest({ ...emptyAuditFilter, username: 'op', from }, 501, 50)).toEqual({
      username: 'op',
      from: fromMs,
      beforeId: 501,
      limit: 50,
    });
  });

  it.each([
    ['', undefined],
    ['  ', undefined],
    ['garbage', undefined],
    [from, fromMs],
  ])('local time %s → %s', (v, ms) => {
    expect(localTimeMs(v)).toBe(ms);
  });
});
