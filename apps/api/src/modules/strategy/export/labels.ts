export const SCORE_LABELS: [string, string][] = [
  ['overall', 'Overall'],
  ['seo', 'SEO'],
  ['content', 'Content'],
  ['performance', 'Performance'],
  ['social', 'Social'],
  ['technical', 'Technical'],
];

const STATUS: Record<string, string> = {
  pending: 'to do',
  in_progress: 'in progress',
  done: 'done',
  skipped: 'skipped',
};

export function statusLabel(status: string): string {
  return STATUS[status] ?? status;
}

/** What was measured on a page, for a line of evidence: "words 80, threshold 200". */
export function measuredOn(measurements: Record<string, unknown>[], page: string): string {
  const m = measurements.find((x) => x.page === page);
  if (!m) return '';
  const parts = Object.entries(m)
    .filter(
      ([k, v]) =>
        k !== 'page' && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'),
    )
    .slice(0, 4)
    .map(([k, v]) => `${k} ${v}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
