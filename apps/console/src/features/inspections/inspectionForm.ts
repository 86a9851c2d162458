import { createInspectionSchema, PRINCIPLES, type CreateInspectionRequest } from '@cctv/protocol';
import { fieldErrorsOf, type FieldErrors } from '../auth/formErrors';

export type FindingStatus = 'met' | 'partly-met' | 'not-met' | 'not-checked';
export const FINDING_STATUSES: readonly FindingStatus[] = ['met', 'partly-met', 'not-met', 'not-checked'];
export const STATUS_LABELS: Record<FindingStatus, string> = {
  met: 'Met',
  'partly-met': 'Partly met',
  'not-met': 'Not met',
  'not-checked': 'Not checked',
};

/** A spot check being written: one finding per principle, in the Code's order. */
export interface InspectionDraft {
  date: string;
  checked: string;
  findings: { status: FindingStatus; notes: string }[];
  recommendations: string;
}
export type InspectionField = 'date' | 'checked' | 'findings' | 'recommendations';
export const INSPECTION_FIELDS: readonly InspectionField[] = ['date', 'checked', 'findings', 'recommendations'];

/** Today in the workstation's time zone, YYYY-MM-DD. */
export function localDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function emptyDraft(today: string): InspectionDraft {
  return {
    date: today,
    checked: '',
    findings: PRINCIPLES.map(() => ({ status: 'not-checked', notes: '' })),
    recommendations: '',
  };
}

export function inspectionRequest(d: InspectionDraft): CreateInspectionRequest {
  return {
    date: d.date,
    checked: d.checked.trim(),
    findings: d.findings.map((f, i) => ({ principle: i + 1, status: f.status, notes: f.notes.trim() })),
    recommendations: d.recommendations.trim(),
  };
}

export function inspectionErrors(d: InspectionDraft): FieldErrors<InspectionField> {
  return fieldErrorsOf(createInspectionSchema.safeParse(inspectionRequest(d)), INSPECTION_FIELDS);
}
