import { PlannedAction, Recommendation } from '@quento/contracts';
import { describe, expect, it } from 'vitest';
import type { ReportLike } from '../src/index.ts';
import {
  checkRule,
  diffFindings,
  generateStrategy,
  priorityBand,
  priorityOf,
  priorityScore,
  quadrantOf,
} from '../src/index.ts';

const pass = { score: 1, items: [] };
const na = { score: null, items: [] };

function report(overrides: Partial<Record<string, Record<string, unknown>>> = {}): ReportLike {
  const pages = ['https://shop.test/', 'https://shop.test/about', 'https://shop.test/contact'];
  return {
    url: 'https://shop.test/',
    pages: pages.map((url) => ({
      url,
      status: 200,
      audits: {
        'document-title': pass,
        'meta-description': pass,
        'image-alt': na,
        'thin-content': pass,
        ...((overrides[url] as Record<string, { score: number | null }>) ?? {}),
      },
    })),
    site: {
      audits: {
        'broken-links': pass,
        technology: { score: null, items: [{ name: 'WordPress' }] },
        ...((overrides.site as Record<string, { score: number | null }>) ?? {}),
      },
    },
  };
}

const broken = {
  score: 0,
  items: [{ url: 'https://shop.test/gone', source: 'https://shop.test/about', status: 404 }],
};

describe('generateStrategy', () => {
  it('finds nothing to do on a clean report', () => {
    const s = generateStrategy(report());
    expect(s.recommendations).toEqual([]);
    expect(s.actions).toEqual([]);
    expect(s.summary).toContain('nothing to fix');
  });

  it('turns each failing audit into cited, schema-valid recommendations and actions', () => {
    const s = generateStrategy(
      report({
        'https://shop.test/about': {
          'document-title': { score: 0, items: [] },
          'thin-content': { score: 0, items: [], evidence: { words: 80, threshold: 200 } },
        },
        'https://shop.test/contact': {
          'thin-content': { score: 0, items: [], evidence: { words: 35, threshold: 200 } },
        },
        site: { 'broken-links': broken },
      }),
    );
    for (const r of s.recommendations) expect(Recommendation.parse(r)).toEqual(r);
    for (const a of s.actions) expect(PlannedAction.parse(a)).toEqual(a);

    const ids = s.recommendations.map((r) => r.id);
    // Site-wide broken links reach every page (score 3 x 1 / 1); the missing title on /about and
    // the thin /about and /contact tie at 0.5, and the one failing on more pages goes first.
    expect(ids).toEqual(['rec-links', 'rec-content', 'rec-titles']);
    expect(s.recommendations.map((r) => [r.priority, r.score])).toEqual([
      ['high', 3],
      ['medium', 0.5],
      ['medium', 0.5],
    ]);
    const content = s.recommendations.find((r) => r.id === 'rec-content')!;
    expect(content.evidence).toHaveLength(1);
    expect(content.evidence[0]).toMatchObject({
      audit_id: 'thin-content',
      pages: ['https://shop.test/about', 'https://shop.test/contact'],
      pages_checked: 3,
      pages_failing: 2,
      measurements: [
        { page: 'https://shop.test/about', words: 80, threshold: 200 },
        { page: 'https://shop.test/contact', words: 35, threshold: 200 },
      ],
    });
    expect(content.rationale).toContain('2 of 3 pages');
    // The owner reads what failed, not the audit's id.
    for (const r of s.recommendations) {
      for (const e of r.evidence) expect(r.rationale).not.toContain(e.audit_id);
    }

    const links = s.recommendations.find((r) => r.id === 'rec-links')!;
    expect(links.evidence[0]).toMatchObject({ audit_id: 'broken-links', scope: 'site' });
    expect(links.evidence[0]!.pages).toEqual(['https://shop.test/gone', 'https://shop.test/about']);

    // Every action names the recommendation it serves and a rule a later analysis can check.
    for (const a of s.actions) {
      expect(ids).toContain(a.recommendation_id);
      expect(a.verification).not.toBeNull();
    }
    expect(s.actions.find((a) => a.verification?.audit_id === 'document-title')).toMatchObject({
      title: 'Add a descriptive <title> to 1 page',
      verification: { scope: 'page', pages: ['https://shop.test/about'] },
    });
  });

  it('groups audits that share a fix into one recommendation', () => {
    const s = generateStrategy(
      report({
        'https://shop.test/': { 'document-title': { score: 0, items: [] } },
        site: { 'duplicate-title': { score: 0, items: [{ url: 'https://shop.test/about' }] } },
      }),
    );
    expect(s.recommendations).toHaveLength(1);
    expect(s.recommendations[0]!.evidence.map((e) => e.audit_id).sort()).toEqual([
      'document-title',
      'duplicate-title',
    ]);
    expect(s.actions).toHaveLength(2);
  });

  it('ignores informational and errored audits and unknown ids', () => {
    const s = generateStrategy(
      report({
        'https://shop.test/': {
          'image-alt': { score: 0, items: [], error: { code: 'AUDIT_THREW' } },
          'made-up-audit': { score: 0, items: [] },
        },
      }),
    );
    expect(s.recommendations).toEqual([]);
  });

  it('splits many failing pages into batches of ten', () => {
    const r = report();
    r.pages = Array.from({ length: 23 }, (_, i) => ({
      url: `https://shop.test/p${i}`,
      audits: { 'meta-description': { score: 0, items: [] } },
    }));
    const s = generateStrategy(r);
    expect(s.actions.map((a) => a.verification?.pages.length)).toEqual([10, 10, 3]);
    expect(s.actions[2]!.title).toContain('part 3 of 3');
  });

  it('is deterministic', () => {
    const r = report({ 'https://shop.test/': { 'document-title': { score: 0, items: [] } } });
    expect(generateStrategy(r)).toEqual(generateStrategy(structuredClone(r)));
  });
});

