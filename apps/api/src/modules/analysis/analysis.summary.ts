import type { AnalysisReport } from '@quento/analyzer';
import type { AnalysisSummary, CompetitorComparison, Scores } from '@quento/contracts';
import { blendScores, collectFindings } from '@quento/engine';
import type { ExternalSeoResult } from './providers/index.ts';

export const SCORE_KEYS = [
  'overall',
  'seo',
  'content',
  'performance',
  'social',
  'technical',
] as const;

const TOP_FINDINGS = 5;
const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;

export interface CompetitorRun {
  url: string;
  report: AnalysisReport | null;
  error: string | null;
}

/**
 * The scores of a report, with its PageSpeed and Moz figures blended in when it has them
 * (the engine's blendScores).
 */
export function scoresOf(
  report:
    | {
        scores?: Partial<Record<string, number | null>>;
        external?: { provider: string; metrics: Record<string, unknown> }[];
      }
    | null
    | undefined,
): Scores {
  const s: Partial<Record<string, number | null>> = blendScores(
    report?.scores ?? {},
    report?.external,
  );
  return Object.fromEntries(
    SCORE_KEYS.map((k) => [k, typeof s[k] === 'number' ? s[k] : null]),
  ) as Scores;
}

/** a - b per category; null where either side has no score. */
export function scoreDeltas(a: Scores, b: Scores): Record<string, number | null> {
  return Object.fromEntries(
    SCORE_KEYS.map((k) => {
      const x = a[k];
      const y = b[k];
      return [k, x === null || y === null ? null : Math.round((x - y) * 10) / 10];
    }),
  );
}

function failing(report: AnalysisReport): Set<string> {
  return new Set(collectFindings(report).map((f) => f.audit_id));
}

/** Where a competitor stands against us, score by score and audit by audit. */
export function compareCompetitor(ours: AnalysisReport, run: CompetitorRun): CompetitorComparison {
  if (!run.report) {
    return {
      url: run.url,
      status: 'failed',
      error: run.error,
      scores: null,
      deltas: {},
      better_at: [],
      audits_they_pass: [],
    };
  }
  const mine = scoresOf(ours);
  const theirs = scoresOf(run.report);
  const deltas = scoreDeltas(theirs, mine);
  const weFail = failing(ours);
  const theyFail = failing(run.report);
  const theyRan = new Set(
    Object.entries(run.report.auditScores)
      .filter(([, v]) => v !== null)
      .map(([k]) => k),
  );
  return {
    url: run.url,
    status: 'completed',
    error: null,
    scores: theirs,
    deltas,
    better_at: SCORE_KEYS.filter((k) => k !== 'overall' && (deltas[k] ?? 0) > 0),
    audits_they_pass: [...weFail].filter((id) => theyRan.has(id) && !theyFail.has(id)).sort(),
  };
}

/** The compact view stored beside the full report: scores, counts by severity, top findings. */
export function buildSummary(
  report: AnalysisReport,
  competitors: CompetitorComparison[],
  external: ExternalSeoResult[],
): AnalysisSummary {
  const findings = collectFindings(report).map((f) => ({
    audit_id: f.audit_id,
    title: f.title,
    severity: f.severity,
    pages: f.pages.length,
    score: Math.round(f.score * 100) / 100,
  }));
  const counts = { high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const top = [...findings]
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.score - b.score ||
        b.pages - a.pages,
    )
    .slice(0, TOP_FINDINGS);
  return {
    scores: scoresOf({ scores: report.scores, external }),
    pages_analyzed: report.pages.length,
    findings: counts,
    top_findings: top,
    competitors,
    external: external.map((e) => ({ provider: e.provider, metrics: e.metrics })),
  };
}
