import type { AuditId } from './audit-ids.ts';
import { AUDITS } from './audits/index.ts';
import { type CategoryId, CONFIG } from './config.ts';

export interface AuditCatalogueEntry {
  id: AuditId;
  scope: 'page' | 'site';
  title: string;
  failureTitle: string;
  description: string;
  fixHint: string;
  informative: boolean;
  /** Categories the audit counts in, with its weight there. */
  categories: { category: CategoryId; weight: number }[];
}

/** The audit catalogue, for mapping audit ids to recommendations in other packages. */
export const AUDIT_CATALOGUE: readonly AuditCatalogueEntry[] = AUDITS.map((a) => ({
  id: a.meta.id,
  scope: a.scope,
  title: a.meta.title,
  failureTitle: a.meta.failureTitle,
  description: a.meta.description,
  fixHint: a.meta.fixHint,
  informative: a.meta.informative ?? false,
  categories: (
    Object.entries(CONFIG.categories) as [CategoryId, (typeof CONFIG.categories)[CategoryId]][]
  ).flatMap(([category, c]) =>
    c.auditRefs.filter((r) => r.id === a.meta.id).map((r) => ({ category, weight: r.weight })),
  ),
}));
