import { AnalyzerError, assertPublicUrl } from '@quento/analyzer';
import type {
  AnalystResponse,
  ConversationDetail,
  ConversationList,
  CreateSessionRequest,
  SendMessageResponse,
} from '@quento/contracts';
import type { FastifyBaseLogger } from 'fastify';
import {
  type AnalystToolkit,
  advisorReply,
  type BusinessProfile,
  type ChatMessage,
  createBusinessAnalyst,
  createConversationChain,
  DailyTokenCapError,
  findingDocs,
  type GuidedState,
  guidedStart,
  guidedStateSchema,
  isProfileComplete,
  type ModelGateway,
  mergeProfile,
  normalizeProfile,
  profileDoc,
  type Retriever,
  RINGS,
  type Ring,
  summaryDoc,
} from '../../ai/index.ts';
import type { Tx } from '../../db/client.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Job, JobQueue } from '../../jobs/queue.ts';
import { fromAnalyzerError } from '../../lib/analyzer-errors.ts';
import { AppError, errors } from '../../lib/errors.ts';
import { QuietLane } from '../../lib/quiet-lane.ts';
import { profileToChanges, rowToProfile } from '../profile/profile.mapper.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';
import {
  toAnalysisSummary,
  toConversationDto,
  toMessageDto,
  toStrategySummary,
} from './chat.mapper.ts';
import type {
  AnalysisRow,
  ChatRepository,
  ConversationRow,
  MessageRow,
  StrategyRow,
} from './chat.repository.ts';
import { usageDay } from './chat.repository.ts';

export interface ChatServiceDeps {
  repo: ChatRepository;
  profiles: ProfileRepository;
  gateway: ModelGateway;
  retriever: Retriever;
  log: FastifyBaseLogger;
  /** The analyst agent's tools (the analyzer package behind the SSRF guard). */
  toolkit: AnalystToolkit;
  /** ALLOW_PRIVATE_NETWORKS, for checking the website URL before the agent starts. */
  allowPrivate: boolean;
  /** Called after the business profile changed (ring 1 and users.current_ring follow it). */
  onProfileChanged?: (userId: string) => Promise<void>;
  /**
   * Where WebSocket turns send their follow-up work: the job queue, run by the worker (its own
   * process when configured so), which reports on `chatChannel`. Without it, or over HTTP, the
   * follow-up runs in this process.
   */
  followUps?: JobQueue<ChatFollowUpJob> | undefined;
  bus?: EventBus | undefined;
}

/** A turn's follow-up work: profile extraction, running summary, retrieval index. */
export interface ChatFollowUpJob {
  userId: string;
  conversationId: string;
  /** The reply the turn stored: a follow-up whose reply is no longer the latest is skipped. */
  replyId: string;
  /** The latest analysis the turn saw, for indexing its findings once. */
  analysisId: string | null;
}

/** Published on `chatChannel` when a follow-up has stored what it learned. */
export interface ChatFollowUpEvent {
  type: 'followup';
  conversation_id: string;
  profile: BusinessProfile;
  profile_complete: boolean;
  summary: string | null;
  summarized_count: number;
  /** Tokens the follow-up's model calls used (already added to token_usage). */
  tokens_used: number;
}

/** The bus channel of one conversation's follow-up events. */
export const chatChannel = (conversationId: string) => `chat:${conversationId}`;

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

/**
 * Stored messages as the chain reads them: the user's and the assistant's, in order. A reply
 * interrupted before its first token is stored empty; some providers refuse empty messages.
 */
const toChatMessages = (rows: Array<Pick<MessageRow, 'role' | 'content'>>): ChatMessage[] =>
  rows
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content.trim() !== '')
    .map((m) => ({ role: m.role as ChatMessage['role'], content: m.content }));

/** What the follow-up reads and keeps up to date: a socket's turn context, or one made for it. */
type FollowUpContext = Pick<TurnContext, 'conversation' | 'profile' | 'usedToday'>;

/** How many retrieved snippets go into the prompt. */
const RETRIEVED_K = 4;

const asRing = (v: string): Ring =>
  (RINGS as readonly string[]).includes(v) ? (v as Ring) : 'core';

/** Chat sessions: access checks, the turn (store, reply, store), usage and the profile. */
export class ChatService {
  /** Analyses whose findings this process has indexed for retrieval. */
  private readonly indexedAnalyses = new Set<string>();
  /** Follow-up work runs here, out of the way of turns that have not sent a first token yet. */
  private readonly lane = new QuietLane();

  constructor(private readonly deps: ChatServiceDeps) {}

