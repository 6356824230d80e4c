/**
 * The advisor's answers from the owner's stored data, without a model. Each names where it comes
 * from (the analysis, the plan, an action) in the sentence itself, and lists those sources.
 */
import {
  type AdviceAction,
  type AdviceRecommendation,
  analysisLabel,
  CATEGORY_LABELS,
  type OwnerFacts,
  SCORE_CATEGORIES,
  type ScoreCategory,
  type ScoreSnapshot,
} from './facts.ts';
import { type AdviceIntent, keywordsOf, mentions } from './intents.ts';

export interface Advice {
  text: string;
  /** What the answer rests on, as the owner would name it. */
  sources: string[];
}

const NO_ANALYSIS =
  'You have no website analysis yet. Open Discover to run one, and I can then tell you what to fix and why.';
const PRIORITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const rank = (p: string | null | undefined) => PRIORITY_RANK[p ?? 'low'] ?? 3;
const planLabel = (f: OwnerFacts) =>
  f.strategyTitle ? `your plan “${f.strategyTitle}”` : 'your plan';
const round = (n: number) => Math.round(n);

function open(actions: AdviceAction[]): AdviceAction[] {
  return actions.filter((a) => a.status === 'pending' || a.status === 'in_progress');
}

function tags(x: { priority?: string | null; effort?: string | null }): string {
  const t = [x.priority && `${x.priority} priority`, x.effort && `${x.effort} effort`].filter(
    Boolean,
  );
  return t.length ? ` (${t.join(', ')})` : '';
}

/** The first sentence of a text, for a short reason after a title. */
function firstSentence(text: string): string {
  const s = text.trim().split(/(?<=[.!?])\s/)[0] ?? '';
  return s.replace(/[.!?]+$/, '');
}

/** "What should I do first": the open actions of the plan by priority, else its recommendations. */
export function answerFirstSteps(f: OwnerFacts): Advice {
  const recs = new Map(f.recommendations.map((r) => [r.id, r]));
  const todo = open(f.actions)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a.priority) - rank(y.a.priority) || x.i - y.i)
    .slice(0, 3)
    .map(({ a }) => a);
  if (todo.length) {
    const lines = todo.map((a, i) => {
      const why = a.recommendationId ? recs.get(a.recommendationId)?.rationale : undefined;
      return `${i + 1}. ${a.title}${tags(a)}${why ? `. Why: ${firstSentence(why)}.` : '.'}`;
    });
    const started = todo.some((a) => a.status === 'in_progress')
      ? 'Finish what you have started before opening new work.'
      : '';
    return {
      text: `Start with these open actions from ${planLabel(f)}, highest priority first:\n${lines.join('\n')}${started ? `\n${started}` : ''}`,
      sources: [planLabel(f), ...todo.map((a) => `action “${a.title}”`)],
    };
  }
  if (f.recommendations.length) {
    const top = f.recommendations.slice(0, 3);
    const doneAll = f.actions.length > 0;
    return {
      text: `${doneAll ? 'Every action in your plan is done or skipped. ' : ''}The top recommendations in ${planLabel(f)}:\n${top
        .map(
          (r, i) =>
            `${i + 1}. ${r.title}${tags(r)}. ${firstSentence(r.rationale || r.description)}.`,
        )
        .join(
          '\n',
        )}${doneAll ? '\nRun a new analysis in Discover to check your fixes and find the next round.' : ''}`,
      sources: [planLabel(f)],
    };
  }
  if (f.latest) {
    const worst = f.losses
      .slice()
      .sort((a, b) => b.points - a.points)
      .slice(0, 3);
    const lines = worst.map(
      (l, i) =>
        `${i + 1}. ${l.title} (costs your ${CATEGORY_LABELS[l.category]} score about ${round(l.points)} points)`,
    );
    return {
      text: `You have no plan yet. From ${analysisLabel(f.latest)}, the problems that cost the most:\n${lines.join('\n') || '(none found)'}\nOpen Plan to turn them into action items.`,
      sources: [analysisLabel(f.latest)],
    };
  }
  return { text: NO_ANALYSIS, sources: [] };
}

function scoreChanges(before: ScoreSnapshot, after: ScoreSnapshot): string[] {
  const out: string[] = [];
  for (const k of ['overall', ...SCORE_CATEGORIES] as const) {
    const a = before.scores[k];
    const b = after.scores[k];
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    const d = b - a;
    const change = d === 0 ? 'no change' : `${d > 0 ? 'up' : 'down'} ${Math.abs(d)}`;
    out.push(`${CATEGORY_LABELS[k]} ${a} → ${b} (${change})`);
  }
  return out;
}

