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
