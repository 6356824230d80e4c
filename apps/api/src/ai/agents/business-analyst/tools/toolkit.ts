import type { Finding } from '@quento/contracts';
import { originKey, parseWebAddress } from '@quento/url';
/**
 * What the analyst's tools need from the outside world. The lead plugs in the analyzer package;
 * tests plug in fixtures. Every method is read-only.
 */
export interface FetchedPage {
  url: string;
  title: string;
  text: string;
  links: string[];
}

export interface PageAnalysis {
  url: string;
  overallScore?: number | null | undefined;
  scores: Record<string, number | null>;
  /** The analysis's findings, in the words of the one Finding type (contracts). */
  findings: Pick<Finding, 'audit_id' | 'title' | 'severity' | 'category'>[];
}

export interface SocialProfile {
  network: string;
  url: string;
  handle?: string | undefined;
}

export interface CompetitorCheck {
  url: string;
  ok: boolean;
  title?: string | undefined;
  reason?: string | undefined;
}

export interface AnalystToolkit {
  fetchPage(url: string, signal?: AbortSignal): Promise<FetchedPage>;
  analyze(url: string, signal?: AbortSignal): Promise<PageAnalysis>;
  socialProfiles(url: string, signal?: AbortSignal): Promise<SocialProfile[]>;
  /** Fetch the candidate and say whether it is a live business site. */
  verifyCompetitor(url: string, signal?: AbortSignal): Promise<CompetitorCheck>;
}

/** A verifyCompetitor built on fetchPage: live when it answers with a title or some text. */
export function verifyByFetching(
  fetchPage: AnalystToolkit['fetchPage'],
): AnalystToolkit['verifyCompetitor'] {
  return async (url, signal) => {
    try {
      const page = await fetchPage(url, signal);
      const ok = page.title.trim().length > 0 || page.text.trim().length > 200;
      return {
        url: page.url || url,
        ok,
        title: page.title,
        ...(ok ? {} : { reason: 'empty page' }),
      };
    } catch (err) {
      return { url, ok: false, reason: (err as Error).message };
    }
  };
}

/**
 * The origins (scheme, host and port) a run may touch: the business site and the competitors the
 * owner named. Anything else is refused, so neither a page nor the model can steer the agent to
 * another site, or to another port of the same host.
 */
export class UrlScope {
  private readonly origins = new Set<string>();

  constructor(urls: Iterable<string>) {
    for (const u of urls) this.allow(u);
  }

  /** An address the owner gave; without a scheme it means https. */
  allow(url: string): void {
    const address = parseWebAddress(url);
    const origin = address && originKey(address);
    if (origin) this.origins.add(origin);
  }

  allows(url: string): boolean {
    if (!/^https?:\/\//i.test(url)) return false;
    const origin = originKey(url);
    return origin !== null && this.origins.has(origin);
  }
}
