import type { AnalystToolkit, UrlOptions } from '../../ai/index.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AnalysisRepository } from '../analysis/analysis.repository.ts';
import type { StrategyRepository } from '../strategy/strategy.repository.ts';
import type { ChatFollowUpJob, FollowUpDeps } from './chat.followup.ts';

/** What the chat's parts (sessions, turn, follow-ups, analyst) are built from. */
export interface ChatServiceDeps extends FollowUpDeps {
  /** Read for the advisor's answers past ring 1 (analyses, the plan's actions). */
  analyses: AnalysisRepository;
  strategies: StrategyRepository;
  /** The analyst agent's tools (the analyzer package behind the SSRF guard). */
  toolkit: AnalystToolkit;
  /**
   * The analysis's network policy, for the website the guided interview accepts and the check
   * before the agent starts: ALLOW_PRIVATE_NETWORKS, FETCH_ALLOW_ORIGINS.
   */
  urls: UrlOptions;
  /** Resolver for the website's host (DNS_SERVERS); the system's when unset. */
  resolve?: ((hostname: string) => Promise<string[]>) | undefined;
  /**
   * Where WebSocket turns send their follow-up work: the BullMQ queue, run by a worker (possibly
   * another process), which reports on `chatChannel`. Without it (embedded: the worker would be
   * this very process), or over HTTP, the follow-up runs here on the turn's loaded context.
   */
  followUps?: JobQueue<ChatFollowUpJob> | undefined;
}