/** "Did my fixes work": verified and flagged actions, and the score changes between analyses. */
export function answerFixesWorked(f: OwnerFacts): Advice {
  if (!f.latest) return { text: NO_ANALYSIS, sources: [] };
  const verified = f.actions.filter((a) => a.verification === 'verified');
  const flagged = f.actions.filter((a) => a.verification === 'flagged');
  const unchecked = f.actions.filter((a) => a.status === 'done' && a.verification === 'unverified');
  const parts: string[] = [];
  const sources: string[] = [analysisLabel(f.latest)];
  if (f.previous) {
    parts.push(
      `Between ${analysisLabel(f.previous)} and ${analysisLabel(f.latest)}: ${scoreChanges(f.previous, f.latest).join(', ')}.`,
    );
    sources.push(analysisLabel(f.previous));
  } else {
    parts.push(
      `So far there is one analysis (${analysisLabel(f.latest)}). Run a new analysis in Discover after your fixes and I can compare the scores.`,
    );
  }
  const list = (xs: AdviceAction[]) => xs.map((a) => `“${a.title}”`).join(', ');
  if (verified.length)
    parts.push(`Confirmed by the latest analysis: ${list(verified)}. Those fixes worked.`);
  if (flagged.length)
    parts.push(
      `Marked done, but the latest analysis still finds the problem: ${list(flagged)}. Have another look at those.`,
    );
  if (unchecked.length)
    parts.push(`Done but not checked yet: ${list(unchecked)}. A new analysis will check them.`);
  if (!f.actions.length) parts.push('You have no action items yet: open Plan to make some.');
  else if (!verified.length && !flagged.length && !unchecked.length)
    parts.push('None of your action items is marked done yet.');
  for (const a of [...verified, ...flagged, ...unchecked]) sources.push(`action “${a.title}”`);
  return { text: parts.join('\n'), sources };
}

function pickCategory(
  f: OwnerFacts,
  intent: Extract<AdviceIntent, { kind: 'score_why' }>,
): ScoreCategory | 'overall' {
  if (intent.category) return intent.category;
  const scores = f.latest?.scores ?? {};
  // "Why is my score 56?": the score that reads 56.
  if (intent.stated !== null) {
    const hit = SCORE_CATEGORIES.find((k) => scores[k] === intent.stated);
    if (hit) return hit;
  }
  return 'overall';
}

/** "Why is my SEO score 56": the failing checks that cost that score the most points. */
export function answerScoreWhy(
  f: OwnerFacts,
  intent: Extract<AdviceIntent, { kind: 'score_why' }>,
): Advice {
  if (!f.latest) return { text: NO_ANALYSIS, sources: [] };
  const category = pickCategory(f, intent);
  const label = analysisLabel(f.latest);
  if (category === 'overall') {
    const ranked = SCORE_CATEGORIES.filter((k) => typeof f.latest?.scores[k] === 'number').sort(
      (a, b) => (f.latest?.scores[a] ?? 0) - (f.latest?.scores[b] ?? 0),
    );
    const weakest = ranked.slice(0, 2);
    const overall = f.latest.scores.overall;
    const head = `Your overall score${typeof overall === 'number' ? ` is ${overall}` : ''} (${label}). It is the weighted mean of the category scores; the weakest: ${weakest
      .map((k) => `${CATEGORY_LABELS[k]} ${f.latest?.scores[k]}`)
      .join(', ')}.`;
    const lines = weakest.flatMap((k) => lossLines(f, k, 2));
    return { text: `${head}\n${lines.join('\n')}`, sources: [label] };
  }
  const score = f.latest.scores[category];
  if (typeof score !== 'number')
    return {
      text: `${label[0]?.toUpperCase()}${label.slice(1)} could not score ${CATEGORY_LABELS[category]}: none of its checks applied to your pages.`,
      sources: [label],
    };
  const mismatch =
    intent.stated !== null && intent.stated !== score ? ` (not ${intent.stated})` : '';
  const lines = lossLines(f, category, 3);
  if (!lines.length)
    return {
      text: `Your ${CATEGORY_LABELS[category]} score is ${score}${mismatch} (${label}), and no check in it fails.`,
      sources: [label],
    };
  return {
    text: `Your ${CATEGORY_LABELS[category]} score is ${score}${mismatch} (${label}). The checks that cost it the most:\n${lines.join('\n')}`,
    sources: [label],
  };
}

