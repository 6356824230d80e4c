import type { ExportInput } from './types.ts';

const COLUMNS = [
  'id',
  'title',
  'category',
  'priority',
  'impact',
  'effort',
  'status',
  'due_date',
  'completed_at',
  'recommendation',
  'verification_audit',
  'verification_pages',
] as const;

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | null | undefined): string {
  let s = value ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(input: ExportInput): string {
  const titles = new Map(input.strategy.recommendations.map((r) => [r.id, r.title]));
  const rows = input.actions.map((a) =>
    [
      a.id,
      a.title,
      a.category,
      a.priority,
      a.impact,
      a.effort,
      a.status,
      a.due_date,
      a.completed_at,
      a.recommendation_id ? (titles.get(a.recommendation_id) ?? a.recommendation_id) : '',
      a.verification?.audit_id ?? '',
      a.verification?.pages.join(' ') ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
