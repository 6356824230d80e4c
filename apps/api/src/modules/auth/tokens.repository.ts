import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import {
  passwordResetTokens,
  refreshTokenFamilies,
  refreshTokens,
  users,
} from '../../db/schema.ts';

type Conn = Database | Tx;

/** Refresh-token families and tokens, and password-reset tokens. Queries only. */
export class TokensRepository {
  constructor(private readonly db: Database) {}

  /** The plain connection, for reads outside a transaction. */
  get connection(): Database {
    return this.db;
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async createFamily(tx: Conn, userId: string, expiresAt: Date): Promise<string> {
    const [row] = await tx
      .insert(refreshTokenFamilies)
      .values({ userId, expiresAt })
      .returning({ id: refreshTokenFamilies.id });
    if (!row) throw new Error('family insert returned no row');
    return row.id;
  }

  async insertToken(tx: Conn, id: string, familyId: string, tokenHash: string): Promise<void> {
    await tx.insert(refreshTokens).values({ id, familyId, tokenHash });
  }

  async findToken(tx: Conn, id: string) {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, id)).limit(1);
    return row;
  }

  /** Locks the family row for the rest of the transaction: rotations of one family run one at a time. */
  async lockFamily(tx: Tx, familyId: string) {
    const [row] = await tx
      .select({
        id: refreshTokenFamilies.id,
        userId: refreshTokenFamilies.userId,
        expiresAt: refreshTokenFamilies.expiresAt,
        revokedAt: refreshTokenFamilies.revokedAt,
        userActive: users.isActive,
      })
      .from(refreshTokenFamilies)
      .innerJoin(users, eq(users.id, refreshTokenFamilies.userId))
      .where(eq(refreshTokenFamilies.id, familyId))
      .for('update', { of: refreshTokenFamilies })
      .limit(1);
    return row;
  }

  async markUsed(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.id, id));
  }

  /** The family's newest token that has not been rotated yet. */
  async currentToken(tx: Tx, familyId: string) {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.usedAt)))
      .orderBy(desc(refreshTokens.createdAt))
      .limit(1);
    return row;
  }

  /** Revokes the family; returns its user, or undefined when it was already revoked. */
  async revokeFamily(tx: Conn, familyId: string, reason: string): Promise<string | undefined> {
    const [row] = await tx
      .update(refreshTokenFamilies)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(refreshTokenFamilies.id, familyId), isNull(refreshTokenFamilies.revokedAt)))
      .returning({ userId: refreshTokenFamilies.userId });
    return row?.userId;
  }

  async revokeAllFamilies(tx: Conn, userId: string, reason: string): Promise<void> {
    await tx
      .update(refreshTokenFamilies)
      .set({ revokedAt: new Date(), revokedReason: reason })
      .where(and(eq(refreshTokenFamilies.userId, userId), isNull(refreshTokenFamilies.revokedAt)));
  }

  async insertResetToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.insert(passwordResetTokens).values({ userId, tokenHash, expiresAt });
  }

  /** A reset token that is unused and unexpired; with `tx`, the row is locked. */
  async findUsableResetToken(conn: Conn, tokenHash: string, lock = false) {
    const query = conn
      .select()
      .from(passwordResetTokens)
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .limit(1);
    const [row] = lock ? await query.for('update') : await query;
    return row;
  }

  /** Marks every outstanding reset token of the user used: one reset consumes them all. */
  async consumeResetTokens(tx: Tx, userId: string): Promise<void> {
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
  }
}
