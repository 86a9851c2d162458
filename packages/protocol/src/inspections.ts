import { z } from 'zod';

/** The 12 guiding principles of the Surveillance Camera Code of Practice. */
export const PRINCIPLES = [
  'Specified purpose',
  'Privacy considered and reviewed',
  'Transparency',
  'Clear responsibility',
  'Clear rules and procedures',
  'Keep no more than needed',
  'Restricted access and disclosure',
  'Approved standards and competence',
  'Security against unauthorised access',
  'Review and audit',
  'Images of evidential value',
  'Reference databases kept accurate',
] as const;

export const findingSchema = z
  .object({
    principle: z.number().int().min(1).max(12),
    status: z.enum(['met', 'partly-met', 'not-met', 'not-checked']),
    notes: z.string().max(4000).default(''),
  })
  .strict();

export const createInspectionSchema = z
  .object({
    /** The day of the spot check, YYYY-MM-DD. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD'),
    checked: z.string().trim().min(1, 'say what was checked').max(4000),
    findings: z
      .array(findingSchema)
      .length(12, 'needs a finding for each of the 12 principles')
      .refine((f) => new Set(f.map((x) => x.principle)).size === 12, 'needs each principle once'),
    recommendations: z.string().max(8000).default(''),
  })
  .strict();
/** Payload of `inspection:create`. */
export type CreateInspectionRequest = z.input<typeof createInspectionSchema>;

export const respondInspectionSchema = z
  .object({ id: z.number().int().positive(), response: z.string().trim().min(1).max(8000) })
  .strict();

/** An inspection report with its supervisors' responses. */
export interface Inspection {
  id: number;
  date: string;
  inspector: string;
  checked: string;
  findings: z.infer<typeof findingSchema>[];
  recommendations: string;
  createdAt: number;
  responses: { by: string; at: number; response: string }[];
}
