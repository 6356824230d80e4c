import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { businessProfiles } from '../../db/schema.ts';

export type ProfileRow = typeof businessProfiles.$inferSelect;
export type ProfileChanges = Partial<
  Pick<
    ProfileRow,
    'name' | 'offering' | 'audience' | 'differentiators' | 'goals' | 'websiteUrl' | 'competitors'
  >
>;

/** The business profile (Core ring): one row per user. */
export class ProfileRepository {
  constructor(private readonly db: Database) {}

  async get(userId: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db
      .select()
      .from(businessProfiles)
      .where(eq(businessProfiles.userId, userId))
      .limit(1);
    return row;
  }

  /** Creates the profile on first write; later writes change only the given fields. */
  async upsert(
    userId: string,
    changes: ProfileChanges,
    conn: Database | Tx = this.db,
  ): Promise<ProfileRow> {
    const [row] = await conn
      .insert(businessProfiles)
      .values({ userId, ...changes })
      .onConflictDoUpdate({
        target: businessProfiles.userId,
        set: { ...changes, updatedAt: new Date() },
      })
      .returning();
    if (!row) throw new Error('profile upsert returned no row');
    return row;
  }
}
