import type {
  Analysis,
  AnalysisDetail,
  AnalysisScreenshot,
  AnalysisStatus,
  AnalysisSummary,
} from '@quento/contracts';
import { findingsOf } from './analysis.findings.ts';
import type { AnalysisRow } from './analysis.repository.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toAnalysisDto(row: AnalysisRow): Analysis {
  return {
    id: row.id,
    website_url: row.websiteUrl ?? '',
    status: row.status as AnalysisStatus,
    progress: row.progress,
    current_step: row.currentStep,
    pages_done: row.pagesDone,
    pages_total: row.pagesTotal,
    competitors: row.competitors,
    options: row.options,
    summary: (row.summary as AnalysisSummary | null) ?? null,
    error_message: row.errorMessage,
    previous_analysis_id: row.previousAnalysisId,
    conversation_id: row.conversationId,
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    completed_at: iso(row.completedAt),
  };
}

/** The detail view; `screenshot` is the signed link the service made (or null). */
export function toAnalysisDetailDto(
  row: AnalysisRow,
  screenshot: AnalysisScreenshot | null,
): AnalysisDetail {
  const results = row.results ?? null;
  return {
    ...toAnalysisDto(row),
    results,
    findings: results ? findingsOf(results) : [],
    screenshot,
  };
}
