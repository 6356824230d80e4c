import type { Conversation, Message } from '@quento/contracts';
import type { AnalysisSummary, ChatMessage, StrategySummary } from '../../ai/index.ts';
import type { AnalysisRow, ConversationRow, MessageRow, StrategyRow } from './chat.repository.ts';

export function toConversationDto(row: ConversationRow, mode: 'model' | 'guided'): Conversation {
  return {
    id: row.id,
    title: row.title,
    ring_phase: row.ringPhase as Conversation['ring_phase'],
    status: row.status === 'ended' ? 'ended' : 'active',
    mode,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toMessageDto(row: MessageRow): Message {
  return {
    id: row.id,
    role: row.role as Message['role'],
    content: row.content,
    tokens_used: row.tokensUsed,
    interrupted: row.metadata.interrupted === true,
    created_at: row.createdAt.toISOString(),
  };
}

interface StoredSummary {
  scores?: Record<string, number | null>;
  top_findings?: Array<{ title?: string; severity?: string; audit_id?: string }>;
}

/** analyses.summary (the Discover contract) reduced to what the advisor reads. */
export function toAnalysisSummary(row: AnalysisRow | undefined): AnalysisSummary | null {
  if (!row?.summary) return null;
  const s = row.summary as StoredSummary;
  const scores = s.scores ?? {};
  return {
    url: row.websiteUrl ?? '',
    completedAt: row.completedAt?.toISOString(),
    overallScore: scores.overall ?? null,
    scores: Object.fromEntries(Object.entries(scores).filter(([k]) => k !== 'overall')),
    topFindings: (s.top_findings ?? []).map((f) => ({
      title: f.title ?? f.audit_id ?? 'finding',
      severity: f.severity,
      category: f.audit_id,
    })),
  };
}

type Loose = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The latest strategy reduced to what the advisor reads; tolerant of the Plan ring's shape. */
export function toStrategySummary(row: StrategyRow | undefined): StrategySummary | null {
  if (!row) return null;
  const recs = (Array.isArray(row.recommendations) ? row.recommendations : []) as Loose[];
  const items = (Array.isArray(row.actionItems) ? row.actionItems : []) as Loose[];
  const status = (i: Loose) => str(i.status) ?? 'pending';
  return {
    title: row.title ?? row.summary ?? undefined,
    topRecommendations: recs.slice(0, 5).map((r) => ({
      title: str(r.title) ?? 'recommendation',
      impact: str(r.impact),
      effort: str(r.effort),
      priority: typeof r.priority === 'number' ? r.priority : str(r.priority),
      category: str(r.category),
    })),
    actionCounts: {
      todo: items.filter((i) => ['pending', 'todo'].includes(status(i))).length,
      inProgress: items.filter((i) => status(i) === 'in_progress').length,
      done: items.filter((i) => ['done', 'completed'].includes(status(i))).length,
    },
  };
}

/**
 * Stored messages as the chain reads them: the user's and the assistant's, in order. A reply
 * interrupted before its first token is stored empty; some providers refuse empty messages.
 */
export const toChatMessages = (rows: Array<Pick<MessageRow, 'role' | 'content'>>): ChatMessage[] =>
  rows
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content.trim() !== '')
    .map((m) => ({ role: m.role as ChatMessage['role'], content: m.content }));
