import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisReport, analyze, collectFindings, parseStory } from '../src/index.ts';
import { FIXTURES, type FixtureServer, serveFixture } from './support/fixture-server.ts';

// The bakery fixture holds planted story mismatches: the contact page gives an old phone number,
// the JSON-LD address is out of date and its areaServed leaves one area out, a service the owner
// named is never mentioned, and one of three areas has no page. Expectations are data.
const dir = join(FIXTURES, 'bakery');
const story = parseStory(JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')));
const expected: {
  audits: Record<string, { score: number; explanation: string; items: unknown[] }>;
} = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
const STORY_AUDITS = Object.keys(expected.audits);

let server: FixtureServer;
let withStory: AnalysisReport;
let without: AnalysisReport;

beforeAll(async () => {
  server = await serveFixture('bakery');
  const options = { allowPrivate: true, requestTimeoutMs: 5_000, render: false } as const;
  withStory = await analyze(`${server.origin}/`, { ...options, story });
  without = await analyze(`${server.origin}/`, options);
}, 30_000);
afterAll(() => server.close());

const rel = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll(server.origin, '')) as T;

describe('story-to-site audits on the bakery fixture', () => {
  for (const [id, want] of Object.entries(expected.audits)) {
    it(`${id} matches its expectation`, () => {
      const got = withStory.site.audits[id];
      expect(got?.score).toBeCloseTo(want.score, 3);
      expect(got?.explanation).toBe(want.explanation);
      expect(rel(got?.items)).toEqual(want.items);
    });
  }

  it('finds the phone number that differs between pages, compared as a number', () => {
    const items = withStory.site.audits['nap-consistency']?.items ?? [];
    const wrong = items.filter((i) => i.kind === 'phone' && i.matchesStory === false);
    expect(rel(wrong)).toEqual([
      {
        kind: 'phone',
        value: '+1 503 555 0199',
        page: '/contact.html',
        where: 'text, contact page',
        matchesStory: false,
      },
    ]);
    expect(withStory.site.audits['nap-consistency']?.fixHint).toBe(
      'Change the phone number on /contact.html to +1 503 555 0142.',
    );
    // "(503) 555-0142" in the story and "tel:+15035550142" on the site are the same number.
    expect(items.filter((i) => i.kind === 'phone' && i.matchesStory === true)).toHaveLength(6);
  });

  it('reports the out-of-date schema address and the area it leaves out', () => {
    const items = withStory.site.audits['local-business-schema']?.items ?? [];
    expect(items.find((i) => i.field === 'address')?.status).toBe('differs');
    expect(items.find((i) => i.field === 'areaServed')?.status).toBe('differs');
    expect(items.find((i) => i.field === 'telephone')?.status).toBe('matches');
    expect(items.find((i) => i.field === 'openingHours')?.status).toBe('matches');
    expect(withStory.site.audits['local-business-schema']?.fixHint).toBe(
      'In the LocalBusiness structured data on /, set the address to 12 Harbor Street, Portland, OR 97201 and areas served to Portland, Beaverton, Lake Oswego.',
    );
  });

  it('names the service never mentioned in the owner’s words, and the best page for the others', () => {
    const r = withStory.site.audits['services-covered'];
    expect(r?.explanation).toBe(
      'Your site never mentions corporate arrangements, which you told us you offer.',
    );
    expect(r?.fixHint).toBe(
      'Add a page or a section about corporate arrangements: what you offer, who it is for and how to order it, with the service in its heading.',
    );
    // "wedding cakes" is found in "Weddings: cakes for your big day".
    expect(rel(r?.items[0])).toMatchObject({ service: 'wedding cakes', page: '/weddings.html' });
  });

  it('collectFindings carries the fix for this site', () => {
    const services = collectFindings(withStory).find((f) => f.audit_id === 'services-covered');
    expect(services?.fix).toMatch(/^Add a page or a section about corporate arrangements/);
  });

  it('finds the area without a page of its own', () => {
    const items = withStory.site.audits['areas-covered']?.items ?? [];
    expect(items.filter((i) => i.page === null).map((i) => i.area)).toEqual(['Lake Oswego']);
  });

  it('without a story the five audits are not applicable and weigh nothing', () => {
    for (const id of STORY_AUDITS) {
      expect(without.site.audits[id]?.score, id).toBeNull();
      expect(without.auditScores[id], id).toBeNull();
    }
    // With the story the content score takes the (partly failing) story audits in.
    expect(withStory.scores.content).not.toBe(without.scores.content);
  });
});
