import type { Database } from '../../src/db/client.ts';
import { UsageRepository } from '../../src/modules/usage/usage.repository.ts';

/** Tokens counted against the user's day, read as the cap check reads them. */
export const tokensUsedToday = (db: Database, userId: string): Promise<number> =>
  new UsageRepository(db).usedToday(userId);
