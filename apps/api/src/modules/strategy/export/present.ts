import { AUDIT_CATALOGUE } from '@quento/analyzer';
import {
  capital,
  describeEvidence,
  type Evidence,
  type EvidenceView,
  humanize,
  Priority,
  plainText,
  SCORE_CATEGORIES,
  VERIFICATION_WORDS,
} from '@quento/contracts';
import type { ExportAction, ExportInput } from './types.ts';

/** What every format needs to say the same things in the same words. */

const FAILURE_TITLE = new Map(AUDIT_CATALOGUE.map((e) => [e.id, e.failureTitle]));

/** The name of a check as the owner reads it ("Links do not have descriptive text"). */
export function checkName(auditId: string): string {
  return plainText(FAILURE_TITLE.get(auditId) ?? capital(humanize(auditId)));
}

/** A piece of evidence in the sentences all exports print. */
export function evidenceView(e: Evidence): EvidenceView {
  return describeEvidence(e, checkName(e.audit_id));
}

/** The scores in display order with their names; `null` where a category was not measured. */
export function scoreRows(
  analysis: NonNullable<ExportInput['analysis']>,
): { label: string; value: number | null }[] {
  return SCORE_CATEGORIES.map(({ key, label }) => {
    const v = analysis.scores[key];
    return { label, value: typeof v === 'number' ? Math.round(v) : null };
  });
}

const RANK = (p: string | null) => {
  const i = Priority.options.indexOf(p as Priority);
  return i === -1 ? Priority.options.length : i;
};

/** The open actions to do first: by priority, then the nearest due date, then plan order. */
export function topActions(actions: ExportAction[], n = 3): ExportAction[] {
  return actions
    .map((a, position) => ({ a, position }))
    .filter(({ a }) => a.status === 'pending' || a.status === 'in_progress')
    .sort(
      (x, y) =>
        RANK(x.a.priority) - RANK(y.a.priority) ||
        (x.a.due_date ?? '9999').localeCompare(y.a.due_date ?? '9999') ||
        x.position - y.position,
    )
    .slice(0, n)
    .map(({ a }) => a);
}

/** "Verified", "Flagged", or nothing when a later analysis has not checked it. */
export function verificationWords(a: ExportAction): string | null {
  return a.verification_status === 'unverified' ? null : VERIFICATION_WORDS[a.verification_status];
}

/** The recommendation an action belongs to, by title. */
export function recommendationTitles(input: ExportInput): Map<string, string> {
  return new Map(input.strategy.recommendations.map((r) => [r.id, r.title]));
}
