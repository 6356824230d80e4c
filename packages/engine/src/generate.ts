import type { ReportLike } from '@quento/analyzer/catalogue';
import { collectFindings } from '@quento/analyzer/catalogue';
import {
  evidenceOf,
  type Finding,
  type Level,
  type PlannedAction,
  type Recommendation,
} from '@quento/contracts';
import { displayHost } from '@quento/url';
import { EXTERNAL_CHECKS, externalFindings, isExternalCheck } from './external.ts';
import {
  type BusinessContext,
  goalCategories,
  isContactPage,
  isHome,
  pagesByGoal,
} from './goals.ts';
import {
  capUrgent,
  levelWeight,
  PRIORITY_RANK,
  pageImportance,
  priorityBand,
  priorityScore,
} from './priority.ts';
import { type AuditTemplate, GROUPS, type GroupId, templateOf } from './templates.ts';

/** Pages per action item: a task an owner can finish in one sitting. */
const PAGES_PER_ACTION = 10;

export interface EngineStrategy {
  title: string;
  summary: string;
  /** The owner's goals the plan serves, as the owner put them. */
  goals: string[];
  /** The summary's first sentence: the business and its goals (kept when a model rewrites the rest). */
  opening: string;
  recommendations: Recommendation[];
  actions: PlannedAction[];
}

function adviceOf(auditId: string): AuditTemplate | undefined {
  return isExternalCheck(auditId) ? EXTERNAL_CHECKS[auditId].advice : templateOf(auditId);
}

function maxLevel(levels: Level[]): Level {
  return levels.reduce((a, b) => (levelWeight(b) > levelWeight(a) ? b : a), 'low');
}

function minLevel(levels: Level[]): Level {
  return levels.reduce((a, b) => (levelWeight(b) < levelWeight(a) ? b : a), 'high');
}

function describeFinding(f: Finding): string {
  const why = adviceOf(f.audit_id)?.why ?? '';
  const pages = f.pages_checked === 1 ? 'page' : 'pages';
  const where =
    f.scope === 'site'
      ? `${f.title}: the site-wide check failed.`
      : `${f.title}: fails on ${f.pages_failing} of ${f.pages_checked} ${pages} checked.`;
  return `${where} ${why}`.trim();
}

