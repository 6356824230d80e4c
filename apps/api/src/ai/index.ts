/**
 * Quento's AI core, for the API's routes and jobs. Each folder is usable on its own; this file
 * only gathers what callers need. Start with `createModelGateway(settings)` (the API builds the
 * settings from its validated config):
 * `gateway.isConfigured` decides between the conversation chain and the guided advisor.
 */
export * from './advice/index.ts';
export { type AdvisorInput, type AdvisorReply, advisorReply } from './advisor.ts';
export {
  type AnalystInput,
  type AnalystResult,
  type AnalystToolkit,
  type BusinessAnalyst,
  type CompetitorCheck,
  createBusinessAnalyst,
  type FetchedPage,
  type PageAnalysis,
  type SocialProfile,
  verifyByFetching,
} from './agents/business-analyst/index.ts';
export {
  type ChatMessage,
  type ConversationChain,
  type ConversationInput,
  createConversationChain,
  RINGS,
  type Ring,
  type SummaryState,
  type SummaryUpdate,
} from './chains/conversation/index.ts';
export {
  type GuidedState,
  type GuidedTurnInput,
  type GuidedTurnResult,
  guidedStart,
  guidedStateSchema,
  guidedTurn,
  NO_MODEL_NOTICE,
  readCues,
  type UrlOptions,
} from './guided/index.ts';
export {
  type AiSettings,
  createModelGateway,
  DailyTokenCapError,
  embeddingDimensionsFor,
  IncompleteStreamError,
  type ModelGateway,
  ModelNotConfiguredError,
  ModelTimeoutError,
  type TokenUsage,
  type UsageEvent,
  ZERO_USAGE,
} from './models.ts';
export * from './profile.ts';
export {
  createRetriever,
  EmbeddingRefusedError,
  executorFrom,
  FTS_DDL,
  findingDocs,
  profileDoc,
  type RetrievalDoc,
  type RetrievalHit,
  type Retriever,
  type SqlExecutor,
  summaryDoc,
} from './retrieval/index.ts';
export { type StreamReplyOptions, type StreamReplyResult, streamReply } from './streaming.ts';
