/** The advisor's read-only tools over the owner's facts, each saying where its data comes from. */
import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import { z } from 'zod';
import { recommendationsFor } from '../../../advice/answers.ts';
import {
  analysisLabel,
  CATEGORY_LABELS,
  type OwnerFacts,
  SCORE_CATEGORIES,
} from '../../../advice/facts.ts';

/** The names the answers are cited by, gathered as the tools hand them out. */
export class Citations {
  readonly sources = new Set<string>();
  add(...labels: string[]): void {
    for (const l of labels) if (l) this.sources.add(l);
  }
}

const json = (v: unknown) => JSON.stringify(v, null, 1);
const planOf = (f: OwnerFacts) =>
  f.strategyTitle ? `your plan “${f.strategyTitle}”` : 'your plan';

export function buildAdvisorTools(facts: OwnerFacts, cite: Citations): StructuredToolInterface[] {
  const getScores = tool(
    async () => {
      if (!facts.latest) return 'No analysis has completed yet: the owner can run one in Discover.';
      const latest = analysisLabel(facts.latest);
      const previous = facts.previous ? analysisLabel(facts.previous) : null;
      cite.add(latest, previous ?? '');
      const label = (k: string) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? k;
      const named = (s: Record<string, number | null | undefined>) =>
        Object.fromEntries(Object.entries(s).map(([k, v]) => [label(k), v ?? null]));
      return json({
        source: latest,
        scores: named(facts.latest.scores),
        ...(facts.previous && previous
          ? { previous: { source: previous, scores: named(facts.previous.scores) } }
          : { previous: 'none: this is the first analysis' }),
      });
    },
    {
      name: 'get_scores',
      description:
        "The owner's latest analysis scores (0-100) and the previous analysis's, to compare.",
      schema: z.object({}),
    },
  );

  const explainScore = tool(
    async ({ category }) => {
      if (!facts.latest) return 'No analysis has completed yet.';
      const source = analysisLabel(facts.latest);
      cite.add(source);
      const losses = facts.losses
        .filter((l) => l.category === category)
        .sort((a, b) => b.points - a.points)
        .slice(0, 5)
        .map((l) => ({
          check: l.title,
          points_lost: Math.round(l.points),
          pages: l.pages.length,
          fix: l.fix,
        }));
      return json({
        source,
        score: facts.latest.scores[category] ?? null,
        score_name: CATEGORY_LABELS[category],
        costliest_failing_checks: losses,
      });
    },
    {
      name: 'explain_score',
      description:
        'Why a score is what it is: the failing checks that cost it the most points, with fixes.',
      schema: z.object({ category: z.enum(SCORE_CATEGORIES) }),
    },
  );

  const listRecommendations = tool(
    async ({ about }) => {
      if (!facts.recommendations.length)
        return 'The owner has no plan yet: Plan builds one from an analysis.';
      const source = planOf(facts);
      const list = about ? recommendationsFor(about, facts.recommendations) : facts.recommendations;
      const shown = list.slice(0, 6);
      cite.add(source, ...shown.map((r) => `recommendation “${r.title}”`));
      return json({
        source,
        ...(about ? { about, matching: list.length } : {}),
        recommendations: shown.map((r) => ({
          title: r.title,
          why: r.rationale,
          what: r.description,
          priority: r.priority,
          impact: r.impact,
          effort: r.effort,
          ...(r.goal ? { serves_goal: r.goal } : {}),
        })),
      });
    },
    {
      name: 'list_recommendations',
      description:
        "The owner's plan, highest priority first; with `about` (a goal or topic such as 'catering bookings'), only the recommendations that serve it.",
      schema: z.object({ about: z.string().max(200).optional() }),
    },
  );

  const listActions = tool(
    async () => {
      if (!facts.actions.length) return 'The owner has no action items yet.';
      const source = planOf(facts);
      cite.add(source, ...facts.actions.map((a) => `action “${a.title}”`));
      return json({
        source,
        actions: facts.actions.map((a) => ({
          title: a.title,
          status: a.status.replace('_', ' '),
          checked_by_latest_analysis:
            a.verification === 'verified'
              ? 'fixed (verified)'
              : a.verification === 'flagged'
                ? 'marked done but the problem is still there (flagged)'
                : 'not checked yet',
          priority: a.priority,
        })),
      });
    },
    {
      name: 'list_actions',
      description:
        "The owner's action items: status, and whether a later analysis verified the fix or flagged it.",
      schema: z.object({}),
    },
  );

  return [getScores, explainScore, listRecommendations, listActions];
}
