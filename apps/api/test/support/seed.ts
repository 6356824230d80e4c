import type { Database } from '../../src/db/client.ts';
import { actionItems, strategies } from '../../src/db/schema.ts';

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
