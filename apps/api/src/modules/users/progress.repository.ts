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
    const ofUser = sql`${analyses.userId} = ${users.id}`;
    const [row] = await this.db
      .select({
        storedRing: users.currentRing,
        profile: businessProfiles,
        analysesCompleted: counted(
          sql`select count(*) from ${analyses} where ${ofUser} and ${analyses.status} = 'completed'`,
        ),
        analysesRunning: counted(
          sql`select count(*) from ${analyses} where ${ofUser} and ${analyses.status} in ('pending', 'running')`,
        ),
        // A re-analysis that has been compared with an earlier one stores the comparison.
        analysesCompared: counted(
          sql`select count(*) from ${analyses} where ${ofUser} and ${analyses.status} = 'completed' and ${analyses.results} ? 'comparison'`,
        ),
        strategies: counted(
          sql`select count(*) from ${strategies} where ${strategies.userId} = ${users.id}`,
        ),
        actionItems: counted(
          sql`select count(*) from ${actionItems} join ${strategies} on ${strategies.id} = ${actionItems.strategyId} where ${strategies.userId} = ${users.id}`,
        ),
        actionItemsDone: counted(
          sql`select count(*) from ${actionItems} join ${strategies} on ${strategies.id} = ${actionItems.strategyId} where ${strategies.userId} = ${users.id} and ${actionItems.status} in ('completed', 'done')`,
        ),
      })
      .from(users)
      .leftJoin(businessProfiles, eq(businessProfiles.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1);
    return row && { ...row, profile: row.profile ?? undefined };
  }

  /** Writes only when the ring changed, so reading progress rarely costs a write. */
  async setCurrentRing(userId: string, ring: number): Promise<void> {
    await this.db
      .update(users)
      .set({ currentRing: ring })
      .where(and(eq(users.id, userId), ne(users.currentRing, ring)));
  }
}
