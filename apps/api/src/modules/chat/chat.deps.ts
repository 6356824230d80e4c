import type { AnalystToolkit } from '../../ai/index.ts';
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
  /** ALLOW_PRIVATE_NETWORKS, for checking the website URL before the agent starts. */
  allowPrivate: boolean;
  /**
   * Where WebSocket turns send their follow-up work: the job queue, run by the worker (its own
   * process when configured so), which reports on `chatChannel`. Without it, or over HTTP, the
   * follow-up runs in this process.
   */
  followUps?: JobQueue<ChatFollowUpJob> | undefined;
}
