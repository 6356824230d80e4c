import type { Evidence } from '@quento/contracts';
import { humanize } from '../discover/labels';
import { describeRecord, pathOf } from '../discover/value-format';

export interface EvidenceView {
  /** What was checked, e.g. "Meta description". */
  check: string;
  /** Where it fails, in one sentence. */
  where: string;
  /** Page paths where it fails. */
  pages: string[];
  /** Measured values and offending items as sentences. */
  facts: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** One piece of evidence in sentences: no raw keys, no JSON. */
export function describeEvidence(e: Evidence, title?: string): EvidenceView {
  const check = title ?? capital(humanize(e.audit_id));
  const where =
    e.scope === 'site'
      ? 'This is checked once for the whole site.'
      : `Fails on ${e.pages_failing} of ${e.pages_checked} ${e.pages_checked === 1 ? 'page' : 'pages'} checked.`;
  const facts: string[] = [];
  const values = describeRecord(e.values);
  if (values) facts.push(values);
  for (const m of e.measurements) if (isRecord(m)) push(facts, describeRecord(m));
  for (const item of e.items) {
    if (isRecord(item)) push(facts, describeRecord(item));
    else if (item !== null && item !== undefined) push(facts, `${String(item)}.`);
  }
  return { check, where, pages: e.pages.map(pathOf), facts };
}

function push(list: string[], line: string) {
  if (line && !list.includes(line)) list.push(line);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
