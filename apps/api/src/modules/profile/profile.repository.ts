import type { ProfileField } from '@quento/contracts';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { businessProfiles } from '../../db/schema.ts';

export type ProfileRow = typeof businessProfiles.$inferSelect;
export type ProfileChanges = Partial<
  Pick<
    ProfileRow,
    'name' | 'offering' | 'audience' | 'differentiators' | 'goals' | 'websiteUrl' | 'competitors'
  >
>;

/** Each changeable column and its field name (also its SQL column name and owner_fields entry). */
const FIELD_OF: Record<keyof ProfileChanges, ProfileField> = {
  name: 'name',
  offering: 'offering',
  audience: 'audience',
  differentiators: 'differentiators',
  goals: 'goals',
  websiteUrl: 'website_url',
  competitors: 'competitors',
};

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

  /**
   * The advisor's write: creates the profile on first write; later writes change only the given
   * fields, and of those only the ones the owner has not set by hand. The check runs in the same
   * statement, so an advisor working from a stale copy cannot undo an owner's edit.
   */
  async saveFromAdvisor(
    userId: string,
    changes: ProfileChanges,
    conn: Database | Tx = this.db,
  ): Promise<ProfileRow> {
    const set: Record<string, SQL> = {};
    for (const key of Object.keys(changes) as (keyof ProfileChanges)[]) {
      const column = sql.identifier(FIELD_OF[key]);
      set[key] = sql`case when "business_profiles"."owner_fields" ? ${FIELD_OF[key]}
        then "business_profiles".${column} else excluded.${column} end`;
    }
    return this.upsert(userId, changes, { ...set, updatedAt: sql`now()` }, conn);
  }

  /**
   * The owner's write: the given fields change, `own` joins the owner's fields and `release`
   * (fields the owner cleared) leaves them, in one statement.
   */
  async saveFromOwner(
    userId: string,
    changes: ProfileChanges,
    own: ProfileField[],
    release: ProfileField[],
    details?: Record<string, unknown>,
  ): Promise<ProfileRow> {
    // Details merge key by key into the stored ones, in the same statement.
    const detailsSet = details
      ? { details: sql`"business_profiles"."details" || ${JSON.stringify(details)}::jsonb` }
      : {};
    const ownerFields = sql`(
      select coalesce(jsonb_agg(distinct f order by f), '[]'::jsonb)
      from jsonb_array_elements_text("business_profiles"."owner_fields" || ${JSON.stringify(own)}::jsonb) as t(f)
      where not (${JSON.stringify(release)}::jsonb ? f)
    )`;
    return this.upsert(
      userId,
      { ...changes, ownerFields: own, ...(details ? { details } : {}) },
      { ...changes, ...detailsSet, ownerFields, updatedAt: sql`now()` },
    );
  }

  private async upsert(
    userId: string,
    values: ProfileChanges & { ownerFields?: string[]; details?: Record<string, unknown> },
    set: Record<string, unknown>,
    conn: Database | Tx = this.db,
  ): Promise<ProfileRow> {
    const [row] = await conn
      .insert(businessProfiles)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: businessProfiles.userId, set })
      .returning();
    if (!row) throw new Error('profile upsert returned no row');
    return row;
  }
}
