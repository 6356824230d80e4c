import type {
  ActionItem,
  Dashboard,
  PriorityMatrix,
  Strategy,
  StrategyExport,
  StrategySummary,
  UpdateActionsRequest,
} from '@quento/contracts';
import { generateStrategy, PRIORITY_RANK, quadrantOf } from '@quento/engine';
import type { FastifyBaseLogger } from 'fastify';
import { tailorStrategy } from '../../ai/chains/strategy/index.ts';
import type { ModelGateway } from '../../ai/models.ts';
import { AppError, errors } from '../../lib/errors.ts';
import type { AnalysisRepository } from '../analysis/analysis.repository.ts';
import { SCORE_KEYS } from '../analysis/analysis.summary.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';
import type { UsageService } from '../usage/usage.service.ts';
import type { ProgressService } from '../users/progress.service.ts';
import { type ExportFormat, renderExport } from './export/index.ts';
import type { ExportStore } from './strategy.exports.ts';
import { recommendationsOf, toActionDto, toStrategySummaryDto } from './strategy.mapper.ts';
import type { StrategyRepository } from './strategy.repository.ts';

export interface StrategyServiceDeps {
  /** Exports are stored and handed out as links there. */
  exports: ExportStore;
  repo: StrategyRepository;
  analyses: AnalysisRepository;
  profiles: ProfileRepository;
  gateway: ModelGateway | null;
  /** The daily token cap is checked and tailoring's tokens recorded here. */
  usage: UsageService;
  progress: ProgressService;
  log: FastifyBaseLogger;
}

const NEXT_BEST = 5;

/** Plan and Execute: strategies from analyses, action tracking, exports and the dashboard. */
export class StrategyService {
  constructor(private readonly deps: StrategyServiceDeps) {}

  async generate(userId: string, analysisId: string): Promise<Strategy> {
    const analysis = await this.deps.analyses.findForUser(analysisId, userId);
    if (!analysis) throw errors.notFound('Analysis');
    if (analysis.status !== 'completed' || !analysis.results) {
      throw new AppError('ANALYSIS_NOT_COMPLETED', 'The analysis has not completed yet');
    }
    const profile = await this.deps.profiles.get(userId);
    // The plan is the business's: named for it, opening with its goals, ranked by them.
    let plan = generateStrategy(analysis.results, {
      name: profile?.name ?? null,
      goals: profile?.goals ?? [],
    });
    let generatedBy: 'engine' | 'model' = 'engine';
    const metadata: Record<string, unknown> = { goals: plan.goals };
    const gateway = this.deps.gateway;
    const wantsModel = gateway?.isConfigured === true && plan.recommendations.length > 0;
    const used = wantsModel ? await this.deps.usage.usedToday(userId) : 0;
    if (wantsModel && this.deps.usage.capReached(used)) {
      // The plan never depends on the model: past the cap the engine's plan stands.
      metadata.tailoring = { outcome: 'skipped', reason: 'daily token cap reached' };
    } else if (gateway && wantsModel) {
      try {
        const tailored = await tailorStrategy(gateway, {
          strategy: plan,
          profile: profile
            ? {
                name: profile.name,
                offering: profile.offering,
                audience: profile.audience,
                differentiators: profile.differentiators,
                goals: profile.goals,
              }
            : null,
        });
        metadata.tailoring = {
          outcome: tailored.outcome,
          attempts: tailored.attempts,
          problems: tailored.problems,
        };
        metadata.tokens_used = tailored.usage.totalTokens;
        await this.deps.usage.record(userId, tailored.usage.totalTokens);
        if (tailored.outcome === 'tailored') {
          plan = tailored.strategy;
          generatedBy = 'model';
        }
      } catch (err) {
        // The model is an improvement, never a dependency: the engine's plan stands.
        this.deps.log.warn({ err }, 'strategy tailoring failed; using the engine plan');
        metadata.tailoring = { outcome: 'failed', error: (err as Error).message };
      }
    }
    const { strategy, actions } = await this.deps.repo.create(
      {
        userId,
        analysisId,
        title: plan.title,
        summary: plan.summary,
        recommendations: plan.recommendations,
        actionItems: plan.actions,
        status: 'active',
        generatedBy,
        metadata,
      },
      plan.actions.map((a, i) => ({
        title: a.title.slice(0, 255),
        description: a.description,
        category: a.category,
        priority: a.priority,
        impact: a.impact,
        effort: a.effort,
        position: i,
        recommendationId: a.recommendation_id,
        verification: a.verification as Record<string, unknown> | null,
      })),
    );
    return {
      ...toStrategySummaryDto(strategy, {
        total: actions.length,
        done: 0,
        verified: 0,
        flagged: 0,
      }),
      recommendations: recommendationsOf(strategy),
      action_items: actions.map(toActionDto),
    };
  }

  private async owned(userId: string, id: string) {
    const row = await this.deps.repo.findForUser(id, userId);
    if (!row) throw errors.notFound('Strategy');
    return row;
  }

