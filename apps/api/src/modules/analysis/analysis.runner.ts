import { AnalyzerError, analyzeSite } from '@quento/analyzer';
import type { AnalysisEvent } from '@quento/contracts';
import { diffFindings } from '@quento/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { ModelGateway } from '../../ai/models.ts';
import type { Config } from '../../config.ts';
import type { EventBus } from '../../events/bus.ts';
import type { FileStore } from '../../files/index.ts';
import { type Job, JobCancelledError, WorkerStoppingError } from '../../jobs/queue.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';
import type { UsageService } from '../usage/usage.service.ts';
import { contentAssessment, pageCollector } from './analysis.assessment.ts';
import { type ProgressReporter, progressReporter } from './analysis.progress.ts';
import type { AnalysisRepository, AnalysisRow } from './analysis.repository.ts';
import { type StoredScreenshot, storeScreenshot } from './analysis.screenshot.ts';
import { storyForSite } from './analysis.story.ts';
import {
  buildSummary,
  type CompetitorRun,
  compareCompetitor,
  scoreDeltas,
  scoresOf,
} from './analysis.summary.ts';
import { collectExternalSeo, type SeoDataProvider } from './providers/index.ts';

export interface AnalysisJobData {
  analysisId: string;
}

export const analysisChannel = (id: string) => `analysis:${id}`;

export const budgetExceededMessage = (budgetMs: number) =>
  `The analysis did not finish within its time budget of ${Math.round(budgetMs / 1000)} s.`;

/** Failures that another attempt cannot fix: the analysis fails at once. */
const PERMANENT = new Set([
  'URL_INVALID',
  'URL_REFUSED',
  'START_URL_UNREACHABLE',
  'CHROMIUM_NOT_FOUND',
]);

/** Progress writes per second at most: the row and the bus see every step, not every page. */

class BudgetExceeded extends Error {}

export interface RunnerDeps {
  config: Config;
  repo: AnalysisRepository;
  /** The home page's screenshot is stored here (ANALYSIS_SCREENSHOTS). */
  files: FileStore;
  bus: EventBus;
  providers: SeoDataProvider[];
  /** The owner's story (business profile) for the story-to-site audits and the content chain. */
  profiles: ProfileRepository;
  /** The content assessment runs when ANALYSIS_MODEL is set and the gateway is configured. */
  gateway?: ModelGateway | undefined;
  /** The daily token cap and the per-user count the content assessment spends against. */
  usage: UsageService;
  log: FastifyBaseLogger;
  /** Resolver for the crawled hosts (DNS_SERVERS); the system's when unset. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Called with each completed analysis (Optimize verifies action items here). */
  onCompleted?: ((row: AnalysisRow) => Promise<void>)[];
}

/**
 * Runs one analysis job: the site, then its competitors, then third-party data, then the
 * comparison with the previous analysis of the same site. Idempotent: a job delivered twice, or
 * after its analysis finished or was deleted, finds nothing to claim and does nothing.
 */
export class AnalysisRunner {
  constructor(private readonly deps: RunnerDeps) {}

