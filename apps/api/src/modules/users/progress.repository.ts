import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actionItems, analyses, businessProfiles, strategies, users } from '../../db/schema.ts';

export interface ProgressFacts {
  profile: typeof businessProfiles.$inferSelect | undefined;
  analysesCompleted: number;
  analysesRunning: number;
  analysesCompared: number;
  strategies: number;
  actionItems: number;
  actionItemsDone: number;
}

/** Counts what the user has built so far; the service turns the counts into ring states. */
export class ProgressRepository {
  constructor(private readonly db: Database) {}

  async facts(userId: string): Promise<ProgressFacts> {
    const [profileRows, analysisRows, strategyRows, itemRows] = await Promise.all([
      this.db.select().from(businessProfiles).where(eq(businessProfiles.userId, userId)).limit(1),
      this.db
        .select({
          completed: sql<number>`count(*) filter (where ${analyses.status} = 'completed')`.mapWith(
            Number,
          ),
          running:
            sql<number>`count(*) filter (where ${analyses.status} in ('pending', 'running'))`.mapWith(
              Number,
            ),
          // A re-analysis that has been compared with an earlier one stores the comparison.
          compared:
            sql<number>`count(*) filter (where ${analyses.status} = 'completed' and ${analyses.results} ? 'comparison')`.mapWith(
              Number,
            ),
        })
        .from(analyses)
        .where(eq(analyses.userId, userId)),
      this.db.select({ n: count() }).from(strategies).where(eq(strategies.userId, userId)),
      this.db
        .select({
          total: count(),
          done: sql<number>`count(*) filter (where ${actionItems.status} in ('completed', 'done'))`.mapWith(
            Number,
          ),
        })
        .from(actionItems)
        .innerJoin(strategies, eq(strategies.id, actionItems.strategyId))
        .where(and(eq(strategies.userId, userId))),
    ]);
    return {
      profile: profileRows[0],
      analysesCompleted: analysisRows[0]?.completed ?? 0,
      analysesRunning: analysisRows[0]?.running ?? 0,
      analysesCompared: analysisRows[0]?.compared ?? 0,
      strategies: strategyRows[0]?.n ?? 0,
      actionItems: itemRows[0]?.total ?? 0,
      actionItemsDone: itemRows[0]?.done ?? 0,
    };
  }

  /** Writes only when the ring changed, so reading progress rarely costs a write. */
  async setCurrentRing(userId: string, ring: number): Promise<void> {
    await this.db
      .update(users)
      .set({ currentRing: ring })
      .where(and(eq(users.id, userId), ne(users.currentRing, ring)));
  }
}
