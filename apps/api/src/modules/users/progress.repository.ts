import { and, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { actionItems, analyses, businessProfiles, strategies, users } from '../../db/schema.ts';

export interface ProgressFacts {
  /** users.current_ring as stored, so that it is written only when it moved. */
  storedRing: number;
  profile: typeof businessProfiles.$inferSelect | undefined;
  analysesCompleted: number;
  analysesRunning: number;
  analysesCompared: number;
  strategies: number;
  actionItems: number;
  actionItemsDone: number;
}

const counted = (query: SQL) => sql<number>`(${query})`.mapWith(Number);

/** Counts what the user has built so far; the service turns the counts into ring states. */
export class ProgressRepository {
  constructor(private readonly db: Database) {}

  /** Every fact in one statement: the progress is read on each visit to the app's home. */
  async facts(userId: string): Promise<ProgressFacts | undefined> {
    const [row] = await this.factsQuery(userId);
    return row && { ...row, profile: row.profile ?? undefined };
  }

  /**
   * The statement of `facts` (a test reads its plan). Each count's only condition is its owner,
   * and the states are told apart by FILTER: so the planner can reach the rows through the
   * owner's index alone. Given `status = 'completed'` as a condition, with no statistics it chose
   * the status index and read every owner's completed analyses.
   */
  factsQuery(userId: string) {
    const mine = sql`${analyses.userId} = ${users.id}`;
    const minePlans = sql`${strategies.userId} = ${users.id}`;
    const completed = sql`${analyses.status} = 'completed'`;
    const actionsOf = (filter: SQL) =>
      counted(
        sql`select count(*) filter (where ${filter}) from ${actionItems} join ${strategies} on ${strategies.id} = ${actionItems.strategyId} where ${minePlans}`,
      );
    return this.db
      .select({
        storedRing: users.currentRing,
        profile: businessProfiles,
        analysesCompleted: counted(
          sql`select count(*) filter (where ${completed}) from ${analyses} where ${mine}`,
        ),
        analysesRunning: counted(
          sql`select count(*) filter (where ${analyses.status} in ('pending', 'running')) from ${analyses} where ${mine}`,
        ),
        // A re-analysis that has been compared with an earlier one stores the comparison.
        analysesCompared: counted(
          sql`select count(*) filter (where ${completed} and ${analyses.compared}) from ${analyses} where ${mine}`,
        ),
        strategies: counted(sql`select count(*) from ${strategies} where ${minePlans}`),
        actionItems: actionsOf(sql`true`),
        actionItemsDone: actionsOf(sql`${actionItems.status} in ('completed', 'done')`),
      })
      .from(users)
      .leftJoin(businessProfiles, eq(businessProfiles.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1);
  }

  /** Writes only when the ring changed, so reading progress rarely costs a write. */
  async setCurrentRing(userId: string, ring: number): Promise<void> {
    await this.db
      .update(users)
      .set({ currentRing: ring })
      .where(and(eq(users.id, userId), ne(users.currentRing, ring)));
  }
}
