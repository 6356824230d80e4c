import { LIMITS } from '@quento/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

// Tables and columns follow section 3.3 of the architecture document (snake_case, same defaults).
// Lengths a client's input lands in come from the contracts' LIMITS, so what the schema accepts fits.
// Owner keys and defaulted columns are NOT NULL here: a row without an owner could never be
// reached or deleted with its user.

const tz = { withTimezone: true } as const;
const createdAt = () => timestamp('created_at', tz).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', tz)
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
const jsonObject = (name: string) =>
  jsonb(name).$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: varchar('email', { length: 255 }).notNull().unique(), // LIMITS.email (254) fits
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  fullName: varchar('full_name', { length: LIMITS.name }),
  companyName: varchar('company_name', { length: LIMITS.name }),
  currentRing: integer('current_ring').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  lastLoginAt: timestamp('last_login_at', tz),
  isActive: boolean('is_active').notNull().default(true),
  settings: jsonObject('settings'),
  /** Raised by logout, password reset: access tokens carry it (`ver`) and older ones are refused. */
  tokenVersion: integer('token_version').notNull().default(0),
});

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: LIMITS.title }),
    ringPhase: varchar('ring_phase', { length: 50 }).notNull().default('core'),
    status: varchar('status', { length: 50 }).notNull().default('active'),
    summary: text('summary'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    metadata: jsonObject('metadata'),
  },
  (t) => [index('idx_conversations_user').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 50 }).notNull(), // 'user' | 'assistant' | 'system'
    content: text('content').notNull(),
    tokensUsed: integer('tokens_used'),
    createdAt: createdAt(),
    metadata: jsonObject('metadata'),
  },
  (t) => [index('idx_messages_conversation').on(t.conversationId)],
);

