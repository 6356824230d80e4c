/**
 * A turn's context: everything a turn reads besides the new message, loaded at once, kept by a
 * WebSocket between its turns and brought in step with follow-ups that ran in the worker.
 */
import type { BusinessProfile, ChatMessage } from '../../ai/index.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { rowToProfile } from '../profile/profile.mapper.ts';
import type { ChatServiceDeps } from './chat.deps.ts';
import type { ChatFollowUpEvent } from './chat.followup.ts';
import { toChatMessages } from './chat.mapper.ts';
import type { AnalysisRow, ConversationRow, StrategyRow } from './chat.repository.ts';
import { usageDay } from './chat.repository.ts';

/**
 * What a model-mode turn reads besides the new message. A WebSocket keeps it between its turns
 * so a turn costs two queries (store-if-active, retrieval) before the model call instead of eight; it is
 * reloaded after CONTEXT_TTL_MS so analyses, strategies and edits elsewhere show up.
 */
export interface TurnContext {
  loadedAt: number;
  conversation: ConversationRow;
  history: ChatMessage[];
  profile: BusinessProfile | null;
  analysisRow: AnalysisRow | undefined;
  strategyRow: StrategyRow | undefined;
  /** Tokens used today as last read plus what this context's turns added since (the cap is soft
   * by at most one TTL of another device's use). */
  usedToday: number;
  day: string;
}

const CONTEXT_TTL_MS = 30_000;

/** A WebSocket's turn context, and its load when one is under way (see `prefetch`). */
export interface ContextHolder {
  current?: TurnContext | undefined;
  loading?: Promise<void> | undefined;
}

/** A kept context that is too old, or from another usage day, is loaded again. */
export const isStale = (ctx: TurnContext, now = Date.now()) =>
  now - ctx.loadedAt > CONTEXT_TTL_MS || ctx.day !== usageDay();

export class TurnContexts {
  constructor(
    private readonly deps: Pick<ChatServiceDeps, 'repo' | 'profiles' | 'gateway' | 'usage'>,
  ) {}

  /**
   * Loads a WebSocket's turn context while the user is still typing, so the first message costs
   * what later ones do. Model mode only; a failure is left for the first turn to meet and report.
   */
  prefetch(userId: string, id: string, holder: ContextHolder): void {
    if (!this.deps.gateway.isConfigured || holder.current || holder.loading) return;
    holder.loading = this.load(userId, id, true)
      .then((ctx) => {
        holder.current = ctx;
      })
      .catch(() => {})
      .finally(() => {
        holder.loading = undefined;
      });
  }

  /** Brings a socket's context in step with a follow-up that ran in the worker. */
  applyFollowUp(holder: ContextHolder, event: ChatFollowUpEvent): void {
    const ctx = holder.current;
    if (!ctx || ctx.conversation.id !== event.conversation_id) return;
    ctx.profile = event.profile;
    ctx.usedToday += event.tokens_used;
    ctx.conversation.summary = event.summary;
    ctx.conversation.metadata = {
      ...ctx.conversation.metadata,
      summarizedCount: event.summarized_count,
    };
  }

  /** Everything a turn reads besides the new message, at once: bounded by the slowest query. */
  async load(userId: string, id: string, modelMode: boolean): Promise<TurnContext> {
    const { repo, profiles } = this.deps;
    const [conversation, usedToday, profileRow, history, analysisRow, strategyRow] =
      await Promise.all([
        repo.owned(userId, id),
        modelMode ? this.deps.usage.usedToday(userId) : Promise.resolve(0),
        profiles.get(userId),
        repo.history(id),
        repo.latestAnalysis(userId),
        repo.latestStrategy(userId),
      ]);
    if (!conversation) throw errors.notFound('Session');
    if (conversation.status === 'ended')
      throw new AppError('SESSION_ENDED', 'This session has ended; start a new one');
    return {
      loadedAt: Date.now(),
      conversation,
      history: toChatMessages(history),
      profile: rowToProfile(profileRow),
      analysisRow,
      strategyRow,
      usedToday,
      day: usageDay(),
    };
  }
}
