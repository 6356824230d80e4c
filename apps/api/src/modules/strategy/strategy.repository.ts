import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { actionItems, analyses, strategies } from '../../db/schema.ts';

export type StrategyRow = typeof strategies.$inferSelect;
export type ActionRow = typeof actionItems.$inferSelect;
export type NewStrategy = typeof strategies.$inferInsert;
export type NewAction = Omit<typeof actionItems.$inferInsert, 'strategyId'>;

export interface ActionChange {
  id: string;
  version: number;
  status?: string;
  dueDate?: string | null;
  notes?: string | null;
}

export interface ProgressCounts {
  total: number;
  done: number;
  verified: number;
  flagged: number;
}

const progressColumns = {
  total: count(),
  done: sql<number>`count(*) filter (where ${actionItems.status} = 'done')`.mapWith(Number),
  verified:
    sql<number>`count(*) filter (where ${actionItems.verificationStatus} = 'verified')`.mapWith(
      Number,
    ),
  flagged:
    sql<number>`count(*) filter (where ${actionItems.verificationStatus} = 'flagged')`.mapWith(
      Number,
    ),
};

/** Queries on strategies and their action items. */
export class StrategyRepository {
  constructor(private readonly db: Database) {}

  /** A strategy and its action items, in one transaction: never one without the other. */
  async create(
    strategy: NewStrategy,
    actions: NewAction[],
  ): Promise<{ strategy: StrategyRow; actions: ActionRow[] }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(strategies).values(strategy).returning();
      if (!row) throw new Error('strategy insert returned no row');
      const items = actions.length
        ? await tx
            .insert(actionItems)
            .values(actions.map((a) => ({ ...a, strategyId: row.id })))
            .returning()
        : [];
      return { strategy: row, actions: items.sort((a, b) => a.position - b.position) };
    });
  }

  async findForUser(id: string, userId: string): Promise<StrategyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(strategies)
      .where(and(eq(strategies.id, id), eq(strategies.userId, userId)))
      .limit(1);
    return row;
  }

  async actions(strategyId: string, db: Database | Tx = this.db): Promise<ActionRow[]> {
    return db
      .select()
      .from(actionItems)
      .where(eq(actionItems.strategyId, strategyId))
      .orderBy(asc(actionItems.position), asc(actionItems.createdAt));
  }

  async list(userId: string, limit: number, offset: number) {
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(strategies)
        .where(eq(strategies.userId, userId))
        .orderBy(desc(strategies.createdAt), desc(strategies.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(strategies).where(eq(strategies.userId, userId)),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }

  async progress(strategyIds: string[]): Promise<Map<string, ProgressCounts>> {
    if (strategyIds.length === 0) return new Map();
    const rows = await this.db
      .select({ strategyId: actionItems.strategyId, ...progressColumns })
      .from(actionItems)
      .where(inArray(actionItems.strategyId, strategyIds))
      .groupBy(actionItems.strategyId);
    return new Map(rows.map(({ strategyId, ...counts }) => [strategyId, counts]));
  }

  async userProgress(userId: string): Promise<ProgressCounts> {
    const [row] = await this.db
      .select(progressColumns)
      .from(actionItems)
      .innerJoin(strategies, eq(strategies.id, actionItems.strategyId))
      .where(eq(strategies.userId, userId));
    return row ?? { total: 0, done: 0, verified: 0, flagged: 0 };
  }

  /** The user's open actions across strategies, for the dashboard's "next best actions". */
  async openActions(userId: string): Promise<ActionRow[]> {
    const rows = await this.db
      .select({ action: actionItems })
      .from(actionItems)
      .innerJoin(strategies, eq(strategies.id, actionItems.strategyId))
      .where(
        and(eq(strategies.userId, userId), inArray(actionItems.status, ['pending', 'in_progress'])),
      )
      .orderBy(desc(strategies.createdAt), asc(actionItems.position));
    return rows.map((r) => r.action);
  }

  /**
   * Applies changes only if every action is still at the version the client saw; otherwise
   * nothing is written and the current rows of the conflicting actions are returned.
   */
  async updateActions(
    strategyId: string,
    changes: ActionChange[],
  ): Promise<
    | { ok: true; rows: ActionRow[] }
    | { ok: false; reason: 'missing' | 'conflict'; rows: ActionRow[] }
  > {
    return this.db.transaction(async (tx) => {
      const ids = changes.map((c) => c.id);
      const current = await tx
        .select()
        .from(actionItems)
        .where(and(eq(actionItems.strategyId, strategyId), inArray(actionItems.id, ids)))
        .for('update');
      if (current.length !== new Set(ids).size)
        return { ok: false, reason: 'missing', rows: current };
      const byId = new Map(current.map((r) => [r.id, r]));
      const stale = changes.filter((c) => byId.get(c.id)!.version !== c.version);
      if (stale.length)
        return { ok: false, reason: 'conflict', rows: stale.map((c) => byId.get(c.id)!) };
      const updated: ActionRow[] = [];
      for (const c of changes) {
        const before = byId.get(c.id)!;
        const set: Partial<typeof actionItems.$inferInsert> = { version: before.version + 1 };
        if (c.status !== undefined) {
          set.status = c.status;
          if (c.status === 'done' && before.status !== 'done') set.completedAt = new Date();
          if (c.status !== 'done') set.completedAt = null;
          // A flag means "marked done but still failing"; reopening the action clears it.
          if (c.status !== 'done' && before.verificationStatus === 'flagged')
            set.verificationStatus = 'unverified';
        }
        if (c.dueDate !== undefined) set.dueDate = c.dueDate;
        if (c.notes !== undefined) set.notes = c.notes;
        const [row] = await tx
          .update(actionItems)
          .set(set)
          .where(and(eq(actionItems.id, c.id), eq(actionItems.version, c.version)))
          .returning();
        if (!row) throw new Error(`action ${c.id} changed during the update`);
        updated.push(row);
      }
      await tx
        .update(strategies)
        .set({ updatedAt: new Date() })
        .where(eq(strategies.id, strategyId));
      return { ok: true, rows: updated };
    });
  }

  /** Actions with a verification rule in the user's strategies for one site. */
  async verifiableActions(userId: string, siteKey: string): Promise<ActionRow[]> {
    const rows = await this.db
      .select({ action: actionItems })
      .from(actionItems)
      .innerJoin(strategies, eq(strategies.id, actionItems.strategyId))
      .innerJoin(analyses, eq(analyses.id, strategies.analysisId))
      .where(
        and(
          eq(strategies.userId, userId),
          eq(analyses.siteKey, siteKey),
          sql`${actionItems.verification} is not null`,
        ),
      );
    return rows.map((r) => r.action);
  }

  async setVerification(
    ids: string[],
    status: 'verified' | 'flagged' | 'unverified',
    analysisId: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(actionItems)
      .set({
        verificationStatus: status,
        verifiedAt: status === 'verified' ? new Date() : null,
        verifiedByAnalysisId: analysisId,
        version: sql`${actionItems.version} + 1`,
      })
      .where(inArray(actionItems.id, ids));
  }
}