function chunk<T>(list: T[], size: number): T[][] {
  if (list.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** How the site's pages weigh: importance by page, and which goals each page is tied to. */
function siteMap(report: ReportLike, goals: readonly string[]) {
  const byGoal = pagesByGoal(report.pages, goals);
  const importance = new Map(
    report.pages.map((p) => [
      p.url,
      pageImportance({
        home: isHome(p.url),
        goal: byGoal.has(p.url),
        contact: isContactPage(p.url),
      }),
    ]),
  );
  const total = [...importance.values()].reduce((a, b) => a + b, 0);
  /** Share of the site a finding touches, weighted by page importance; site-wide checks reach all. */
  const reachOf = (f: Finding) => {
    if (f.scope === 'site' || total === 0) return 1;
    return f.pages.reduce((s, url) => s + (importance.get(url) ?? 1), 0) / total;
  };
  return { byGoal, reachOf };
}

/** The goal a recommendation serves, and how that was found. */
function goalFor(
  findings: Finding[],
  category: Recommendation['category'],
  goals: readonly string[],
  byGoal: Map<string, Set<string>>,
): Pick<Recommendation, 'goal' | 'goal_match'> {
  if (goals.length === 0) return { goal: null };
  const hits = new Map<string, number>();
  for (const f of findings) {
    for (const url of f.pages)
      for (const g of byGoal.get(url) ?? []) hits.set(g, (hits.get(g) ?? 0) + 1);
  }
  const onPage = goals.filter((g) => hits.has(g)).sort((a, b) => hits.get(b)! - hits.get(a)!)[0];
  if (onPage) return { goal: onPage, goal_match: 'page' };
  const byTopic = goals.find((g) => goalCategories(g).includes(category));
  if (byTopic) return { goal: byTopic, goal_match: 'topic' };
  // Nothing ties it to one goal: being found and trusted serves the owner's first goal.
  return { goal: goals[0]!, goal_match: 'general' };
}

/**
 * Turns every finding of an analysis (and its PageSpeed and Moz data) into recommendations and
 * action items, for the business and goals given. Deterministic: the same report and goals
 * always give the same strategy, so a model can only reword or reorder it.
 *
 * Priority: impact x reach / effort (priority.ts), where reach weighs pages tied to a goal, the
 * home page and contact pages above others; `critical` only for what blocks indexing or contact;
 * at most a third of the plan high or critical.
 */
export function generateStrategy(
  report: ReportLike,
  business: BusinessContext = {},
): EngineStrategy {
  const goals = [...new Set((business.goals ?? []).map((g) => g.trim()).filter(Boolean))];
  const findings = [...collectFindings(report), ...externalFindings(report)].filter((f) =>
    adviceOf(f.audit_id),
  );
  const { byGoal, reachOf } = siteMap(report, goals);

  const groups = new Map<GroupId, Finding[]>();
  for (const f of findings) {
    const group = adviceOf(f.audit_id)!.group;
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }

  const ranked: { rec: Recommendation; weight: number; findings: Finding[] }[] = [];
  for (const [group, list] of groups) {
    const templates = list.map((f) => adviceOf(f.audit_id)!);
    const impact = maxLevel(templates.map((t) => t.impact));
    const effort = minLevel(templates.map((t) => t.effort));
    // The group's category is the one of its most impactful audit.
    const lead = templates.reduce((a, b) =>
      levelWeight(b.impact) > levelWeight(a.impact) ? b : a,
    );
    const reach = Math.max(...list.map(reachOf));
    const score = Math.round(priorityScore(impact, reach, effort) * 1000) / 1000;
    const blocks = templates.some((t) => t.blocks);
    const served = goalFor(list, lead.category, goals, byGoal);
    const g = GROUPS[group];
    const rationale = list.map(describeFinding).join(' ');
    const rec: Recommendation = {
      id: `rec-${group}`,
      title: g.title,
      description: g.description,
      category: lead.category,
      impact,
      effort,
      priority: priorityBand(score, blocks),
      rationale:
        served.goal_match === 'page'
          ? `${rationale} It affects pages tied to your goal “${served.goal}”.`
          : rationale,
      source: 'audit',
      evidence: list.map(evidenceOf),
      ...served,
      score,
      reach: Math.round(reach * 1000) / 1000,
    };
    ranked.push({ rec, weight: list.reduce((s, f) => s + (1 - f.score), 0), findings: list });
  }
  ranked.sort(
    (a, b) =>
      PRIORITY_RANK[a.rec.priority] - PRIORITY_RANK[b.rec.priority] ||
      b.rec.score! - a.rec.score! ||
      b.weight - a.weight ||
      a.rec.id.localeCompare(b.rec.id),
  );
  const capped = capUrgent(ranked.map((r) => r.rec));
  ranked.forEach((r, i) => {
    r.rec = capped[i]!;
  });

  const actions: PlannedAction[] = [];
  for (const { rec, findings: list } of ranked) {
    for (const f of list) {
      const t = adviceOf(f.audit_id)!;
      const batches = f.scope === 'site' ? [f.pages] : chunk(f.pages, PAGES_PER_ACTION);
      batches.forEach((pages, i) => {
        const text = t.action(f.scope === 'site' ? f.pages.length : pages.length);
        const part = batches.length > 1 ? ` (part ${i + 1} of ${batches.length})` : '';
        const list = pages.length > 0 ? `\n\nPages:\n${pages.map((p) => `- ${p}`).join('\n')}` : '';
        actions.push({
          title: `${text.title}${part}`,
          description: `${text.description}${list}`,
          category: t.category,
          impact: t.impact,
          effort: t.effort,
          // An action is as urgent as the recommendation it serves.
          priority: rec.priority,
          recommendation_id: rec.id,
          verification: { audit_id: f.audit_id, scope: f.scope, pages },
        });
      });
    }
  }

  const recommendations = ranked.map((r) => r.rec);
  const host = displayHost(report.url);
  const name = business.name?.trim() || host;
  const opening =
    goals.length > 0
      ? `This plan for ${name} serves your goals: ${listWords(goals.map((g) => `“${g}”`))}.`
      : `This plan for ${name} works on what the analysis found.`;
  const urgent = recommendations.filter((r) => r.priority === 'critical' || r.priority === 'high');
  const body =
    recommendations.length === 0
      ? `The analysis of ${host} found nothing to fix in ${report.pages.length} pages. Keep publishing and re-analyse after changes.`
      : `The analysis of ${host} (${report.pages.length} pages) found ${findings.length} problems, grouped into ${recommendations.length} recommendations; ${urgent.length} ${urgent.length === 1 ? 'is' : 'are'} high priority. Start with: ${recommendations
          .slice(0, 3)
          .map((r) => r.title.toLowerCase())
          .join('; ')}.`;
  return {
    title: `Growth plan for ${name}`,
    summary: `${opening} ${body}`,
    goals,
    opening,
    recommendations,
    actions,
  };
}
