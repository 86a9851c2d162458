import { describe, expect, it } from 'vitest';
import { emptyDraft, inspectionErrors, inspectionRequest, localDate } from './inspectionForm';

describe('inspection form', () => {
  it('has a finding for each of the 12 principles, numbered 1..12', () => {
    const req = inspectionRequest({ ...emptyDraft('2025-04-02'), checked: ' Audit trail, 1–7 April ' });
    expect(req.findings.map((f) => f.principle)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(req.checked).toBe('Audit trail, 1–7 April');
    expect(inspectionErrors({ ...emptyDraft('2025-04-02'), checked: 'x' })).toEqual({});
  });

  it('asks for what was checked and a real date', () => {
    const e = inspectionErrors({ ...emptyDraft('2 April'), checked: '  ' });
    expect(Object.keys(e).sort()).toEqual(['checked', 'date']);
  });

  it('formats the local date', () => {
    expect(localDate(new Date(2025, 0, 9))).toBe('2025-01-09');
  });
});
