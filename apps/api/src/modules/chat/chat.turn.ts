/**
 * The chat turn: check access, status and the cap; store the user's message; the advisor's reply
 * (streamed in model mode, the guided advisor without a model); store it; hand the follow-up on.
 */
import {
  advisorReply,
  type BusinessProfile,
  type ChatMessage,
  type GuidedState,
  guidedStateSchema,
  isProfileComplete,
  mergeProfile,
  normalizeProfile,
  profileDoc,
  RINGS,
  type Ring,
  readIntent,
} from '../../ai/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { QuietLane } from '../../lib/quiet-lane.ts';
import { type ContextHolder, isStale, type TurnContexts } from './chat.context.ts';
import type { ChatServiceDeps } from './chat.deps.ts';
import { loadOwnerFacts } from './chat.facts.ts';
import type { ChatFollowUps } from './chat.followup.ts';
import { toAnalysisSummary, toStrategySummary } from './chat.mapper.ts';
import { storeLearned } from './chat.profile.ts';
import type { MessageRow } from './chat.repository.ts';

/** What the client hears when the model gave no word of a reply. */
export const NO_REPLY_MESSAGE =
  'The assistant did not answer in time. Please try again in a moment.';

export interface TurnHooks {
  signal?: AbortSignal | undefined;
  /** Holder for a context kept between turns (the WebSocket's); filled and updated here. */
  context?: ContextHolder | undefined;
  /** The user's message is stored; the reply is being written. */
  onTyping?: (userMessage: MessageRow) => void;
  onToken?: (token: string) => void;
  /** Send the follow-up work to the job queue (the WebSocket, which hears back on the bus). */
  queueFollowUp?: boolean;
}

export interface TurnResult {
  userMessage: MessageRow;
  reply: MessageRow;
  interrupted: boolean;
  profileComplete: boolean;
  /**
   * Work after the reply (model mode: profile extraction, running summary, retrieval index).
   * Resolves to whether ring 1 is complete afterwards; when the work was queued (`queueFollowUp`),
   * once it is queued, with ring 1 as it stands (the result comes on `chatChannel`).
   */
  followUp: Promise<boolean>;
}

/** How many retrieved snippets go into the prompt. */
const RETRIEVED_K = 4;

const asRing = (v: string): Ring =>
  (RINGS as readonly string[]).includes(v) ? (v as Ring) : 'core';

export class ChatTurns {
  constructor(
    private readonly deps: ChatServiceDeps,
    private readonly lane: QuietLane,
    private readonly followUps: ChatFollowUps,
    private readonly contexts: TurnContexts,
  ) {}

  /** The turn joins the cached history; an empty (interrupted) reply is left out, as on reload. */
  private remember(history: ChatMessage[], user: string, reply: string) {
    history.push({ role: 'user', content: user });
    if (reply.trim()) history.push({ role: 'assistant', content: reply });
  }

  /**
   * One turn: check access, status and the cap; store the user's message; stream the reply; store
   * it (interrupted with what arrived when the model fails or `signal` aborts; with nothing
   * arrived, no reply is stored and the turn fails with SERVICE_UNAVAILABLE); count usage.
   */
  async turn(
    userId: string,
    id: string,
    content: string,
    hooks: TurnHooks = {},
  ): Promise<TurnResult> {
    // In the foreground until the first token is out: follow-up work waits for that.
    const leave = this.lane.enter();
    try {
      return await this.runTurn(userId, id, content, {
        ...hooks,
        onToken: (token) => {
          hooks.onToken?.(token);
          leave();
        },
      });
    } finally {
      leave();
    }
  }

