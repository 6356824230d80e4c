import { describe, expect, it } from 'vitest';
import {
  describeEvidence,
  describeItems,
  describeRecord,
  type Evidence,
  shortenAtWord,
} from '../src/index.ts';

const evidence = (e: Partial<Evidence> & Pick<Evidence, 'audit_id'>): Evidence => ({
  scope: 'page',
  pages: [],
  pages_checked: 0,
  pages_failing: 0,
  items: [],
  values: {},
  measurements: [],
  ...e,
});

/** A key as code spells it: `vagueLinks`, `item_count`, `ttfbMs`. */
const RAW_KEY = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/;

describe('describeEvidence', () => {
  it('turns measured values into sentences, not raw keys or JSON', () => {
    const view = describeEvidence(
      evidence({
        audit_id: 'thin-content',
        pages: ['http://127.0.0.1:9000/about'],
        pages_checked: 3,
        pages_failing: 1,
        items: [
          { page: 'http://127.0.0.1:9000/about', url: 'http://127.0.0.1:9000/about', words: 40 },
        ],
        measurements: [{ page: 'http://127.0.0.1:9000/about', words: 40, threshold: 250 }],
      }),
      'Pages with too little text',
    );
    expect(view.check).toBe('Pages with too little text');
    expect(view.where).toBe('Fails on 1 of 3 pages checked.');
    expect(view.pages).toEqual(['/about']);
    // The item repeats the measurement: said once.
    expect(view.facts).toEqual(['On /about: 40 words, at least 250 expected.']);
  });

  it('sums up vague links by what they say', () => {
    const page = 'https://rise.example/menu';
    const view = describeEvidence(
      evidence({
        audit_id: 'link-text',
        pages: [page],
        pages_checked: 2,
        pages_failing: 1,
        items: [
          { page, href: 'https://rise.example/a', text: 'click here', textLang: null },
          { page, href: 'https://rise.example/b', text: 'click here', textLang: null },
          { page, href: 'https://rise.example/c', text: 'more', textLang: null },
        ],
        measurements: [{ page, vagueLinks: 3, language: 'en' }],
      }),
    );
    expect(view.check).toBe('Link text');
    expect(view.facts).toEqual([
      'On /menu: 3 links with vague text, page language “en”.',
      'On /menu: 2 links say “click here”.',
      'On /menu: 1 link says “more”.',
    ]);
  });

  it('reads site-wide values and falls back to words for unknown keys', () => {
    const view = describeEvidence(
      evidence({
        audit_id: 'server-response-time',
        scope: 'site',
        values: { item_count: 2, score: 0.4, vagueLinks: 3, someNewKey: true },
        measurements: [{ ttfbMs: 1200, thresholdMs: 600 }],
      }),
    );
    expect(view.check).toBe('Server response time');
    expect(view.where).toBe('This is checked once for the whole site.');
    expect(view.facts).toEqual([
      '2 problems found, scored 40 out of 100, 3 links with vague text, some new key: yes.',
      'The server took 1,200 ms to start answering, the target is under 600 ms.',
    ]);
  });

  it('says where broken links are and how they answer', () => {
    const view = describeEvidence(
      evidence({
        audit_id: 'broken-links',
        scope: 'site',
        items: [
          {
            url: 'https://rise.example/gone',
            source: 'https://rise.example/',
            status: 404,
            error: null,
          },
          {
            url: 'https://rise.example/dead',
            source: 'https://rise.example/menu',
            status: 0,
            error: 'ECONNREFUSED',
          },
        ],
        measurements: [{ linksChecked: 12, brokenTargets: 2 }],
      }),
    );
    expect(view.facts).toEqual([
      '12 links checked, 2 broken links.',
      'The link on rise.example (home page) to /gone answers with status 404.',
      'The link on /menu to /dead gets no answer (econnrefused).',
    ]);
  });

  it('never lets a camelCase or snake_case key through, whatever the audit reports', () => {
    const view = describeEvidence(
      evidence({
        audit_id: 'local-business-schema',
        scope: 'site',
        values: { item_count: 1, score: 0 },
        items: [{ expectedPhone: '+44 113 496 0000', foundPhone: null, schema_type: 'Bakery' }],
        measurements: [{ blocksFound: 0, openingHours: false }],
      }),
    );
    for (const line of [view.check, view.where, ...view.facts]) expect(line).not.toMatch(RAW_KEY);
    expect(view.facts).toContain(
      'Expected phone: +44 113 496 0000, found phone: none, schema type: Bakery.',
    );
  });

  it('says nothing twice and nothing empty', () => {
    const home = 'https://rise.example/';
    const https = describeEvidence(
      evidence({
        audit_id: 'https',
        pages: [home, `${home}menu`],
        pages_checked: 2,
        pages_failing: 2,
        items: [
          { page: home, url: home },
          { page: `${home}menu`, url: `${home}menu` },
        ],
      }),
    );
    // The items only name the pages, which the view lists already.
    expect(https.facts).toEqual([]);
    expect(https.pages).toEqual(['rise.example (home page)', '/menu']);

    const og = describeEvidence(
      evidence({
        audit_id: 'open-graph',
        items: [{ page: home, property: 'og:title' }],
        measurements: [{ page: home, missing: 'og:title, og:image', present: 2 }],
      }),
    );
    expect(og.facts).toEqual([
      'On rise.example (home page): missing og:title, og:image, 2 tags present.',
    ]);

    // A site audit that lists what it found fails with nothing to list: no "0 problems found".
    const social = describeEvidence(
      evidence({
        audit_id: 'social-profiles',
        scope: 'site',
        values: { item_count: 0, score: 0 },
        measurements: [{ networks: null, openGraph: false, twitterCard: false }],
      }),
    );
    expect(social.facts).toEqual([
      'Scored 0 out of 100.',
      'No social profiles linked, no Open Graph tags, no Twitter card.',
    ]);
  });

  it('reads check names without code marks', () => {
    const view = describeEvidence(
      evidence({ audit_id: 'document-title' }),
      'Document does not have a `<title>` element',
    );
    expect(view.check).toBe('Document does not have a <title> element');
  });

  it('describes a finding’s items alone, as the Discover list shows them', () => {
    const page = 'https://rise.example/';
    expect(
      describeItems(
        'link-text',
        [
          { page, href: `${page}a`, text: 'Read more', textLang: 'en' },
          { page, href: `${page}b`, text: 'Read more', textLang: 'en' },
        ],
        { pages: [page] },
      ),
    ).toEqual(['On rise.example (home page): 2 links say “Read more”.']);
    expect(describeItems('https', [{ page, url: page }], { pages: [page] })).toEqual([]);
  });

  it('names the home page rather than a bare slash', () => {
    expect(describeRecord({ page: 'https://rise.example/', content: '' })).toBe(
      'On rise.example (home page): the text is empty.',
    );
  });
});

describe('shortenAtWord', () => {
  it('cuts at a word boundary, never inside a word', () => {
    expect(shortenAtWord('Sourdough and pastries baked daily', 20)).toBe('Sourdough and…');
    expect(shortenAtWord('short', 20)).toBe('short');
  });
});