  get mode(): 'model' | 'guided' {
    return this.deps.gateway.isConfigured ? 'model' : 'guided';
  }
  /** The turn joins the cached history; an empty (interrupted) reply is left out, as on reload. */
  private remember(history: ChatMessage[], user: string, reply: string) {
    history.push({ role: 'user', content: user });
    if (reply.trim()) history.push({ role: 'assistant', content: reply });
  }

  /**
   * Stores the advisor's view of the fields it learned (`fields`, taken from the merged
   * `profile`) and returns the profile as stored: fields the owner set by hand keep their values.
   */
  private async saveProfile(
    userId: string,
    profile: BusinessProfile,
    fields: readonly string[],
  ): Promise<BusinessProfile> {
    const stored = await this.storeLearned(userId, profile, fields);
    await this.deps.onProfileChanged?.(userId);
    return stored;
  }

  /** saveProfile's write alone, on `conn` (a turn's transaction). */
  private async storeLearned(
    userId: string,
    profile: BusinessProfile,
    fields: readonly string[],
    conn?: Tx,
  ): Promise<BusinessProfile> {
    const learned = Object.fromEntries(
      Object.entries(profile).filter(([field]) => fields.includes(field)),
    );
    const row = await this.deps.profiles.saveFromAdvisor(userId, profileToChanges(learned), conn);
    return normalizeProfile(rowToProfile(row));
  }

  async create(userId: string, body: CreateSessionRequest) {
    const { repo, profiles } = this.deps;
    if (this.mode === 'model') {
      const row = await repo.create(userId, { ...body, metadata: {} });
      return toConversationDto(row, this.mode);
    }
    // Guided mode opens with the first core-story question, so the user sees what to answer.
    const start = guidedStart(rowToProfile(await profiles.get(userId)));
    const row = await repo.create(userId, { ...body, metadata: { guided: start.state } });
    await repo.addMessage({ conversationId: row.id, role: 'assistant', content: start.reply });
    return toConversationDto(row, this.mode);
  }

