import type { Recommendation, VerificationRule } from '@quento/contracts';

export type ExportFormat = 'pdf' | 'markdown' | 'csv' | 'ics';

export interface ExportAction {
  id: string;
  title: string;
  description: string | null;
  category: string | null;
  priority: string | null;
  impact: string | null;
  effort: string | null;
  status: string;
  due_date: string | null;
  completed_at: string | null;
  recommendation_id?: string | null;
  verification?: VerificationRule | null;
  verified?: boolean;
}

/** Everything an export shows: a strategy with its actions and the analysis behind it. */
export interface ExportInput {
  strategy: {
    id: string;
    title: string;
    summary: string | null;
    created_at: string;
    recommendations: Recommendation[];
  };
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
