import { measuredOn, SCORE_LABELS, statusLabel } from './labels.ts';
import type { ExportInput } from './types.ts';

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export function toMarkdown(input: ExportInput): string {
  const { strategy, analysis, actions } = input;
  const out: string[] = [`# ${mdEscape(strategy.title)}`, ''];
  if (input.business_name) out.push(`**Business:** ${mdEscape(input.business_name)}  `);
  if (analysis) out.push(`**Website:** ${analysis.website_url}  `);
  out.push(`**Created:** ${strategy.created_at.slice(0, 10)}`, '');
  if (strategy.summary) out.push(mdEscape(strategy.summary), '');

  if (analysis) {
    out.push('## Scores', '', '| Category | Score |', '| --- | --- |');
    for (const [key, label] of SCORE_LABELS) {
      const v = analysis.scores[key];
      out.push(`| ${label} | ${typeof v === 'number' ? Math.round(v) : 'n/a'} |`);
    }
    out.push('');
  }

  out.push('## Recommendations', '');
  strategy.recommendations.forEach((r, i) => {
    out.push(
      `### ${i + 1}. ${mdEscape(r.title)}`,
      '',
      `*${r.priority} priority · ${r.impact} impact · ${r.effort} effort · ${r.category}${r.source === 'strategic' ? ' · strategic' : ''}*`,
      '',
      mdEscape(r.description),
      '',
      `**Why:** ${mdEscape(r.rationale)}`,
      '',
    );
    if (r.evidence.length > 0) {
      out.push('**Evidence:**', '');
      for (const e of r.evidence) {
        const where =
          e.scope === 'site' ? 'site-wide' : `${e.pages_failing} of ${e.pages_checked} pages`;
        out.push(`- \`${e.audit_id}\`: ${where}`);
        for (const p of e.pages.slice(0, 5)) out.push(`  - ${p}${measuredOn(e.measurements, p)}`);
      }
      out.push('');
    }
  });

  out.push('## Action checklist', '');
  for (const a of actions) {
    const due = a.due_date ? ` (due ${a.due_date})` : '';
    const verified = a.verified ? ' ✔ verified' : '';
    out.push(
      `- [${a.status === 'done' ? 'x' : ' '}] ${mdEscape(a.title)}${due} — ${statusLabel(a.status)}${verified}`,
    );
  }
  out.push('');
  return out.join('\n');
}
