import { STORED_REPORT_VERSION, StoredReport } from '@quento/contracts';
import { and, count, desc, eq, getTableColumns, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { analyses, conversations } from '../../db/schema.ts';
import { StoredScreenshot } from './analysis.screenshot.ts';

type Row = typeof analyses.$inferSelect;
/** An analysis as the repository hands it out: the stored report (and screenshot) parsed once. */
export type AnalysisRow = Omit<Row, 'results' | 'screenshot'> & {
  results: StoredReport | null;
  screenshot: StoredScreenshot | null;
};
export type NewAnalysis = typeof analyses.$inferInsert;

/**
 * Reads the stored report through its versioned schema (rows written before versions existed read
 * as version 1). A row that does not parse is a bug in what wrote it, never the user's input.
 */
export function parseStoredReport(raw: unknown, id: string): StoredReport | null {
  if (raw == null) return null;
  const parsed = StoredReport.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `analysis ${id}: stored report does not match its schema: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

function toRow(row: Row): AnalysisRow;
function toRow(row: Row | undefined): AnalysisRow | undefined;
function toRow(row: Row | undefined): AnalysisRow | undefined {
  return (
    row && {
      ...row,
      results: parseStoredReport(row.results, row.id),
      screenshot: row.screenshot ? StoredScreenshot.parse(row.screenshot) : null,
    }
  );
}

/** The status endpoint's columns: not the stored report (large, and parsed when read). */
const { results: _r, screenshot: _s, summary: _m, ...STATUS_COLUMNS } = getTableColumns(analyses);

export interface ListFilter {
  status?: string | undefined;
  siteKey?: string | undefined;
  limit: number;
  offset: number;
}

export interface ProgressUpdate {
  progress: number;
  currentStep: string;
  pagesDone: number;
  pagesTotal: number;
}

/** Queries on analyses. Job-side writes only touch a row while it is running, so a deleted or
 * cancelled analysis can never be brought back by a late progress update. */
export class AnalysisRepository {
  constructor(private readonly db: Database) {}

  async insert(row: NewAnalysis): Promise<AnalysisRow> {
    const [created] = await this.db.insert(analyses).values(row).returning();
    if (!created) throw new Error('analysis insert returned no row');
    return toRow(created);
  }

  /** True when the conversation exists and belongs to the user. */
  async ownsConversation(userId: string, conversationId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
      .limit(1);
    return row !== undefined;
  }

  async findForUser(id: string, userId: string): Promise<AnalysisRow | undefined> {
    const [row] = await this.db
      .select()
      .from(analyses)
      .where(and(eq(analyses.id, id), eq(analyses.userId, userId)))
      .limit(1);
    return toRow(row);
  }

  /** What the status endpoint shows, without the stored report (the app polls it). */
  async findStatusForUser(id: string, userId: string) {
    const [row] = await this.db
      .select(STATUS_COLUMNS)
      .from(analyses)
      .where(and(eq(analyses.id, id), eq(analyses.userId, userId)))
      .limit(1);
    return row;
  }

  async findByIdempotencyKey(userId: string, key: string): Promise<AnalysisRow | undefined> {
    const [row] = await this.db
      .select()
      .from(analyses)
      .where(and(eq(analyses.userId, userId), eq(analyses.idempotencyKey, key)))
      .limit(1);
    return toRow(row);
  }

  async list(userId: string, f: ListFilter): Promise<{ rows: AnalysisRow[]; total: number }> {
    const where = and(
      eq(analyses.userId, userId),
      f.status ? eq(analyses.status, f.status) : undefined,
      f.siteKey ? eq(analyses.siteKey, f.siteKey) : undefined,
    );
    // The list never carries the full report: it can run to megabytes per analysis.
    const { results: _results, ...columns } = getTableColumns(analyses);
    const [rows, totals] = await Promise.all([
      this.db
        .select(columns)
        .from(analyses)
        .where(where)
        .orderBy(desc(analyses.createdAt), desc(analyses.id))
        .limit(f.limit)
        .offset(f.offset),
      this.db.select({ n: count() }).from(analyses).where(where),
    ]);
    return {
      rows: rows.map((r) => ({
        ...r,
        results: null,
        screenshot: r.screenshot ? StoredScreenshot.parse(r.screenshot) : null,
      })),
      total: totals[0]?.n ?? 0,
    };
  }

  /** The latest completed analysis of the same site before this one: what a re-analysis compares with. */
  async findPreviousCompleted(row: AnalysisRow): Promise<AnalysisRow | undefined> {
    if (!row.siteKey) return undefined;
    const [prev] = await this.db
      .select()
      .from(analyses)
      .where(
        and(
          eq(analyses.userId, row.userId),
          eq(analyses.siteKey, row.siteKey),
          eq(analyses.status, 'completed'),
          ne(analyses.id, row.id),
          lt(analyses.createdAt, row.createdAt),
        ),
      )
      .orderBy(desc(analyses.createdAt))
      .limit(1);
    return toRow(prev);
  }

  /** Completed analyses, oldest first, without their reports: the dashboard's score history. */
  async completedHistory(userId: string, limit = 50) {
    const rows = await this.db
      .select({
        id: analyses.id,
        websiteUrl: analyses.websiteUrl,
        summary: analyses.summary,
        completedAt: analyses.completedAt,
        createdAt: analyses.createdAt,
      })
      .from(analyses)
      .where(and(eq(analyses.userId, userId), eq(analyses.status, 'completed')))
      .orderBy(desc(analyses.completedAt))
      .limit(limit);
    return rows.reverse();
  }

  /**
   * Takes a pending (or interrupted running) analysis for a run, counting the attempt; undefined
   * when it is finished, gone, or has used its `maxAttempts` runs (crashed runs count: each claim
   * is counted before the run starts).
   */
  async claim(id: string, maxAttempts: number): Promise<AnalysisRow | undefined> {
    const [row] = await this.db
      .update(analyses)
      .set({
        status: 'running',
        startedAt: new Date(),
        attempts: sql`${analyses.attempts} + 1`,
        errorMessage: null,
        currentStep: 'starting',
      })
      .where(
        and(
          eq(analyses.id, id),
          inArray(analyses.status, ['pending', 'running']),
          lt(analyses.attempts, maxAttempts),
        ),
      )
      .returning();
    return toRow(row);
  }

  /**
   * A run handed back by a worker that is shutting down: pending again, and the run is not
   * counted against the attempt cap (that counts runs that died, not ones stopped in good order).
   */
  async release(id: string): Promise<void> {
    await this.db
      .update(analyses)
      .set({
        status: 'pending',
        attempts: sql`greatest(${analyses.attempts} - 1, 0)`,
        currentStep: 'queued',
      })
      .where(and(eq(analyses.id, id), eq(analyses.status, 'running')));
  }

  /** False when the analysis is no longer running (deleted or cancelled): the job should stop. */
  async updateProgress(id: string, p: ProgressUpdate): Promise<boolean> {
    const rows = await this.db
      .update(analyses)
      .set(p)
      .where(and(eq(analyses.id, id), eq(analyses.status, 'running')))
      .returning({ id: analyses.id });
    return rows.length > 0;
  }

  async complete(
    id: string,
    data: {
      /** The analyzer's report and what the run added; stored under the current version. */
      results: Record<string, unknown>;
      summary: Record<string, unknown>;
      previousAnalysisId: string | null;
      pagesDone: number;
      screenshot: StoredScreenshot | null;
    },
  ): Promise<AnalysisRow | undefined> {
    const [row] = await this.db
      .update(analyses)
      .set({
        status: 'completed',
        progress: 100,
        currentStep: 'completed',
        results: StoredReport.parse({ ...data.results, version: STORED_REPORT_VERSION }),
        summary: data.summary,
        previousAnalysisId: data.previousAnalysisId,
        pagesDone: data.pagesDone,
        screenshot: data.screenshot,
        completedAt: new Date(),
      })
      .where(and(eq(analyses.id, id), eq(analyses.status, 'running')))
      .returning();
    return toRow(row);
  }

  async fail(
    id: string,
    message: string,
    from: string[] = ['pending', 'running'],
  ): Promise<boolean> {
    const rows = await this.db
      .update(analyses)
      .set({
        status: 'failed',
        errorMessage: message,
        currentStep: 'failed',
        completedAt: new Date(),
      })
      .where(and(eq(analyses.id, id), inArray(analyses.status, from)))
      .returning({ id: analyses.id });
    return rows.length > 0;
  }

  async delete(id: string, userId: string): Promise<boolean> {
    const rows = await this.db
      .delete(analyses)
      .where(and(eq(analyses.id, id), eq(analyses.userId, userId)))
      .returning({ id: analyses.id });
    return rows.length > 0;
  }

  /** Analyses a worker should (re)run: never started, or cut off while running. */
  async findUnfinished(): Promise<{ id: string }[]> {
    return this.db
      .select({ id: analyses.id })
      .from(analyses)
      .where(inArray(analyses.status, ['pending', 'running']))
      .orderBy(analyses.createdAt);
  }

  /** Fails runs that outlived their budget (a worker that died and never came back). */
  async failStale(olderThan: Date, message: string): Promise<string[]> {
    const rows = await this.db
      .update(analyses)
      .set({
        status: 'failed',
        errorMessage: message,
        currentStep: 'failed',
        completedAt: new Date(),
      })
      .where(and(eq(analyses.status, 'running'), lt(analyses.startedAt, olderThan)))
      .returning({ id: analyses.id });
    return rows.map((r) => r.id);
  }
}
