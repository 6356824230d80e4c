import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { tokenUsage } from '../../db/schema.ts';

/** UTC day the usage counts against. */
export const usageDay = (now = new Date()) => now.toISOString().slice(0, 10);

/** Tokens each user's model calls used, per UTC day. Queries only. */
export class UsageRepository {
  constructor(private readonly db: Database) {}

  async usedToday(userId: string, day = usageDay()): Promise<number> {
    const [row] = await this.db
      .select({ tokens: tokenUsage.tokens })
      .from(tokenUsage)
      .where(and(eq(tokenUsage.userId, userId), eq(tokenUsage.day, day)))
      .limit(1);
    return row?.tokens ?? 0;
  }

  /** Adds atomically, so concurrent calls of one user do not lose each other's counts. */
  async add(userId: string, tokens: number, day = usageDay()): Promise<void> {
    if (tokens <= 0) return;
    await this.db
      .insert(tokenUsage)
      .values({ userId, day, tokens })
      .onConflictDoUpdate({
        target: [tokenUsage.userId, tokenUsage.day],
        set: { tokens: sql`${tokenUsage.tokens} + ${tokens}`, updatedAt: new Date() },
      });
  }
}