function lossLines(f: OwnerFacts, category: ScoreCategory, n: number): string[] {
  return f.losses
    .filter((l) => l.category === category)
    .sort((a, b) => b.points - a.points)
    .slice(0, n)
    .map((l) => {
      const where = l.pages.length
        ? ` on ${l.pages.length} page${l.pages.length === 1 ? '' : 's'}`
        : '';
      const fix = l.fix ? ` Fix: ${firstSentence(l.fix)}.` : '';
      return `- ${l.title}${where}: about ${round(l.points)} of the ${CATEGORY_LABELS[category]} points.${fix}`;
    });
}

/** Recommendations that serve `goal`: tied to it by the plan, or mentioning its words. */
export function recommendationsFor(
  goal: string,
  recommendations: readonly AdviceRecommendation[],
): AdviceRecommendation[] {
  const keys = keywordsOf(goal);
  if (!keys.length) return [];
  return recommendations
    .map((r, i) => {
      const tied = r.goal ? mentions(r.goal, keys) * 3 : 0;
      const said = mentions(
        `${r.title} ${r.description} ${r.rationale} ${r.pages.join(' ')}`,
        keys,
      );
      return { r, i, score: tied + said };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.r);
}

/** "How do I get more catering bookings": the recommendations tied to that goal. */
export function answerGoal(f: OwnerFacts, goal: string): Advice {
  const keys = keywordsOf(goal);
  const stated = f.profile.goals.find((g) => mentions(g, keys) > 0);
  const opening = stated ? `One of your goals is “${stated}”. ` : '';
  if (!f.recommendations.length) {
    return {
      text: `${opening}${f.latest ? 'You have no plan yet: open Plan to build one from your analysis, and I can then say which steps serve this.' : NO_ANALYSIS}`,
      sources: f.latest ? [analysisLabel(f.latest)] : [],
    };
  }
  const matched = recommendationsFor(goal, f.recommendations).slice(0, 3);
  const topic = keys.length ? goal.replace(/^(?:more|new|extra)\s+/i, '') : 'that';
  if (matched.length) {
    return {
      text: `${opening}These steps in ${planLabel(f)} serve it:\n${matched
        .map(
          (r, i) =>
            `${i + 1}. ${r.title}${tags(r)}. ${firstSentence(r.rationale || r.description)}.`,
        )
        .join('\n')}`,
      sources: [planLabel(f), ...matched.map((r) => `recommendation “${r.title}”`)],
    };
  }
  const general = f.recommendations
    .filter((r) => ['conversion', 'local', 'content'].includes(r.category))
    .slice(0, 2);
  const fallback = general.length
    ? `\nThe steps in ${planLabel(f)} that bring in enquiries in general:\n${general
        .map((r, i) => `${i + 1}. ${r.title}${tags(r)}.`)
        .join('\n')}`
    : '';
  return {
    text: `${opening}None of the recommendations in ${planLabel(f)} is about ${topic} yet. Start with a page for it that says what you offer, for whom and how to book, linked from your home page; then run a new analysis so the plan takes it in.${fallback}`,
    sources: [planLabel(f), ...general.map((r) => `recommendation “${r.title}”`)],
  };
}

/** The answer to a recognised advisor question. */
export function answerIntent(intent: AdviceIntent, facts: OwnerFacts): Advice {
  switch (intent.kind) {
    case 'first_steps':
      return answerFirstSteps(facts);
    case 'fixes_worked':
      return answerFixesWorked(facts);
    case 'score_why':
      return answerScoreWhy(facts, intent);
    case 'goal':
      return answerGoal(facts, intent.goal);
  }
}

/** What the advisor can answer, with the owner's own goal as the example where there is one. */
export function adviceHelp(facts: Pick<OwnerFacts, 'profile'> | null | undefined): string {
  const goal = facts?.profile.goals[0]?.replace(/^(?:get|win|attract)\s+/i, '');
  const goalQuestion = goal
    ? `“How do I get ${/^more\b/i.test(goal) ? '' : 'more '}${goal}?”`
    : '“How do I get more bookings?”';
  return `I can answer from your own analyses, plan and action items. Try: “What should I do first?”, “Did my fixes work?”, “Why is my SEO score low?” or ${goalQuestion}. I can also tell you your scores, top findings and how many actions are left.`;
}
