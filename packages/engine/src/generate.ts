import {
  evidenceOf,
  type Finding,
  type Level,
  type PlannedAction,
  type Recommendation,
} from '@quento/contracts';
import { displayHost } from '@quento/url';
import { collectFindings } from './findings.ts';
import { levelWeight, PRIORITY_RANK, priorityOf } from './priority.ts';
import type { ReportLike } from './report.ts';
import { GROUPS, type GroupId, templateOf } from './templates.ts';

/** Pages per action item: a task an owner can finish in one sitting. */
const PAGES_PER_ACTION = 10;

export interface EngineStrategy {
  title: string;
  summary: string;
  recommendations: Recommendation[];
  actions: PlannedAction[];
}

function maxLevel(levels: Level[]): Level {
  return levels.reduce((a, b) => (levelWeight(b) > levelWeight(a) ? b : a), 'low');
}

function minLevel(levels: Level[]): Level {
  return levels.reduce((a, b) => (levelWeight(b) < levelWeight(a) ? b : a), 'high');
}

function describeFinding(f: Finding): string {
  const why = templateOf(f.audit_id)?.why ?? '';
  const name = f.title;
  const pages = f.pages_checked === 1 ? 'page' : 'pages';
  const where =
    f.scope === 'site'
      ? `${name}: the site-wide check failed.`
      : `${name}: fails on ${f.pages_failing} of ${f.pages_checked} ${pages} checked.`;
  return `${where} ${why}`.trim();
}

function chunk<T>(list: T[], size: number): T[][] {
  if (list.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Turns every finding of an analysis into recommendations and action items. Deterministic: the
 * same report always gives the same strategy, so a model can only reword or reorder it.
 */
export function generateStrategy(report: ReportLike): EngineStrategy {
  const findings = collectFindings(report).filter((f) => templateOf(f.audit_id));
  const groups = new Map<GroupId, Finding[]>();
  for (const f of findings) {
    const group = templateOf(f.audit_id)!.group;
    groups.set(group, [...(groups.get(group) ?? []), f]);
  }

  const ranked: { rec: Recommendation; weight: number; findings: Finding[] }[] = [];
  for (const [group, list] of groups) {
    const templates = list.map((f) => templateOf(f.audit_id)!);
    const impact = maxLevel(templates.map((t) => t.impact));
    const effort = minLevel(templates.map((t) => t.effort));
    // The group's category is the one of its most impactful audit.
    const lead = templates.reduce((a, b) =>
      levelWeight(b.impact) > levelWeight(a.impact) ? b : a,
    );
    const g = GROUPS[group];
    const rec: Recommendation = {
      id: `rec-${group}`,
      title: g.title,
      description: g.description,
      category: lead.category,
      impact,
      effort,
      priority: priorityOf(impact, effort),
      rationale: list.map(describeFinding).join(' '),
      source: 'audit',
      evidence: list.map(evidenceOf),
    };
    ranked.push({ rec, weight: list.reduce((s, f) => s + (1 - f.score), 0), findings: list });
  }
  ranked.sort(
    (a, b) =>
      PRIORITY_RANK[a.rec.priority] - PRIORITY_RANK[b.rec.priority] ||
      levelWeight(b.rec.impact) - levelWeight(a.rec.impact) ||
      b.weight - a.weight ||
      a.rec.id.localeCompare(b.rec.id),
  );

  const actions: PlannedAction[] = [];
  for (const { rec, findings: list } of ranked) {
    for (const f of list) {
      const t = templateOf(f.audit_id)!;
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
          priority: priorityOf(t.impact, t.effort),
          recommendation_id: rec.id,
          verification: { audit_id: f.audit_id, scope: f.scope, pages },
        });
      });
    }
  }

  const recommendations = ranked.map((r) => r.rec);
  const host = displayHost(report.url);
  const urgent = recommendations.filter((r) => r.priority === 'critical' || r.priority === 'high');
  const summary =
    recommendations.length === 0
      ? `The analysis of ${host} found nothing to fix in ${report.pages.length} pages. Keep publishing and re-analyse after changes.`
      : `The analysis of ${host} (${report.pages.length} pages) found ${findings.length} problems, grouped into ${recommendations.length} recommendations; ${urgent.length} are high priority. Start with: ${recommendations
          .slice(0, 3)
          .map((r) => r.title.toLowerCase())
          .join('; ')}.`;
  return { title: `Growth plan for ${host}`, summary, recommendations, actions };
}
