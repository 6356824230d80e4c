import {
  type AnalysisReport,
  AUDIT_CATALOGUE,
  type AuditResult,
  computeScores,
  siteAuditScores,
} from '@quento/analyzer';
import type { BusinessProfile } from '@quento/contracts';
import { siteKey } from '@quento/url';
import type { Database } from '../../src/db/client.ts';
import { actionItems, analyses, strategies } from '../../src/db/schema.ts';
import { buildSummary } from '../../src/modules/analysis/analysis.summary.ts';
import { profileToChanges } from '../../src/modules/profile/profile.mapper.ts';
import type { ProfileRepository } from '../../src/modules/profile/profile.repository.ts';

/** A strategy with one action item for a user, written straight to the database. */
export async function seedPlan(
  db: Database,
  userId: string,
  titles: { strategy?: string; action?: string } = {},
): Promise<{ strategyId: string; actionId: string }> {
  const [strategy] = await db
    .insert(strategies)
    .values({ userId, title: titles.strategy ?? 'Plan' })
    .returning();
  const [action] = await db
    .insert(actionItems)
    .values({ strategyId: strategy!.id, title: titles.action ?? 'Do it' })
    .returning();
  return { strategyId: strategy!.id, actionId: action!.id };
}

/** An analysis as a transcript states it: audit scores per page path (page audits) or one score (site audits). */
export type SeedAudits = Record<string, number | Record<string, number>>;

export interface AdvisorScenario {
  profile: BusinessProfile;
  analyses: Array<{ daysAgo: number; audits: SeedAudits }>;
  strategy?: {
    title: string;
    recommendations: Array<Record<string, unknown> & { id: string; pages: string[] }>;
    actions: Array<{
      title: string;
      recommendation_id: string | null;
      priority: string;
      effort: string;
      status: string;
      verification: string;
    }>;
  };
}

/** A report in the analyzer's shape, with scores computed the analyzer's way. */
export function seedReport(siteUrl: string, audits: SeedAudits): AnalysisReport {
  const catalogue = new Map<string, (typeof AUDIT_CATALOGUE)[number]>(
    AUDIT_CATALOGUE.map((e) => [e.id, e]),
  );
  const result = (id: string, score: number): AuditResult => ({
    id,
    title: catalogue.get(id)?.failureTitle ?? id,
    score,
    items: [],
    explanation: '',
    fixHint: catalogue.get(id)?.fixHint ?? '',
  });
  const paths = [
    ...new Set(Object.values(audits).flatMap((a) => (typeof a === 'number' ? [] : Object.keys(a)))),
  ];
  const pages = paths.map((path) => ({
    url: new URL(path, siteUrl).toString(),
    audits: Object.fromEntries(
      Object.entries(audits).flatMap(([id, a]) =>
        typeof a === 'number' || a[path] === undefined ? [] : [[id, result(id, a[path])]],
      ),
    ),
  }));
  const site = Object.fromEntries(
    Object.entries(audits).flatMap(([id, a]) =>
      typeof a === 'number' ? [[id, result(id, a)]] : [],
    ),
  );
  const auditScores = siteAuditScores(pages, site);
  const now = new Date().toISOString();
  return {
    url: siteUrl,
    finalUrl: siteUrl,
    startedAt: now,
    finishedAt: now,
    mode: 'static',
    pages: pages as unknown as AnalysisReport['pages'],
    site: { audits: site, skipped: [], blockedRequests: [] },
    auditScores: Object.fromEntries(auditScores),
    scores: computeScores(auditScores),
  };
}

/**
 * A user's story, analyses (oldest first, each the previous one's re-analysis), plan and actions,
 * written straight to the database. Returns each analysis's scores, oldest first.
 */
export async function seedAdvisorScenario(
  db: Database,
  profiles: ProfileRepository,
  userId: string,
  scenario: AdvisorScenario,
): Promise<Array<Record<string, number | null>>> {
  await profiles.saveFromAdvisor(userId, profileToChanges(scenario.profile));
  const site = scenario.profile.website_url ?? 'https://example.com';
  const scores: Array<Record<string, number | null>> = [];
  let previous: string | null = null;
  let latest: string | null = null;
  for (const a of scenario.analyses) {
    const report = seedReport(site, a.audits);
    const when = new Date(Date.now() - a.daysAgo * 86_400_000);
    const [row]: Array<{ id: string }> = await db
      .insert(analyses)
      .values({
        userId,
        websiteUrl: site,
        siteKey: siteKey(site),
        status: 'completed',
        progress: 100,
        results: report as unknown as Record<string, unknown>,
        summary: buildSummary(report, [], []) as unknown as Record<string, unknown>,
        createdAt: when,
        startedAt: when,
        completedAt: when,
        previousAnalysisId: previous,
      })
      .returning();
    previous = row!.id;
    latest = row!.id;
    scores.push(report.scores);
  }
  const plan = scenario.strategy;
  if (plan) {
    const recommendations = plan.recommendations.map(({ pages, ...r }) => ({
      ...r,
      source: 'audit',
      evidence: [
        {
          audit_id: 'seeded',
          scope: 'page',
          pages,
          pages_checked: 1,
          pages_failing: 1,
          items: [],
          values: {},
          measurements: [],
        },
      ],
    }));
    const [strategy] = await db
      .insert(strategies)
      .values({ userId, analysisId: latest, title: plan.title, recommendations })
      .returning();
    await db.insert(actionItems).values(
      plan.actions.map((a, position) => ({
        strategyId: strategy!.id,
        title: a.title,
        recommendationId: a.recommendation_id,
        priority: a.priority,
        effort: a.effort,
        status: a.status,
        verificationStatus: a.verification,
        position,
      })),
    );
  }
  return scores;
}