  readonly handle = async (job: Job<AnalysisJobData>): Promise<void> => {
    const { repo, config, log } = this.deps;
    const id = job.data.analysisId;
    const row = await repo.claim(id, config.ANALYSIS_MAX_ATTEMPTS);
    if (!row) {
      // Unfinished but out of attempts: every run so far ended without a result (the worker
      // died during each). Give up with a reason rather than try once more.
      await this.fail(
        id,
        `The analysis stopped after ${config.ANALYSIS_MAX_ATTEMPTS} attempts: the worker stopped during each run`,
      );
      return;
    }

    const stop = new AbortController();
    const budgetMs = config.ANALYSIS_TIME_BUDGET_MS;
    const budget = setTimeout(() => stop.abort(new BudgetExceeded()), budgetMs);
    const onJobAbort = () => stop.abort(job.signal.reason);
    job.signal.addEventListener('abort', onJobAbort, { once: true });
    try {
      await this.execute(row, stop);
    } catch (err) {
      const reason = stop.signal.aborted ? stop.signal.reason : err;
      if (reason instanceof JobCancelledError || (reason as Error)?.name === 'AnalysisGone') {
        log.info({ analysisId: id }, 'analysis cancelled while running');
        return;
      }
      if (reason instanceof BudgetExceeded) {
        await this.fail(id, budgetExceededMessage(budgetMs));
        return;
      }
      if (job.signal.reason instanceof WorkerStoppingError) {
        // Handed back, not failed: the next worker claims it afresh and this run does not count.
        await repo.release(id);
        log.info({ analysisId: id }, 'analysis handed back: the worker is stopping');
        throw err;
      }
      if (err instanceof AnalyzerError && PERMANENT.has(err.code)) {
        await this.fail(id, err.message);
        return;
      }
      if (job.signal.aborted) throw err; // the queue runs it again later
      // The row counts runs across restarts; the queue's own count starts again after one.
      if (Math.max(job.attempt, row.attempts) >= config.ANALYSIS_MAX_ATTEMPTS) {
        log.error({ err, analysisId: id }, 'analysis failed');
        await this.fail(id, `The analysis failed: ${(err as Error).message}`);
        return;
      }
      log.warn(
        { err, analysisId: id, attempt: job.attempt },
        'analysis attempt failed, will retry',
      );
      await repo.updateProgress(id, {
        progress: row.progress,
        currentStep: 'retrying',
        pagesDone: row.pagesDone,
        pagesTotal: row.pagesTotal,
      });
      throw err;
    } finally {
      clearTimeout(budget);
      job.signal.removeEventListener('abort', onJobAbort);
    }
  };

  private async execute(row: AnalysisRow, stop: AbortController): Promise<void> {
    const reporter = progressReporter(row.id, stop, {
      updateProgress: (id, p) => this.deps.repo.updateProgress(id, p),
      publish: (event) => this.publish(event),
    });
    try {
      await this.analyse(row, stop, reporter);
    } finally {
      await reporter.close();
    }
  }

