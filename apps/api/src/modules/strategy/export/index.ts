import { toCsv } from './csv.ts';
import { toIcs } from './ics.ts';
import { toMarkdown } from './markdown.ts';
import type { ExportFile, ExportFormat, ExportInput } from './types.ts';

export type { ExportAction, ExportFile, ExportFormat, ExportInput } from './types.ts';

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'strategy'
  );
}

/** Renders a strategy export; the file name is ASCII so it is safe in Content-Disposition. */
export async function renderExport(format: ExportFormat, input: ExportInput): Promise<ExportFile> {
  const base = slug(input.strategy.title);
  switch (format) {
    case 'pdf': {
      // pdfkit and its fonts load on the first PDF, not at start: most processes never make one.
      const { toPdf } = await import('./pdf.ts');
      return { content_type: 'application/pdf', filename: `${base}.pdf`, body: await toPdf(input) };
    }
    case 'markdown':
      return {
        content_type: 'text/markdown; charset=utf-8',
        filename: `${base}.md`,
        body: Buffer.from(toMarkdown(input)),
      };
    case 'csv':
      return {
        content_type: 'text/csv; charset=utf-8',
        filename: `${base}-actions.csv`,
        body: Buffer.from(toCsv(input)),
      };
    case 'ics':
      return {
        content_type: 'text/calendar; charset=utf-8',
        filename: `${base}-actions.ics`,
        body: Buffer.from(toIcs(input)),
      };
  }
}
