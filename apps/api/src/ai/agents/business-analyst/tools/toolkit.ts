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
  findings: Array<{ id?: string; title: string; severity?: string; category?: string }>;
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
 * The hosts a run may touch: the business site, the competitors the user named and the
 * suggestions that passed verification. Anything else is refused, so a page cannot steer the
 * agent to other sites.
 */
export class UrlScope {
  private readonly hosts = new Set<string>();

  constructor(urls: Iterable<string>) {
    for (const u of urls) this.allow(u);
  }

  static hostOf(url: string): string | null {
    try {
      return new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`).hostname
        .toLowerCase()
        .replace(/^www\./, '');
    } catch {
      return null;
    }
  }

  allow(url: string): void {
    const host = UrlScope.hostOf(url);
    if (host) this.hosts.add(host);
  }

  allows(url: string): boolean {
    if (!/^https?:\/\//i.test(url)) return false;
    const host = UrlScope.hostOf(url);
    return host !== null && this.hosts.has(host);
  }
}