export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // SET NULL: deleting a conversation must not take the analysis (and its history) with it.
    conversationId: uuid('conversation_id').references(() => conversations.id, {
      onDelete: 'set null',
    }),
    websiteUrl: varchar('website_url', { length: LIMITS.url }),
    status: varchar('status', { length: 50 }).notNull().default('pending'),
    progress: integer('progress').notNull().default(0),
    results: jsonb('results').$type<Record<string, unknown>>(),
    // Whether the stored report holds a comparison with an earlier analysis (the Optimize ring),
    // kept beside the report so that reading progress never unpacks a report.
    compared: boolean('compared')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(results ? 'comparison', false)`),
    errorMessage: text('error_message'),
    startedAt: timestamp('started_at', tz),
    completedAt: timestamp('completed_at', tz),
    createdAt: createdAt(),
    // Discover: what was asked, how far the job is, and how this run relates to earlier ones.
    siteKey: varchar('site_key', { length: LIMITS.url }),
    options: jsonObject('options'),
    competitors: jsonb('competitors').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    currentStep: varchar('current_step', { length: 100 }),
    pagesDone: integer('pages_done').notNull().default(0),
    pagesTotal: integer('pages_total').notNull().default(0),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    previousAnalysisId: uuid('previous_analysis_id').references((): AnyPgColumn => analyses.id, {
      onDelete: 'set null',
    }),
    attempts: integer('attempts').notNull().default(0),
    idempotencyKey: varchar('idempotency_key', { length: 255 }),
    requestHash: varchar('request_hash', { length: 64 }),
    // The home page's screenshot in the file store (key, type, size); null when none was taken.
    screenshot: jsonb('screenshot').$type<Record<string, unknown>>(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('idx_analyses_user').on(t.userId),
    index('idx_analyses_user_site').on(t.userId, t.siteKey, t.createdAt),
    // Only the runs not finished: the workers' recovery looks for them. Over every status, the
    // index drew the planner (before statistics) to read all owners' completed analyses for one.
    index('idx_analyses_unfinished').on(t.status).where(sql`status in ('pending', 'running')`),
    uniqueIndex('uq_analyses_user_idempotency').on(t.userId, t.idempotencyKey),
  ],
);

export const strategies = pgTable(
  'strategies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // SET NULL: a strategy outlives the analysis it came from (the user may prune old analyses).
    analysisId: uuid('analysis_id').references(() => analyses.id, { onDelete: 'set null' }),
    title: varchar('title', { length: 255 }),
    summary: text('summary'),
    recommendations: jsonb('recommendations').$type<unknown[]>(),
    actionItems: jsonb('action_items').$type<unknown[]>(),
    status: varchar('status', { length: 50 }).notNull().default('draft'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** `engine` (deterministic) or `model` (tailored by the LLM on top of the engine). */
    generatedBy: varchar('generated_by', { length: 20 }).notNull().default('engine'),
    metadata: jsonObject('metadata'),
  },
  (t) => [
    index('idx_strategies_user').on(t.userId),
    index('idx_strategies_analysis').on(t.analysisId),
  ],
);

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: uuid('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: LIMITS.title }).notNull(),
    description: text('description'),
    priority: varchar('priority', { length: 50 }),
    effort: varchar('effort', { length: 50 }),
    impact: varchar('impact', { length: 50 }),
    category: varchar('category', { length: 100 }),
    status: varchar('status', { length: 50 }).notNull().default('pending'),
    dueDate: date('due_date'),
    completedAt: timestamp('completed_at', tz),
    createdAt: createdAt(),
    metadata: jsonObject('metadata'),
    // Plan/Execute/Optimize: order in the plan, the notes a user keeps, an optimistic-lock version
    // so two devices cannot silently overwrite each other, and what a re-analysis proved.
    position: integer('position').notNull().default(0),
    notes: text('notes'),
    recommendationId: varchar('recommendation_id', { length: 100 }),
    verification: jsonb('verification').$type<Record<string, unknown>>(),
    verificationStatus: varchar('verification_status', { length: 20 })
      .notNull()
      .default('unverified'),
    verifiedAt: timestamp('verified_at', tz),
    verifiedByAnalysisId: uuid('verified_by_analysis_id').references(() => analyses.id, {
      onDelete: 'set null',
    }),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [index('idx_action_items_strategy').on(t.strategyId, t.position)],
);

/** The Core ring: the business's story, one profile per user. */
export const businessProfiles = pgTable('business_profiles', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: varchar('name', { length: LIMITS.name }),
  offering: text('offering'),
  audience: text('audience'),
  differentiators: jsonb('differentiators').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  goals: jsonb('goals').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  websiteUrl: varchar('website_url', { length: LIMITS.url }),
  competitors: jsonb('competitors').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Contact and local details (contracts' BusinessDetails, partial); parsed in the mapper. */
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  /** Fields the owner set by hand (contracts' ProfileField names): the advisor never writes them. */
  ownerFields: jsonb('owner_fields').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One family per login; every refresh token rotated from that login belongs to it. */
export const refreshTokenFamilies = pgTable(
  'refresh_token_families',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    // Absolute lifetime: rotation never extends a family past this.
    expiresAt: timestamp('expires_at', tz).notNull(),
    revokedAt: timestamp('revoked_at', tz),
    revokedReason: varchar('revoked_reason', { length: 50 }),
  },
  (t) => [index('idx_refresh_token_families_user').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    // The id is part of the token the client holds, so a lookup is by primary key.
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => refreshTokenFamilies.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', tz),
  },
  (t) => [index('idx_refresh_tokens_family').on(t.familyId)],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', tz).notNull(),
    usedAt: timestamp('used_at', tz),
  },
  (t) => [index('idx_password_reset_tokens_user').on(t.userId)],
);

/** Every outgoing mail is recorded; without SMTP this table (and the log) is the mailbox. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The recipient's address is personal data: it goes with the user.
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: varchar('to_address', { length: 255 }).notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    textBody: text('text_body').notNull(),
    status: varchar('status', { length: 20 }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', tz),
  },
  (t) => [index('idx_mail_outbox_user').on(t.userId)],
);

/** Model tokens a user spent per UTC day, for DAILY_TOKEN_CAP. */
export const tokenUsage = pgTable(
  'token_usage',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    tokens: integer('tokens').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
