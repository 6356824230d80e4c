import { readFileSync } from 'node:fs';
import { Recommendation } from '@quento/contracts';
import { describe, expect, it } from 'vitest';
import { blendScores, checkRule, generateStrategy, type ReportLike } from '../src/index.ts';

const pass = { score: 1, items: [] };
const fail = { score: 0, items: [] };
const SITE = 'https://harbor-bakery.example';

/** A bakery's site as the analyzer stores it: every page passes unless `failing` says otherwise. */
function bakery(failing: Record<string, string[]> = {}, site: Record<string, unknown> = {}) {
  const pages: [string, string][] = [
    ['/', 'Harbor Bakery - bread and cakes in Portsmouth'],
    ['/about', 'Our story'],
    ['/menu', 'Menu'],
    ['/catering', 'Catering for offices and weddings'],
    ['/blog/sourdough-tips', 'Five sourdough tips'],
    ['/contact', 'Visit or call us'],
  ];
  const audits = ['meta-description', 'h1', 'image-alt', 'is-crawlable', 'open-graph'];
  return {
    url: `${SITE}/`,
    pages: pages.map(([path, title]) => ({
      url: `${SITE}${path}`,
      status: 200,
      audits: {
        'document-title': { score: 1, items: [{ title }] },
        ...Object.fromEntries(
          audits.map((a) => [a, (failing[path] ?? []).includes(a) ? fail : pass]),
        ),
      },
    })),
    site: { audits: { 'broken-links': pass, 'social-profiles': pass, ...site } },
  } satisfies ReportLike;
}

const owner = {
  name: 'Harbor Bakery',
  goals: ['More catering bookings', 'More Instagram followers'],
};

describe('a plan that serves the owner’s goals', () => {
  it('is named for the business and opens with its goals', () => {
    const s = generateStrategy(bakery({ '/about': ['h1'] }), owner);
    expect(s.title).toBe('Growth plan for Harbor Bakery');
    expect(s.summary).toMatch(
      /^This plan for Harbor Bakery serves your goals: “More catering bookings” and “More Instagram followers”\./,
    );
    expect(s.goals).toEqual(owner.goals);
    // Without a name the host stands in, as before.
    expect(generateStrategy(bakery()).title).toBe('Growth plan for harbor-bakery.example');
  });

  it('says which goal each recommendation serves, and ranks findings on a goal’s pages higher', () => {
    // The same kind of fix (medium impact, low effort) on the catering page and on a blog post.
    const report = bakery({ '/catering': ['meta-description'], '/blog/sourdough-tips': ['h1'] });
    const s = generateStrategy(report, owner);
    for (const r of s.recommendations) {
      expect(Recommendation.parse(r)).toEqual(r);
      expect(owner.goals).toContain(r.goal);
    }
    const [first, second] = s.recommendations;
    expect(first).toMatchObject({
      id: 'rec-descriptions',
      goal: 'More catering bookings',
      goal_match: 'page',
    });
    expect(first!.rationale).toContain('pages tied to your goal “More catering bookings”');
    expect(second).toMatchObject({ id: 'rec-headings', goal_match: 'general' });
    expect(first!.score!).toBeGreaterThan(second!.score!);

    // Without goals the two pages weigh the same.
    const plain = generateStrategy(report);
    expect(plain.recommendations[0]!.score).toBe(plain.recommendations[1]!.score);
    expect(plain.recommendations.every((r) => r.goal === null)).toBe(true);
  });

  it('ties social fixes to a social goal by topic', () => {
    const s = generateStrategy(bakery({}, { 'social-profiles': fail }), owner);
    expect(s.recommendations[0]).toMatchObject({
      id: 'rec-social-presence',
      goal: 'More Instagram followers',
      goal_match: 'topic',
    });
  });

  it('keeps critical for what blocks indexing, not for every high-impact fix', () => {
    const broken = { score: 0, items: [{ url: `${SITE}/gone`, source: `${SITE}/`, status: 404 }] };
    const s = generateStrategy(
      bakery({ '/catering': ['is-crawlable'], '/': ['open-graph'] }, { 'broken-links': broken }),
      owner,
    );
    const priority = Object.fromEntries(s.recommendations.map((r) => [r.id, r.priority]));
    // noindex on the catering page keeps it out of search: that blocks indexing.
    expect(priority['rec-indexing']).toBe('critical');
    // Broken links are high impact, but block neither indexing nor contact.
    expect(priority['rec-links']).not.toBe('critical');
    expect(
      s.actions.filter((a) => a.priority === 'critical').map((a) => a.recommendation_id),
    ).toEqual(['rec-indexing']);
  });
});

