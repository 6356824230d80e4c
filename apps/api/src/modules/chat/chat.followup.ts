/**
 * A model-mode turn's follow-up work: profile extraction, the running summary and the retrieval
 * index. Runs in this process on the turn's context (HTTP turns, and WebSocket turns in embedded
 * mode), or in a worker from the BullMQ queue (WebSocket turns when configured with Redis), which
 * reports what changed on `chatChannel`.
 */

import type { FastifyBaseLogger } from 'fastify';
import type { ModelGateway, Retriever, UrlOptions } from '../../ai/index.ts';
import {
  type BusinessProfile,
  type ChatMessage,
  createConversationChain,
  findingDocs,
  isProfileComplete,
  mergeProfile,
  normalizeProfile,
  profileDoc,
  readCues,
  summaryDoc,
  ZERO_USAGE,
} from '../../ai/index.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Job } from '../../jobs/queue.ts';
import type { QuietLane } from '../../lib/quiet-lane.ts';
import { rowToProfile } from '../profile/profile.mapper.ts';
import type { ProfileRepository } from '../profile/profile.repository.ts';
import type { UsageService } from '../usage/usage.service.ts';
import { toAnalysisSummary, toChatMessages } from './chat.mapper.ts';
import { storeLearned } from './chat.profile.ts';
import type { ChatRepository, ConversationRow } from './chat.repository.ts';

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

/** What the follow-up reads and keeps up to date: a socket's turn context, or one made for it. */
export interface FollowUpContext {
  conversation: ConversationRow;
  profile: BusinessProfile | null;
  /** Tokens used today as the caller knows it; the follow-up adds its own. */
  usedToday: number;
}

/** What the follow-up work needs (a part of ChatServiceDeps). */
export interface FollowUpDeps {
  repo: ChatRepository;
  profiles: ProfileRepository;
  gateway: ModelGateway;
  retriever: Retriever;
  log: FastifyBaseLogger;
  /** Checks the daily cap and records what every model call cost. */
  usage: UsageService;
  /** Called after the business profile changed (ring 1 and users.current_ring follow it). */
  onProfileChanged?: ((userId: string) => Promise<void>) | undefined;
  /** ALLOW_PRIVATE_NETWORKS and FETCH_ALLOW_ORIGINS, for the guided parser's reading of web addresses. */
  urls?: UrlOptions | undefined;
  /** Where a queued follow-up reports what it stored (`chatChannel`). */
  bus?: EventBus | undefined;
}

/** The latest analysis a turn saw, for indexing its findings once. */
export interface LatestAnalysis {
  analysisId: string | undefined;
  analysis: ReturnType<typeof toAnalysisSummary>;
}

export class ChatFollowUps {
  /** Analyses whose findings this process has indexed for retrieval. */
  private readonly indexedAnalyses = new Set<string>();

  constructor(
    private readonly deps: FollowUpDeps,
    /** Shared with the turns: follow-up work waits while a turn has not sent its first token. */
    private readonly lane: QuietLane,
  ) {}

  /** Whether this process already indexed the analysis's findings. */
  indexed(analysisId: string | undefined): boolean {
    return analysisId !== undefined && this.indexedAnalyses.has(analysisId);
  }

  /**
   * An HTTP turn's follow-up, run here. One follow-up per conversation waits at a time: a newer
   * turn's replaces it, since it reads the same recent messages and folds the same history into
   * the summary. Resolves to whether ring 1 is complete afterwards.
   */
  runHere(
    ctx: FollowUpContext,
    userId: string,
    messagesNow: ChatMessage[],
    latest: LatestAnalysis,
  ): Promise<boolean> {
    return this.lane
      .run(ctx.conversation.id, () => this.afterModelReply(ctx, userId, messagesNow, latest))
      .catch((err) => {
        this.deps.log.warn({ err }, 'chat follow-up failed');
        return isProfileComplete(ctx.profile);
      });
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
      data.analysisId && !this.indexed(data.analysisId)
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
    latest: LatestAnalysis,
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
    // When the model's extraction does not parse (or fails), the guided parser reads the turn.
    const said = messagesNow.findLast((m) => m.role === 'user')?.content ?? '';
    const guided = () => readCues(said, normalizeProfile(profile), this.deps.urls);
    const [extraction, summary] = await Promise.all([
      extract
        ? chain
            .extractProfile({ profile, messages: messagesNow.slice(-6) })
            .then((x) => (x.parsed ? x : { ...x, patch: guided() }))
            .catch((err: unknown) => {
              this.deps.log.warn(
                { err },
                'profile extraction failed; the guided parser read the turn',
              );
              return { patch: guided(), usage: ZERO_USAGE };
            })
        : { patch: {}, usage: ZERO_USAGE },
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
      this.deps.usage.record(userId, tokens),
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

  /** Stores what the model learned and tells the caller the profile changed. */
  private async saveProfile(
    userId: string,
    profile: BusinessProfile,
    fields: readonly string[],
  ): Promise<BusinessProfile> {
    const stored = await storeLearned(this.deps.profiles, userId, profile, fields);
    await this.deps.onProfileChanged?.(userId);
    return stored;
  }

  /** Keeps the retrieval index fresh; a failure only costs retrieval quality, so it is logged. */
  async index(userId: string, docs: () => ReturnType<typeof findingDocs>) {
    try {
      await this.deps.retriever.index(docs());
    } catch (err) {
      this.deps.log.warn({ err, userId }, 'retrieval indexing failed');
    }
  }
}
