import { createHash } from 'node:crypto';
import { AnalyzerError, assertPublicUrl } from '@quento/analyzer';
import type {
  Analysis,
  AnalysisComparison,
  AnalysisDetail,
  AnalysisList,
  AnalysisStatus,
  AnalysisStatusResponse,
  CreateAnalysisRequest,
  ListAnalysesQuery,
  StoredReport,
} from '@quento/contracts';
import { diffFindings } from '@quento/engine';
import { siteKey as siteKeyOf } from '@quento/url';
import type { Config } from '../../config.ts';
import type { EventBus } from '../../events/bus.ts';
import { type FileStore, fileKeys } from '../../files/index.ts';
import type { FileLinks } from '../../files/links.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { fromAnalyzerError } from '../../lib/analyzer-errors.ts';
import { foreignKeyViolation, isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { unavailable } from '../../lib/unavailable.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';
import { toAnalysisDetailDto, toAnalysisDto } from './analysis.mapper.ts';
import type { AnalysisRepository, AnalysisRow } from './analysis.repository.ts';
import { type AnalysisJobData, analysisChannel } from './analysis.runner.ts';
import { screenshotLink } from './analysis.screenshot.ts';
import { scoreDeltas, scoresOf } from './analysis.summary.ts';

const conversationNotFound = () =>
  new AppError('NOT_FOUND', 'Conversation not found', { field: 'conversation_id' });

export interface AnalysisServiceDeps {
  config: Config;
  repo: AnalysisRepository;
  /** Screenshots: deleted with their analysis, handed out as signed links. */
  files: FileStore;
  links: FileLinks;
  profiles: ProfileRepository;
  queue: JobQueue<AnalysisJobData>;
  bus: EventBus;
  /** Resolver used to validate URLs; the system's by default (tests inject one). */
  resolve?: (hostname: string) => Promise<string[]>;
}

/** Discover: starts analyses, reports on them, compares them. Access is checked here. */
export class AnalysisService {
  constructor(private readonly deps: AnalysisServiceDeps) {}

  /** Checks scheme, syntax and (after DNS) address; answers 422 with a code the client can show. */
  private async checkUrl(url: string, field: string): Promise<string> {
    try {
      const parsed = await assertPublicUrl(url, {
        allowPrivate: this.deps.config.ALLOW_PRIVATE_NETWORKS,
        allowOrigins: this.deps.config.FETCH_ALLOW_ORIGINS,
        resolve: this.deps.resolve,
      });
      return parsed.toString();
    } catch (err) {
      if (err instanceof AnalyzerError) throw fromAnalyzerError(err, field);
      throw err;
    }
  }

  async create(
    userId: string,
    body: CreateAnalysisRequest,
    idempotencyKey?: string,
  ): Promise<{ analysis: Analysis; created: boolean }> {
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    if (idempotencyKey) {
      const existing = await this.deps.repo.findByIdempotencyKey(userId, idempotencyKey);
      if (existing) return { analysis: this.replay(existing, requestHash), created: false };
    }
    const websiteUrl = await this.checkUrl(body.website_url, 'website_url');
    let competitorInputs = body.competitors;
    if (competitorInputs === undefined) {
      competitorInputs = (await this.deps.profiles.get(userId))?.competitors ?? [];
    }
    const site = siteKeyOf(websiteUrl);
    const competitors: string[] = [];
    for (const [i, c] of competitorInputs.slice(0, 5).entries()) {
      const url = await this.checkUrl(c, `competitors[${i}]`);
      const key = siteKeyOf(url);
      if (key !== site && !competitors.some((u) => siteKeyOf(u) === key)) competitors.push(url);
    }
    if (
      body.conversation_id &&
      !(await this.deps.repo.ownsConversation(userId, body.conversation_id))
    )
      throw conversationNotFound();
    let row: AnalysisRow;
    try {
      row = await this.deps.repo.insert({
        userId,
        conversationId: body.conversation_id ?? null,
        websiteUrl,
        siteKey: site,
        competitors,
        options: body.options ?? {},
        idempotencyKey: idempotencyKey ?? null,
        requestHash: idempotencyKey ? requestHash : null,
      });
    } catch (err) {
      if (isUniqueViolation(err) && idempotencyKey) {
        // Two requests with one key raced: the loser answers like a replay.
        const existing = await this.deps.repo.findByIdempotencyKey(userId, idempotencyKey);
        if (existing) return { analysis: this.replay(existing, requestHash), created: false };
      }
      // The conversation was deleted after the check above.
      if (body.conversation_id && foreignKeyViolation(err)?.includes('conversation'))
        throw conversationNotFound();
      throw err;
    }
    // The row is the source of truth: if enqueueing fails, a worker's start-up recovery finds it.
    try {
      await this.deps.queue.enqueue(row.id, { analysisId: row.id });
    } catch (err) {
      // The queue is down (503): take the row back, so a retry does not find a twin.
      await this.deps.repo.delete(row.id, userId);
      throw err;
    }
    return { analysis: toAnalysisDto(row), created: true };
  }

  private replay(existing: AnalysisRow, requestHash: string): Analysis {
    if (existing.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
      );
    }
    return toAnalysisDto(existing);
  }

  private async owned(userId: string, id: string): Promise<AnalysisRow> {
    const row = await this.deps.repo.findForUser(id, userId);
    if (!row) throw errors.notFound('Analysis');
    return row;
  }

  async list(userId: string, q: ListAnalysesQuery): Promise<AnalysisList> {
    const siteKey = q.site ? (siteKeyOf(q.site) ?? q.site) : undefined;
    const { rows, total } = await this.deps.repo.list(userId, { ...q, siteKey });
    return { items: rows.map(toAnalysisDto), total, limit: q.limit, offset: q.offset };
  }

  /** One analysis with its report; `origin` is where the client reached the API (for links). */
  async get(userId: string, id: string, origin: string): Promise<AnalysisDetail> {
    return this.detail(await this.owned(userId, id), origin);
  }

  /** The detail view of a row already checked to be the caller's (the WebSocket's result). */
  async detail(row: AnalysisRow, origin: string): Promise<AnalysisDetail> {
    return toAnalysisDetailDto(row, await screenshotLink(this.deps.links, row.screenshot, origin));
  }

  async status(userId: string, id: string): Promise<AnalysisStatusResponse> {
    const row = await this.deps.repo.findStatusForUser(id, userId);
    if (!row) throw errors.notFound('Analysis');
    return {
      id,
      status: row.status as AnalysisStatus,
      progress: row.progress,
      current_step: row.currentStep,
      pages_done: row.pagesDone,
      pages_total: row.pagesTotal,
      error_message: row.errorMessage,
      started_at: row.startedAt?.toISOString() ?? null,
      completed_at: row.completedAt?.toISOString() ?? null,
    };
  }

  /** Access check for the WebSocket: the row when it is the user's, else a 404. */
  async ownedRow(userId: string, id: string): Promise<AnalysisRow> {
    return this.owned(userId, id);
  }

  /**
   * Cancels the job if it is still queued or running, then deletes the analysis: its stored
   * files first (a store that fails is a 503 and the analysis stays, for a retry), then the row.
   * A run that stores a screenshot after that finds no row to complete and deletes it itself.
   */
  async delete(userId: string, id: string): Promise<void> {
    const row = await this.owned(userId, id);
    await this.deps.files.deletePrefix(fileKeys.analysis(userId, id)).catch(() => {
      throw unavailable('file store');
    });
    if (!(await this.deps.repo.delete(id, userId))) throw errors.notFound('Analysis');
    if (row.status === 'pending' || row.status === 'running') {
      // The row is gone, so a job that still runs finds nothing to claim; telling the queue and
      // the watchers is best effort (Redis may be away).
      await this.deps.queue.cancel(id).catch(() => undefined);
      await this.deps.bus
        .publish(analysisChannel(id), { type: 'cancelled', analysis_id: id })
        .catch(() => undefined);
    }
  }

  /** Scores of `id` minus those of `otherId`; findings resolved and new since `otherId`. */
  async compare(userId: string, id: string, otherId: string): Promise<AnalysisComparison> {
    const [a, b] = await Promise.all([this.owned(userId, id), this.owned(userId, otherId)]);
    const after = completedReport(a);
    const before = completedReport(b);
    return {
      analysis_id: a.id,
      other_id: b.id,
      score_deltas: scoreDeltas(scoresOf(after), scoresOf(before)),
      findings: diffFindings(before, after),
    };
  }
}

function completedReport(row: AnalysisRow): StoredReport {
  if (row.status !== 'completed' || !row.results) {
    throw new AppError('ANALYSIS_NOT_COMPLETED', `Analysis ${row.id} has not completed`);
  }
  return row.results;
}