describe('priority and quadrants', () => {
  it('ranks impact over effort, and never calls a fix critical unless it blocks something', () => {
    expect(priorityOf('high', 'low')).toBe('high');
    expect(priorityOf('high', 'medium')).toBe('high');
    expect(priorityOf('medium', 'medium')).toBe('medium');
    expect(priorityOf('low', 'high')).toBe('low');
    expect(priorityBand(priorityScore('high', 0.5, 'low'), true)).toBe('critical');
    expect(priorityBand(priorityScore('high', 0.1, 'low'), true)).toBe('low');
    expect(quadrantOf('high', 'low')).toBe('quick_wins');
    expect(quadrantOf('high', 'high')).toBe('major_projects');
    expect(quadrantOf('low', 'low')).toBe('fill_ins');
    expect(quadrantOf('low', 'high')).toBe('thankless_tasks');
  });
});

describe('checkRule', () => {
  const rule = {
    audit_id: 'document-title',
    scope: 'page' as const,
    pages: ['https://shop.test/about/'],
  };

  it('passes when the audit passes on every listed page (trailing slash ignored)', () => {
    expect(checkRule(rule, report())).toBe('pass');
  });

  it('fails when any listed page still fails', () => {
    const r = report({ 'https://shop.test/about': { 'document-title': { score: 0, items: [] } } });
    expect(checkRule(rule, r)).toBe('fail');
  });

  it('is unknown when the page was not crawled again', () => {
    expect(checkRule({ ...rule, pages: ['https://shop.test/elsewhere'] }, report())).toBe(
      'unknown',
    );
  });

  it('checks site rules against the site audit', () => {
    const siteRule = { audit_id: 'broken-links', scope: 'site' as const, pages: [] };
    expect(checkRule(siteRule, report())).toBe('pass');
    expect(checkRule(siteRule, report({ site: { 'broken-links': broken } }))).toBe('fail');
    expect(checkRule({ ...siteRule, audit_id: 'sitemap' }, report())).toBe('unknown');
  });
});

describe('diffFindings', () => {
  it('reports resolved, new and unchanged findings', () => {
    const before = report({
      'https://shop.test/': { 'document-title': { score: 0, items: [] } },
      'https://shop.test/about': { 'meta-description': { score: 0, items: [] } },
      site: { 'broken-links': broken },
    });
    const after = report({
      'https://shop.test/about': { 'meta-description': { score: 0, items: [] } },
      'https://shop.test/contact': { 'thin-content': { score: 0.5, items: [] } },
    });
    const d = diffFindings(before, after);
    expect(d.resolved).toEqual([
      { audit_id: 'document-title', page: 'https://shop.test/' },
      { audit_id: 'broken-links', page: null },
    ]);
    expect(d.new).toEqual([{ audit_id: 'thin-content', page: 'https://shop.test/contact' }]);
    expect(d.unchanged).toEqual([
      { audit_id: 'meta-description', page: 'https://shop.test/about' },
    ]);
  });
});