  async list(userId: string, limit: number, offset: number) {
    const { rows, total } = await this.deps.repo.list(userId, limit, offset);
    const progress = await this.deps.repo.progress(rows.map((r) => r.id));
    const items: StrategySummary[] = rows.map((r) => toStrategySummaryDto(r, progress.get(r.id)));
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Strategy> {
    const row = await this.owned(userId, id);
    const actions = await this.deps.repo.actions(id);
    const progress = (await this.deps.repo.progress([id])).get(id);
    return {
      ...toStrategySummaryDto(row, progress),
      recommendations: recommendationsOf(row),
      action_items: actions.map(toActionDto),
    };
  }

  async updateActions(
    userId: string,
    id: string,
    body: UpdateActionsRequest,
  ): Promise<ActionItem[]> {
    await this.owned(userId, id);
    const ids = body.actions.map((a) => a.id);
    if (new Set(ids).size !== ids.length) {
      throw new AppError('VALIDATION_FAILED', 'Each action may appear once per request');
    }
    const result = await this.deps.repo.updateActions(
      id,
      body.actions.map((a) => ({
        id: a.id,
        version: a.version,
        status: a.status,
        dueDate: a.due_date,
        notes: a.notes,
      })),
    );
    if (!result.ok && result.reason === 'missing') {
      const found = new Set(result.rows.map((r) => r.id));
      throw new AppError('NOT_FOUND', 'Action item not found in this strategy', {
        missing: ids.filter((x) => !found.has(x)),
      });
    }
    if (!result.ok) {
      throw new AppError(
        'VERSION_CONFLICT',
        'Another device changed these action items; reload and retry',
        {
          current: result.rows.map(toActionDto),
        },
      );
    }
    await this.deps.progress.sync(userId);
    return result.rows.map(toActionDto);
  }

  async matrix(userId: string, id: string): Promise<PriorityMatrix> {
    const row = await this.owned(userId, id);
    const matrix: PriorityMatrix = {
      quick_wins: [],
      major_projects: [],
      fill_ins: [],
      thankless_tasks: [],
    };
    for (const r of recommendationsOf(row)) {
      matrix[quadrantOf(r.impact, r.effort)].push({
        recommendation_id: r.id,
        title: r.title,
        category: r.category,
        impact: r.impact,
        effort: r.effort,
        priority: r.priority,
        source: r.source,
      });
    }
    return matrix;
  }

  /**
   * Renders the export, stores it and answers with a link to it (`strategy.exports.ts`).
   * `origin` is where the client reached the API (links to local files are built on it).
   */
  async export(
    userId: string,
    id: string,
    format: ExportFormat,
    origin: string,
  ): Promise<StrategyExport> {
    return this.deps.exports.store(userId, await this.render(userId, id, format), origin);
  }

  private async render(userId: string, id: string, format: ExportFormat) {
    const row = await this.owned(userId, id);
    const [actions, analysis, profile] = await Promise.all([
      this.deps.repo.actions(id),
      row.analysisId ? this.deps.analyses.findForUser(row.analysisId, userId) : undefined,
      this.deps.profiles.get(userId),
    ]);
    const scores =
      (analysis?.summary as { scores?: Record<string, number | null> } | null)?.scores ?? {};
    return renderExport(format, {
      strategy: {
        id: row.id,
        title: row.title ?? 'Growth plan',
        summary: row.summary,
        created_at: row.createdAt.toISOString(),
        recommendations: recommendationsOf(row),
      },
      actions: actions.map(toActionDto),
      analysis: analysis
        ? {
            website_url: analysis.websiteUrl ?? '',
            completed_at: analysis.completedAt?.toISOString() ?? null,
            scores,
          }
        : null,
      business_name: profile?.name ?? null,
    });
  }

  async dashboard(userId: string): Promise<Dashboard> {
    const [history, progress, open] = await Promise.all([
      this.deps.analyses.completedHistory(userId),
      this.deps.repo.userProgress(userId),
      this.deps.repo.openActions(userId),
    ]);
    const next = [...open]
      .sort(
        (a, b) =>
          PRIORITY_RANK[(a.priority ?? 'low') as keyof typeof PRIORITY_RANK] -
            PRIORITY_RANK[(b.priority ?? 'low') as keyof typeof PRIORITY_RANK] ||
          (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
          a.position - b.position,
      )
      .slice(0, NEXT_BEST);
    return {
      score_history: history.map((h) => ({
        analysis_id: h.id,
        website_url: h.websiteUrl ?? '',
        completed_at: (h.completedAt ?? h.createdAt).toISOString(),
        scores: Object.fromEntries(
          SCORE_KEYS.map((k) => [
            k,
            ((h.summary as { scores?: Record<string, number | null> } | null)?.scores?.[k] ??
              null) as number | null,
          ]),
        ),
      })),
      actions: progress,
      next_best_actions: next.map(toActionDto),
    };
  }
}