  async list(userId: string, q: { limit: number; offset: number }): Promise<ConversationList> {
    const { rows, total } = await this.deps.repo.list(userId, q.limit, q.offset);
    return {
      items: rows.map((r) => toConversationDto(r, this.mode)),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async owned(userId: string, id: string): Promise<ConversationRow> {
    const row = await this.deps.repo.owned(userId, id);
    if (!row) throw errors.notFound('Session');
    return row;
  }

  async get(
    userId: string,
    id: string,
    q: { limit: number; before?: string | undefined },
  ): Promise<ConversationDetail> {
    const row = await this.owned(userId, id);
    const rows = await this.deps.repo.page(id, q.limit, q.before);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    return {
      ...toConversationDto(row, this.mode),
      messages: {
        items: page.reverse().map(toMessageDto),
        next_before: more ? (page[0]?.id ?? null) : null,
      },
    };
  }

  async end(userId: string, id: string) {
    await this.owned(userId, id);
    const row = await this.deps.repo.end(userId, id);
    if (!row) throw errors.notFound('Session');
    return toConversationDto(row, this.mode);
  }

  /**
   * Runs the business analyst agent on the user's website (or `websiteUrl`) and its competitors,
   * and stores its report as an assistant message in the session.
   */
  async analyst(
    userId: string,
    id: string,
    body: { website_url?: string | undefined },
    signal?: AbortSignal,
  ): Promise<AnalystResponse> {
    const { repo, profiles, gateway } = this.deps;
    const [conversation, usedToday, profileRow] = await Promise.all([
      repo.owned(userId, id),
      repo.usedToday(userId),
      profiles.get(userId),
    ]);
    if (!conversation) throw errors.notFound('Session');
    if (conversation.status === 'ended')
      throw new AppError('SESSION_ENDED', 'This session has ended; start a new one');
    if (!gateway.isConfigured)
      throw new AppError(
        'MODEL_NOT_CONFIGURED',
        'The analyst agent needs a model (CHAT_MODEL); run an analysis from Discover instead',
      );
    this.assertCap(usedToday);
    const profile = rowToProfile(profileRow);
    const websiteUrl = body.website_url ?? profile?.website_url;
    if (!websiteUrl)
      throw new AppError('WEBSITE_REQUIRED', 'Tell me your website first, or pass website_url');
    try {
      await assertPublicUrl(websiteUrl, { allowPrivate: this.deps.allowPrivate });
    } catch (err) {
      if (err instanceof AnalyzerError) throw fromAnalyzerError(err, 'website_url');
      throw err;
    }
    await repo.addMessage({
      conversationId: id,
      role: 'user',
      content: `Analyse ${websiteUrl} and its competitors.`,
      metadata: { kind: 'analyst_request' },
    });
    const agent = createBusinessAnalyst(gateway, this.deps.toolkit);
    const result = await agent.analyze({ websiteUrl, profile, signal });
    const toolCalls = result.toolCalls.map((c) => ({
      name: c.name,
      url: typeof c.args.url === 'string' ? c.args.url : null,
    }));
    const stored = await repo.addMessage({
      conversationId: id,
      role: 'assistant',
      content: result.report,
      tokensUsed: result.usage.totalTokens,
      metadata: { kind: 'analyst_report', iterations: result.iterations, tool_calls: toolCalls },
    });
    await repo.addUsage(userId, result.usage.totalTokens);
    return {
      message: toMessageDto(stored),
      iterations: result.iterations,
      tool_calls: toolCalls,
      competitors_verified: result.competitors.filter((c) => c.ok).map((c) => c.url),
    };
  }

  private assertCap(usedToday: number) {
    try {
      this.deps.gateway.assertWithinDailyCap(usedToday);
    } catch (err) {
      if (err instanceof DailyTokenCapError)
        throw new AppError('TOKEN_CAP_REACHED', err.message, {
          cap: err.cap,
          used: err.used,
        });
      throw err;
    }
  }

  /**
   * Loads a WebSocket's turn context while the user is still typing, so the first message costs
   * what later ones do. Model mode only; a failure is left for the first turn to meet and report.
   */
  prefetch(userId: string, id: string, holder: ContextHolder): void {
    if (this.mode !== 'model' || holder.current || holder.loading) return;
    holder.loading = this.loadContext(userId, id, true)
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
  private async loadContext(userId: string, id: string, modelMode: boolean): Promise<TurnContext> {
    const { repo, profiles } = this.deps;
    const [conversation, usedToday, profileRow, history, analysisRow, strategyRow] =
      await Promise.all([
        repo.owned(userId, id),
        modelMode ? repo.usedToday(userId) : Promise.resolve(0),
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

  /** HTTP: the whole turn, answered once the follow-up work is done. */
  async send(userId: string, id: string, content: string): Promise<SendMessageResponse> {
    const turn = await this.turn(userId, id, content);
    const complete = await turn.followUp;
    return {
      user_message: toMessageDto(turn.userMessage),
      reply: toMessageDto(turn.reply),
      profile_complete: complete,
    };
  }

  /**
   * One turn: check access, status and the cap; store the user's message; stream the reply; store
   * it (interrupted with what arrived when the model fails or `signal` aborts); count usage.
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
    if (ctx && (Date.now() - ctx.loadedAt > CONTEXT_TTL_MS || ctx.day !== usageDay()))
      ctx = undefined;
    let userMessage: MessageRow | undefined;
    let hits: Awaited<ReturnType<typeof search>> = [];
    if (ctx) {
      this.assertCap(ctx.usedToday);
      [userMessage, hits] = await Promise.all([
        repo.addUserMessageIfActive(userId, id, content),
        search(),
      ]);
      // Ended or gone since the context was loaded: take the full path, which says which.
      if (!userMessage) ctx = undefined;
    }
    if (!ctx) {
      if (holder) holder.current = undefined;
      ctx = await this.loadContext(userId, id, modelMode);
      if (modelMode) this.assertCap(ctx.usedToday);
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

    const reply = await advisorReply(
      gateway,
      {
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

    const replyValues = {
      conversationId: id,
      content: reply.content,
      tokensUsed: reply.tokensUsed,
      metadata: {
        mode: reply.mode,
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
      let next = mergeProfile(normalizeProfile(profile), patch);
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
        if (fields.length > 0) saved = await this.storeLearned(userId, next, fields, tx);
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
      followUp = this.index(userId, () => [profileDoc(userId, next)]).then(() => complete);
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
        const turnCtx = ctx;
        // One follow-up per conversation waits at a time: a newer turn's replaces it, since it
        // reads the same recent messages and folds the same history into the summary.
        followUp = this.lane
          .run(id, () => this.afterModelReply(turnCtx, userId, messagesNow, latest))
          .catch((err) => {
            this.deps.log.warn({ err }, 'chat follow-up failed');
            return isProfileComplete(profile);
          });
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

  /**
   * The worker's side of a queued follow-up: reads the conversation as stored, does the work and
   * publishes what changed. One conversation's follow-ups run one at a time, and a newer turn's
   * follow-up makes an older one that has not started yet unnecessary.
   */
  readonly handleFollowUp = async (job: Job<ChatFollowUpJob>): Promise<void> => {
    const { conversationId } = job.data;
    await this.lane.run(conversationId, () => this.followUpFromStore(job.data));
  };

  private async followUpFromStore(data: ChatFollowUpJob): Promise<boolean> {
    const { repo, profiles } = this.deps;
    const [conversation, profileRow, history] = await Promise.all([
      repo.owned(data.userId, data.conversationId),
      profiles.get(data.userId),
      repo.history(data.conversationId),
    ]);
    const profile = rowToProfile(profileRow);
    if (!conversation) return isProfileComplete(profile);
    const lastReply = history.findLast((m) => m.role === 'assistant');
    // A newer reply queued its own follow-up, which reads the same recent messages.
    if (lastReply && lastReply.id !== data.replyId) return isProfileComplete(profile);
    const ctx: FollowUpContext = { conversation, profile, usedToday: 0 };
    const analysisRow =
      data.analysisId && !this.indexedAnalyses.has(data.analysisId)
        ? await repo.latestAnalysis(data.userId)
        : undefined;
    const complete = await this.afterModelReply(ctx, data.userId, toChatMessages(history), {
      analysisId: analysisRow?.id,
      analysis: toAnalysisSummary(analysisRow),
    });
    const event: ChatFollowUpEvent = {
      type: 'followup',
      conversation_id: conversation.id,
      profile: normalizeProfile(ctx.profile),
      profile_complete: complete,
      summary: conversation.summary,
      summarized_count: Number(
        (conversation.metadata as { summarizedCount?: unknown }).summarizedCount ?? 0,
      ),
      tokens_used: ctx.usedToday,
    };
    await this.deps.bus?.publish(chatChannel(conversation.id), event);
    return complete;
  }

  /** Model mode, after the reply: profile extraction, running summary, retrieval index. */
  private async afterModelReply(
    ctx: FollowUpContext,
    userId: string,
    messagesNow: ChatMessage[],
    latest: { analysisId: string | undefined; analysis: ReturnType<typeof toAnalysisSummary> },
  ): Promise<boolean> {
    const { repo, gateway } = this.deps;
    const { conversation, profile } = ctx;
    // Read now, not at the turn: an earlier follow-up of this conversation may have moved it.
    const stored = (conversation.metadata as { summarizedCount?: unknown }).summarizedCount;
    const summarizedCount = typeof stored === 'number' ? stored : 0;
    const chain = createConversationChain(gateway);
    // Extraction costs a model call a turn: run it while the core story is being told (ring 1
    // open or a Core conversation), not in every later conversation.
    const extract = !isProfileComplete(profile) || conversation.ringPhase === 'core';
    const [extraction, summary] = await Promise.all([
      extract
        ? chain.extractProfile({ profile, messages: messagesNow.slice(-6) })
        : { patch: {}, usage: { totalTokens: 0 } },
      chain.updateSummary({ summary: conversation.summary ?? '', summarizedCount }, messagesNow),
    ]);
    // The writes and the index can wait too, for turns that came in while the model answered.
    await this.lane.quiet();
    const tokens = extraction.usage.totalTokens + summary.usage.totalTokens;
    ctx.usedToday += tokens;
    const changed = Object.keys(extraction.patch).length > 0;
    let next = mergeProfile(normalizeProfile(profile), extraction.patch);
    const metadata = { ...conversation.metadata, summarizedCount: summary.summarizedCount };
    const [, saved] = await Promise.all([
      repo.addUsage(userId, tokens),
      changed ? this.saveProfile(userId, next, Object.keys(extraction.patch)) : undefined,
      summary.updated
        ? repo.update(conversation.id, { summary: summary.summary, metadata })
        : undefined,
    ]);
    if (saved) next = saved;
    // Keep the socket's context in step with what was just stored.
    ctx.profile = next;
    if (summary.updated) {
      conversation.summary = summary.summary;
      conversation.metadata = metadata;
    }
    const newAnalysis =
      latest.analysisId && latest.analysis && !this.indexedAnalyses.has(latest.analysisId);
    if (changed || summary.updated || newAnalysis) {
      await this.index(userId, () => [
        ...(changed || !profile ? [profileDoc(userId, next)] : []),
        ...(summary.updated && summary.summary
          ? [summaryDoc(userId, conversation.id, summary.summary)]
          : []),
        ...(newAnalysis && latest.analysisId && latest.analysis
          ? findingDocs(userId, latest.analysisId, latest.analysis)
          : []),
      ]);
      if (newAnalysis && latest.analysisId) {
        // Bounded: forgetting only means indexing an analysis's findings again (an upsert).
        if (this.indexedAnalyses.size > 10_000) this.indexedAnalyses.clear();
        this.indexedAnalyses.add(latest.analysisId);
      }
    }
    return isProfileComplete(next);
  }

  private async index(userId: string, docs: () => ReturnType<typeof findingDocs>) {
    try {
      await this.deps.retriever.index(docs());
    } catch (err) {
      this.deps.log.warn({ err, userId }, 'retrieval indexing failed');
    }
  }
}
