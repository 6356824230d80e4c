import type { AnalysisSummary, BusinessProfile, StrategySummary } from '../../profile.ts';

/** The five rings; each has its own system prompt. */
export const RINGS = ['core', 'discover', 'plan', 'execute', 'optimize'] as const;
export type Ring = (typeof RINGS)[number];

/** One stored chat message, oldest first. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A snippet found by retrieval, added to the context. */
export interface RetrievedSnippet {
  kind: string;
  text: string;
}

/** Everything one reply needs, read from storage by the caller. */
export interface ConversationInput {
  ring: Ring;
  profile: Partial<BusinessProfile> | null | undefined;
  analysis?: AnalysisSummary | null | undefined;
  strategy?: StrategySummary | null | undefined;
  /** conversations.summary: the running summary of turns older than the window. */
  summary?: string | null | undefined;
  /** How many messages of `history` the summary already covers (0 when there is none). */
  summarizedCount?: number | undefined;
  /** Previous messages, oldest first, without the new user message. */
  history: ChatMessage[];
  userMessage: string;
  retrieved?: RetrievedSnippet[] | undefined;
}

/** The window kept verbatim: the last 10 turns (a turn is a user message and the replies to it). */
export const WINDOW_TURNS = 10;
