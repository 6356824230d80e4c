import { categoryWords, levelsLine, statusWords } from '@quento/contracts';
import { evidenceView, scoreRows, topActions, verificationWords } from './present.ts';
import type { ExportAction, ExportInput } from './types.ts';

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Escaped text, except that engine text's `code` spans stay code spans. */
function mdText(s: string): string {
  return s
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : mdEscape(part)))
    .join('');
}

/** "High priority · Big impact · Little effort · due 2026-12-01 · In progress" */
function actionLine(a: ExportAction): string {
  return [levelsLine(a), a.due_date ? `due ${a.due_date}` : null, statusWords(a.status)]
    .filter(Boolean)
    .join(' · ');
}

/** Notes keep their line breaks, indented under their item. */
function notesLines(notes: string | null, indent: string): string[] {
  if (!notes?.trim()) return [];
  const [first, ...rest] = notes.trim().split(/\r?\n/);
  return [
    `${indent}*Notes:* ${mdEscape(first ?? '')}`,
    ...rest.map((l) => `${indent}${mdEscape(l)}`),
  ].map((l) => `${l}  `);
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
    for (const { label, value } of scoreRows(analysis))
      out.push(`| ${label} | ${value ?? 'not measured'} |`);
    out.push('');
  }

  const top = topActions(actions);
  if (top.length) {
    out.push('## Start here', '');
    top.forEach((a, i) => {
      out.push(`${i + 1}. **${mdEscape(a.title)}**  `, `   ${actionLine(a)}  `);
      out.push(...notesLines(a.notes, '   '));
    });
    out.push('');
  }

  out.push('## Recommendations', '');
  strategy.recommendations.forEach((r, i) => {
    const source = r.source === 'strategic' ? ' · from the advisor' : '';
    out.push(
      `### ${i + 1}. ${mdEscape(r.title)}`,
      '',
      `*${levelsLine(r)} · ${categoryWords(r.category)}${source}*`,
      '',
      mdText(r.description),
      '',
      `**Why:** ${mdText(r.rationale)}`,
      '',
    );
    if (r.evidence.length > 0) {
      out.push('**Evidence:**', '');
      for (const e of r.evidence) {
        const view = evidenceView(e);
        out.push(`- **${mdEscape(view.check)}.** ${view.where}`);
        for (const fact of view.facts.slice(0, 6)) out.push(`  - ${mdEscape(fact)}`);
        if (e.pages.length)
          out.push(
            `  - Pages: ${e.pages.slice(0, 5).join(', ')}${e.pages.length > 5 ? ', …' : ''}`,
          );
      }
      out.push('');
    }
  });

  out.push('## Action checklist', '');
  for (const a of actions) {
    const checked = verificationWords(a);
    out.push(
      `- [${a.status === 'done' ? 'x' : ' '}] ${mdEscape(a.title)} — ${actionLine(a)}${checked ? ` · ${checked}` : ''}  `,
    );
    out.push(...notesLines(a.notes, '  '));
  }
  out.push('');
  return out.join('\n');
}