  private async runTurn(
    userId: string,
    id: string,
    content: string,
    hooks: TurnHooks,
  ): Promise<TurnResult> {
    const { repo, gateway, retriever } = this.deps;
    const modelMode = gateway.isConfigured;
    const search = () =>
      modelMode
        ? retriever.search(userId, content, RETRIEVED_K).catch((err) => {
            this.deps.log.warn({ err }, 'retrieval failed; answering without it');
            return [];
          })
        : Promise.resolve([]);
    const holder = modelMode ? hooks.context : undefined;
    if (holder?.loading) await holder.loading;
    let ctx = holder?.current;
    if (ctx && isStale(ctx)) ctx = undefined;
    let userMessage: MessageRow | undefined;
    let hits: Awaited<ReturnType<typeof search>> = [];
    if (ctx) {
      this.deps.usage.assertWithin(ctx.usedToday);
      [userMessage, hits] = await Promise.all([
        repo.addUserMessageIfActive(userId, id, content),
        search(),
      ]);
      // Ended or gone since the context was loaded: take the full path, which says which.
      if (!userMessage) ctx = undefined;
    }
    if (!ctx) {
      if (holder) holder.current = undefined;
      ctx = await this.contexts.load(userId, id, modelMode);
      if (modelMode) this.deps.usage.assertWithin(ctx.usedToday);
      [userMessage, hits] = await Promise.all([
        repo.addMessage({ conversationId: id, role: 'user', content }),
        search(),
      ]);
      if (holder) holder.current = ctx;
    }
    if (!userMessage) throw new Error('user message not stored');
    hooks.onTyping?.(userMessage);
    const { conversation, profile, analysisRow, strategyRow } = ctx;
    const history = ctx.history;

    const metadata = conversation.metadata as { guided?: unknown; summarizedCount?: unknown };
    const guided = guidedStateSchema.safeParse(metadata.guided);
    const guidedState: GuidedState | null = guided.success ? guided.data : null;
    const summarizedCount =
      typeof metadata.summarizedCount === 'number' ? metadata.summarizedCount : 0;
    // A copy: the cached history grows below, after this turn's prompt is built.
    const chatHistory: ChatMessage[] = [...history];
    const analysis = toAnalysisSummary(analysisRow);
    const strategy = toStrategySummary(strategyRow);

    // The advisor's questions past ring 1 read the owner's analyses, plan and actions in full.
    const asksAdvice = readIntent(content) !== null && (!modelMode || isProfileComplete(profile));
    const facts = asksAdvice ? await loadOwnerFacts(this.deps, userId, profile) : null;
    const reply = await advisorReply(
      gateway,
      {
        facts,
        urls: this.deps.urls,
        ring: asRing(conversation.ringPhase),
        profile,
        analysis,
        strategy,
        summary: conversation.summary,
        summarizedCount,
        history: chatHistory,
        userMessage: content,
        retrieved: hits.map((h) => ({ kind: h.kind, text: h.text })),
        guidedState,
      },
      { signal: hooks.signal, onToken: hooks.onToken },
    );
    if (reply.error) this.deps.log.warn({ err: reply.error }, 'model reply interrupted');
    if (reply.interrupted && !reply.content.trim()) {
      // Not a word came (every try timed out or failed before its first token): no empty reply
      // is stored; the owner's message stays, and the client is told to send it again.
      this.remember(history, content, '');
      throw new AppError('SERVICE_UNAVAILABLE', NO_REPLY_MESSAGE);
    }

    const replyValues = {
      conversationId: id,
      content: reply.content,
      tokensUsed: reply.tokensUsed,
      metadata: {
        mode: reply.mode,
        ...(reply.advice ? { sources: reply.advice.sources, tools: reply.advice.toolCalls } : {}),
        ...(reply.interrupted ? { interrupted: true } : {}),
        ...(reply.error ? { error: reply.error.name } : {}),
      },
    };
    let stored: MessageRow;
    let profileComplete = isProfileComplete(profile);
    let followUp: Promise<boolean>;
    if (reply.mode === 'guided') {
      const patch = reply.profilePatch ?? {};
      const fields = Object.keys(patch);
      let next = reply.profile ?? mergeProfile(normalizeProfile(profile), patch);
      // The reply, the interview's state and the profile it filled stand or fall together: a
      // reply stored without its profile change would ask the next question of a field never saved.
      let saved: BusinessProfile | undefined;
      stored = await repo.transaction(async (tx) => {
        const row = await repo.addReply(userId, replyValues, undefined, tx);
        await repo.update(
          id,
          { metadata: { ...conversation.metadata, guided: reply.guidedState } },
          tx,
        );
        if (fields.length > 0)
          saved = await storeLearned(this.deps.profiles, userId, next, fields, tx);
        return row;
      });
      if (saved) {
        next = saved;
        await this.deps.onProfileChanged?.(userId);
      }
      this.remember(history, content, reply.content);
      profileComplete = isProfileComplete(next);
      // The index serves model mode's retrieval; keeping it fresh need not hold up the reply.
      const complete = profileComplete;
      followUp = this.followUps
        .index(userId, () => [profileDoc(userId, next)])
        .then(() => complete);
    } else {
      stored = await repo.addReply(userId, replyValues);
      this.remember(history, content, reply.content);
      ctx.usedToday += reply.tokensUsed;
      const messagesNow: ChatMessage[] = [
        ...chatHistory,
        { role: 'user', content },
        { role: 'assistant', content: reply.content },
      ];
      const latest = { analysisId: analysisRow?.id, analysis };
      const queue = hooks.queueFollowUp ? this.deps.followUps : undefined;
      if (queue) {
        // The worker runs it and reports on the bus; the socket updates its context from that.
        followUp = queue
          .enqueue(stored.id, {
            userId,
            conversationId: id,
            replyId: stored.id,
            analysisId: analysisRow?.id ?? null,
          })
          .then(
            () => profileComplete,
            (err: unknown) => {
              this.deps.log.warn({ err }, 'chat follow-up not queued');
              return profileComplete;
            },
          );
      } else {
        followUp = this.followUps.runHere(ctx, userId, messagesNow, latest);
      }
    }
    return {
      userMessage,
      reply: stored,
      interrupted: reply.interrupted,
      profileComplete,
      followUp,
    };
  }
}