/** The analyzer's golden report (a florist's fixture site), with its URLs made absolute again. */
function golden(): ReportLike {
  const raw = readFileSync(
    new URL('../../analyzer/test/fixtures/golden/shop.json', import.meta.url),
    'utf8',
  );
  return JSON.parse(raw, (key, value) =>
    ['url', 'requestedUrl', 'finalUrl', 'source', 'page', 'start'].includes(key) &&
    typeof value === 'string' &&
    value.startsWith('/')
      ? `https://bloom-florist.example${value}`
      : value,
  );
}

describe('a typical plan', () => {
  it('has at most a third of its recommendations high or critical, critical only for blockers', () => {
    const s = generateStrategy(golden(), {
      name: 'Bloom Florist',
      goals: ['More wedding flower orders', 'Be found on Google in Leeds'],
    });
    const n = s.recommendations.length;
    expect(n).toBeGreaterThanOrEqual(12);
    const urgent = s.recommendations.filter(
      (r) => r.priority === 'high' || r.priority === 'critical',
    );
    expect(urgent.length).toBeLessThanOrEqual(Math.floor(n / 3));
    for (const r of s.recommendations.filter((x) => x.priority === 'critical')) {
      expect(r.id).toBe('rec-indexing');
    }
    // Sorted by priority, then by score.
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    for (let i = 1; i < n; i++) {
      const [a, b] = [s.recommendations[i - 1]!, s.recommendations[i]!];
      expect(
        rank[a.priority] < rank[b.priority] || (a.priority === b.priority && a.score! >= b.score!),
      ).toBe(true);
    }
  });
});

describe('PageSpeed and Moz data', () => {
  const external = [
    {
      provider: 'pagespeed',
      metrics: { strategy: 'mobile', performance_score: 42, lcp_ms: 5200 },
    },
    { provider: 'moz', metrics: { domain_authority: 8, spam_score: 2 } },
  ];

  it('become cited recommendations with rules a later analysis checks', () => {
    const s = generateStrategy({ ...bakery(), external }, owner);
    const speed = s.recommendations.find((r) => r.id === 'rec-page-speed')!;
    expect(speed.evidence[0]).toMatchObject({
      audit_id: 'pagespeed-performance',
      values: { provider: 'pagespeed', performance_score: 42, lcp_ms: 5200 },
    });
    const authority = s.recommendations.find((r) => r.id === 'rec-authority')!;
    expect(authority.evidence.map((e) => e.audit_id)).toEqual(['moz-authority']);
    // Spam score 2 % is fine: no recommendation about it.
    expect(s.actions.some((a) => a.verification?.audit_id === 'moz-spam')).toBe(false);

    const rule = s.actions.find((a) => a.verification?.audit_id === 'pagespeed-performance')!
      .verification!;
    const later = (score: number) => ({
      ...bakery(),
      external: [{ provider: 'pagespeed', metrics: { performance_score: score } }],
    });
    expect(checkRule(rule, later(93))).toBe('pass');
    expect(checkRule(rule, later(61))).toBe('fail');
    expect(checkRule(rule, bakery())).toBe('unknown');
  });

  it('add nothing when the providers were not asked', () => {
    const s = generateStrategy(bakery(), owner);
    expect(s.recommendations).toEqual([]);
  });
});

describe('scores with third-party data', () => {
  const scores = { overall: 70, seo: 80, content: 70, performance: 60, social: 50, technical: 80 };

  it('blend PageSpeed into performance and Moz into SEO, and recompute the overall score', () => {
    const blended = blendScores(scores, [
      { provider: 'pagespeed', metrics: { performance_score: 20 } },
      { provider: 'moz', metrics: { domain_authority: 30 } },
    ]);
    expect(blended.performance).toBe(40);
    expect(blended.seo).toBe(70);
    expect(blended.content).toBe(70);
    // The analyzer's category weights: seo 30, content 25, performance 20, social 10, technical 15.
    expect(blended.overall).toBe(
      Math.round((70 * 30 + 70 * 25 + 40 * 20 + 50 * 10 + 80 * 15) / 100),
    );
  });

  it('leave the scores alone without it', () => {
    expect(blendScores(scores, [])).toEqual(scores);
    expect(blendScores(scores, [{ provider: 'moz', metrics: { domain_authority: null } }])).toEqual(
      scores,
    );
  });
});