  private async analyse(
    row: AnalysisRow,
    stop: AbortController,
    reporter: ProgressReporter,
  ): Promise<void> {
    const { config, repo } = this.deps;
    const options = row.options as { max_pages?: number; max_depth?: number; render?: boolean };
    const maxPages = options.max_pages ?? 50;
    const competitorUrls = row.competitors;
    // The main site gets most of the budget; each competitor a smaller crawl.
    const crawlBudget = Math.floor(
      config.ANALYSIS_TIME_BUDGET_MS * (competitorUrls.length ? 0.6 : 0.85),
    );
    const common = {
      allowPrivate: config.ALLOW_PRIVATE_NETWORKS,
      allowOrigins: config.FETCH_ALLOW_ORIGINS,
      ...(this.deps.resolve ? { resolve: this.deps.resolve } : {}),
      chromiumPath: config.CHROMIUM_PATH,
      // Unset: the analyzer renders application shells by itself when Chromium is installed.
      render: options.render ?? ('auto' as const),
      signal: stop.signal,
    };

    const profile = await this.deps.profiles.get(row.userId);
    const collected = pageCollector();
    await reporter.step('crawling', 2);
    const { screenshot, screenshotError, ...report } = await analyzeSite({
      ...common,
      url: row.websiteUrl!,
      // The owner's own site only; in the browser the crawl uses, when it renders.
      screenshot: config.ANALYSIS_SCREENSHOTS,
      maxPages,
      maxDepth: options.max_depth,
      timeBudgetMs: crawlBudget,
      story: storyForSite(profile, row.websiteUrl!),
      onPageArtifacts: collected.onPageArtifacts,
      onProgress: (e) => reporter.crawl(e, 2, competitorUrls.length ? 70 : 88),
    });

    const competitors: CompetitorRun[] = [];
    for (const [i, url] of competitorUrls.entries()) {
      const from = 70 + Math.floor((20 * i) / competitorUrls.length);
      await reporter.step(`competitor ${i + 1} of ${competitorUrls.length}`, from);
      try {
        const r = await analyzeSite({
          ...common,
          url,
          maxPages: Math.min(maxPages, config.ANALYSIS_COMPETITOR_MAX_PAGES),
          timeBudgetMs: Math.floor((config.ANALYSIS_TIME_BUDGET_MS * 0.25) / competitorUrls.length),
        });
        competitors.push({ url, report: r, error: null });
      } catch (err) {
        if (stop.signal.aborted) throw err;
        // A competitor that cannot be analysed is reported, not fatal.
        competitors.push({ url, report: null, error: (err as Error).message });
      }
    }

    await reporter.step('third-party data', 92);
    const external = await collectExternalSeo(this.deps.providers, report.finalUrl, stop.signal);

    const { gateway } = this.deps;
    let assessment: Record<string, unknown> = {};
    if (config.ANALYSIS_MODEL && gateway?.isConfigured) {
      await reporter.step('content assessment', 94);
      assessment = await contentAssessment(
        gateway,
        collected.mainPages(report),
        profile,
        { usage: this.deps.usage, userId: row.userId },
        stop.signal,
      );
    }

    await reporter.step('comparing', 96);
    const previous = await repo.findPreviousCompleted(row);
    const comparisons = competitors.map((c) => compareCompetitor(report, c));
    const results: Record<string, unknown> = {
      ...(report as unknown as Record<string, unknown>),
      competitors: competitors.map((c) => ({ url: c.url, error: c.error, report: c.report })),
      external: external.results,
      external_errors: external.errors,
      ...assessment,
    };
    if (previous?.results) {
      const before = previous.results;
      results.comparison = {
        previous_analysis_id: previous.id,
        score_deltas: scoreDeltas(
          scoresOf({ scores: report.scores, external: external.results }),
          scoresOf(before),
        ),
        findings: diffFindings(before, report),
      };
    }
    const summary = buildSummary(report, comparisons, external.results);
    // Stored before the row records it; taken back if the row cannot be completed.
    let stored: StoredScreenshot | null = null;
    if (screenshot) {
      const kept = await storeScreenshot(this.deps.files, row, screenshot, this.deps.log);
      if ('stored' in kept) stored = kept.stored;
      else results.screenshot_error = kept.error;
    } else if (screenshotError) {
      results.screenshot_error = screenshotError.message;
    }
    await reporter.close();
    const done = await repo
      .complete(row.id, {
        results,
        summary: summary as unknown as Record<string, unknown>,
        previousAnalysisId: previous?.id ?? null,
        pagesDone: report.pages.length,
        screenshot: stored,
      })
      .catch(async (err: unknown) => {
        await this.discard(stored);
        throw err;
      });
    if (!done) {
      // Deleted (or cancelled) while it ran: nothing of it stays in the store either.
      await this.discard(stored);
      return;
    }
    for (const hook of this.deps.onCompleted ?? []) {
      // A failing follow-up must not undo a completed analysis.
      await hook(done).catch((err: unknown) =>
        this.deps.log.error({ err, analysisId: row.id }, 'after-analysis hook failed'),
      );
    }
    await this.publish({ type: 'completed', analysis_id: row.id });
  }

  private async discard(stored: StoredScreenshot | null): Promise<void> {
    if (!stored) return;
    await this.deps.files.delete([stored.key]).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'screenshot of an analysis that did not complete not deleted');
    });
  }

  private async fail(id: string, message: string): Promise<void> {
    if (await this.deps.repo.fail(id, message)) {
      await this.publish({ type: 'failed', analysis_id: id, error_message: message });
    }
  }

  private async publish(event: AnalysisEvent): Promise<void> {
    await this.deps.bus.publish(analysisChannel(event.analysis_id), event).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'could not publish analysis event');
    });
  }
}
