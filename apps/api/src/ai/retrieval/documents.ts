/** Build the documents Quento indexes: the profile, conversation summaries, analysis findings. */
import {
  type AnalysisSummary,
  type BusinessProfile,
  describeProfile,
  normalizeProfile,
} from '../profile.ts';
import type { RetrievalDoc } from './types.ts';

export function profileDoc(userId: string, profile: Partial<BusinessProfile>): RetrievalDoc {
  return {
    id: `profile:${userId}`,
    userId,
    kind: 'profile',
    text: describeProfile(normalizeProfile(profile)),
  };
}

export function summaryDoc(userId: string, conversationId: string, summary: string): RetrievalDoc {
  return { id: `summary:${conversationId}`, userId, kind: 'conversation_summary', text: summary };
}

/** One document per finding, so a question retrieves the finding it is about. */
export function findingDocs(
  userId: string,
  analysisId: string,
  analysis: AnalysisSummary,
): RetrievalDoc[] {
  return analysis.topFindings.map((f, i) => ({
    id: `finding:${analysisId}:${i}`,
    userId,
    kind: 'finding',
    text: [
      f.category && `[${f.category}]`,
      f.severity && `(${f.severity})`,
      f.title,
      f.detail && `: ${f.detail}`,
    ]
      .filter(Boolean)
      .join(' '),
  }));
}
