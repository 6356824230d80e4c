import { capital, categoryWords, statusWords, VERIFICATION_WORDS } from '@quento/contracts';
import { stringify } from 'csv-stringify/sync';
import { checkName, recommendationTitles } from './present.ts';
import type { ExportInput } from './types.ts';

/** The columns of the action list, headed in words a spreadsheet shows as they are. */
const COLUMNS = [
  'ID',
  'Action',
  'Category',
  'Priority',
  'Impact',
  'Effort',
  'Status',
  'Due date',
  'Completed on',
  'Notes',
  'Recommendation',
  'Checked by',
  'Pages checked',
  'Verification',
] as const;

const level = (v: string | null) => (v ? capital(v) : '');

/** One row per action item; cells a spreadsheet would run as a formula start with a quote. */
export function toCsv(input: ExportInput): string {
  const titles = recommendationTitles(input);
  const rows = input.actions.map((a) => [
    a.id,
    a.title,
    categoryWords(a.category),
    level(a.priority),
    level(a.impact),
    level(a.effort),
    statusWords(a.status),
    a.due_date ?? '',
    a.completed_at?.slice(0, 10) ?? '',
    a.notes ?? '',
    a.recommendation_id ? (titles.get(a.recommendation_id) ?? '') : '',
    a.verification ? checkName(a.verification.audit_id) : '',
    a.verification?.pages.join(' ') ?? '',
    a.verification ? VERIFICATION_WORDS[a.verification_status] : 'Cannot be checked automatically',
  ]);
  return stringify(rows, {
    header: true,
    columns: [...COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
    // A note's line breaks stay inside its cell in every spreadsheet, not only in parsers that guess.
    quote_record_delimiter: true,
  });
}
