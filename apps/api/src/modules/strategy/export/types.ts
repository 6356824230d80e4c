import type { ActionItem, Recommendation } from '@quento/contracts';

export type ExportFormat = 'pdf' | 'markdown' | 'csv' | 'ics';

/** An action item as the exports read it: the API's action without its bookkeeping fields. */
export type ExportAction = Pick<
  ActionItem,
  | 'id'
  | 'title'
  | 'description'
  | 'category'
  | 'priority'
  | 'impact'
  | 'effort'
  | 'status'
  | 'due_date'
  | 'notes'
  | 'completed_at'
  | 'recommendation_id'
  | 'verification'
  | 'verification_status'
>;

/** Everything an export shows: a strategy with its actions and the analysis behind it. */
export interface ExportInput {
  strategy: {
    id: string;
    title: string;
    summary: string | null;
    created_at: string;
    recommendations: Recommendation[];
  };
  /** In plan order (their position). */
  actions: ExportAction[];
  analysis: {
    website_url: string;
    completed_at: string | null;
    scores: Record<string, number | null | undefined>;
  } | null;
  business_name?: string | null;
}

export interface ExportFile {
  content_type: string;
  filename: string;
  body: Buffer;
}
