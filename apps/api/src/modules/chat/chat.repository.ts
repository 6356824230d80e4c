import { and, asc, count, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { analyses, conversations, messages, strategies, tokenUsage } from '../../db/schema.ts';
import { usageDay } from '../usage/usage.repository.ts';

export { usageDay } from '../usage/usage.repository.ts';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type AnalysisRow = Pick<
  typeof analyses.$inferSelect,
  'id' | 'websiteUrl' | 'summary' | 'completedAt'
>;
export type StrategyRow = Pick<
  typeof strategies.$inferSelect,
  'id' | 'title' | 'summary' | 'recommendations' | 'actionItems'
>;

/** The first row of a raw `returning` over messages, in Drizzle's field names. */
function firstMessageRow(result: unknown): MessageRow | undefined {
  // Both drivers answer { rows }; raw rows carry column names, not Drizzle's field names.
  const row = (result as { rows: Record<string, unknown>[] }).rows[0];
  if (!row) return undefined;
  return {
    id: String(row.id),
    conversationId: String(row.conversation_id),
    role: String(row.role),
    content: String(row.content),
    tokensUsed: row.tokens_used === null ? null : Number(row.tokens_used),
    createdAt: new Date(row.created_at as string | Date),
    metadata: (typeof row.metadata === 'string'
      ? JSON.parse(row.metadata)
      : (row.metadata ?? {})) as Record<string, unknown>,
  };
}

/** Conversations and their messages (a reply with its tokens, in one statement). Queries only. */
export class ChatRepository {
  constructor(private readonly db: Database) {}

  /** Writes that stand or fall together (a guided turn's reply, state and profile). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async create(
    userId: string,
    values: { title?: string | undefined; ringPhase?: string | undefined; metadata: object },
  ): Promise<ConversationRow> {
    const [row] = await this.db
      .insert(conversations)
      .values({
        userId,
        title: values.title ?? null,
        ...(values.ringPhase ? { ringPhase: values.ringPhase } : {}),
        metadata: values.metadata as Record<string, unknown>,
      })
      .returning();
    if (!row) throw new Error('conversation insert returned no row');
    return row;
  }

  async list(userId: string, limit: number, offset: number) {
    const [rows, totals] = await Promise.all([
      this.db
        .select()
        .from(conversations)
        .where(eq(conversations.userId, userId))
        .orderBy(desc(conversations.updatedAt), desc(conversations.id))
        .limit(limit)
        .offset(offset),
      this.db.select({ n: count() }).from(conversations).where(eq(conversations.userId, userId)),
    ]);
    return { rows, total: totals[0]?.n ?? 0 };
  }

  /** The user's conversation, or undefined (another user's looks the same as a missing one). */
  async owned(userId: string, id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .limit(1);
    return row;
  }

  /** Newest `limit` messages before the cursor, returned oldest first, plus one to detect more. */
  async page(conversationId: string, limit: number, before?: string): Promise<MessageRow[]> {
    let cursor = sql`true`;
    if (before) {
      const [b] = await this.db
        .select({ createdAt: messages.createdAt, id: messages.id })
        .from(messages)
        .where(and(eq(messages.id, before), eq(messages.conversationId, conversationId)))
        .limit(1);
      if (!b) return [];
      cursor =
        or(
          lt(messages.createdAt, b.createdAt),
          and(eq(messages.createdAt, b.createdAt), lt(messages.id, b.id)),
        ) ?? sql`true`;
    }
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), cursor))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit + 1);
  }

  /** Every message, oldest first: the chain windows it and the summary covers the rest. */
  async history(conversationId: string) {
    return this.db
      .select({ id: messages.id, role: messages.role, content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(asc(messages.createdAt), asc(messages.id));
  }

  async addMessage(values: {
    conversationId: string;
    role: 'user' | 'assistant';
    content: string;
    tokensUsed?: number | null;
    metadata?: Record<string, unknown>;
    createdAt?: Date;
  }): Promise<MessageRow> {
    const [row] = await this.db
      .insert(messages)
      .values({
        conversationId: values.conversationId,
        role: values.role,
        content: values.content,
        tokensUsed: values.tokensUsed ?? null,
        metadata: values.metadata ?? {},
        ...(values.createdAt ? { createdAt: values.createdAt } : {}),
      })
      .returning();
    if (!row) throw new Error('message insert returned no row');
    return row;
  }

  /**
   * Stores a user message only if the conversation is the user's and still active: the check and
   * the write in one round trip, for the hot path. Undefined when the check failed.
   */
  async addUserMessageIfActive(
    userId: string,
    conversationId: string,
    content: string,
  ): Promise<MessageRow | undefined> {
    const result = await this.db.execute(sql`
      insert into ${messages} (conversation_id, role, content)
      select ${conversationId}, 'user', ${content}
      where exists (
        select 1 from ${conversations}
        where ${conversations.id} = ${conversationId} and ${conversations.userId} = ${userId}
          and ${conversations.status} = 'active')
      returning id, conversation_id, role, content, tokens_used, created_at, metadata`);
    return firstMessageRow(result);
  }

  /**
   * Stores the assistant's reply and adds its tokens to the user's day in one statement: one round
   * trip on the hot path, and never the one without the other.
   */
  async addReply(
    userId: string,
    values: {
      conversationId: string;
      content: string;
      tokensUsed: number;
      metadata: Record<string, unknown>;
    },
    day = usageDay(),
    conn: Database | Tx = this.db,
  ): Promise<MessageRow> {
    const result = await conn.execute(sql`
      with usage as (
        insert into ${tokenUsage} (user_id, day, tokens)
        select ${userId}::uuid, ${day}::date, ${values.tokensUsed}::int
        where ${values.tokensUsed}::int > 0
        on conflict (user_id, day) do update
          set tokens = ${tokenUsage}.tokens + excluded.tokens, updated_at = now())
      insert into ${messages} (conversation_id, role, content, tokens_used, metadata)
      values (${values.conversationId}, 'assistant', ${values.content}, ${values.tokensUsed},
        ${JSON.stringify(values.metadata)}::jsonb)
      returning id, conversation_id, role, content, tokens_used, created_at, metadata`);
    const row = firstMessageRow(result);
    if (!row) throw new Error('reply insert returned no row');
    return row;
  }

  async update(
    id: string,
    changes: Partial<Pick<ConversationRow, 'status' | 'summary' | 'metadata' | 'title'>>,
    conn: Database | Tx = this.db,
  ): Promise<ConversationRow | undefined> {
    const [row] = await conn
      .update(conversations)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning();
    return row;
  }

  /** Ends an active session; undefined when it was not active (already ended or missing). */
  async end(userId: string, id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db
      .update(conversations)
      .set({ status: 'ended', updatedAt: new Date() })
      .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
      .returning();
    return row;
  }

  async latestAnalysis(userId: string): Promise<AnalysisRow | undefined> {
    const [row] = await this.db
      .select({
        id: analyses.id,
        websiteUrl: analyses.websiteUrl,
        summary: analyses.summary,
        completedAt: analyses.completedAt,
      })
      .from(analyses)
      .where(and(eq(analyses.userId, userId), eq(analyses.status, 'completed')))
      .orderBy(desc(analyses.completedAt))
      .limit(1);
    return row;
  }

  async latestStrategy(userId: string): Promise<StrategyRow | undefined> {
    const [row] = await this.db
      .select({
        id: strategies.id,
        title: strategies.title,
        summary: strategies.summary,
        recommendations: strategies.recommendations,
        actionItems: strategies.actionItems,
      })
      .from(strategies)
      .where(eq(strategies.userId, userId))
      .orderBy(desc(strategies.createdAt))
      .limit(1);
    return row;
  }
}
