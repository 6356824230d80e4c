import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { tokenUsage } from '../../src/db/schema.ts';
import { usageDay } from '../../src/modules/usage/usage.repository.ts';
import { bearer, register, type Session, useApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { type FixtureSite, startFixtureSite } from '../support/fixture-site.ts';
import { tokensUsedToday } from '../support/usage.ts';
import { follow } from '../support/ws.ts';

// The PostgreSQL server when there is one (CI), else the embedded database.
// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

const backend = backends.find((b) => b.name === 'postgres' && b.available) ?? backends[0]!;

const html = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

/** A bakery site: catering and wedding cakes are described, corporate arrangements never. */
function bakerySite(): Map<string, { body: string }> {
  const footer =
    '<footer>Harbor Bakery, 12 Harbor Street <a href="tel:+15035550142">(503) 555-0142</a></footer>';
  return new Map([
    [
      '/',
      {
        body: html(
          'Harbor Bakery',
          `<h1>Harbor Bakery</h1><p>Fresh bread baked every morning. The best cakes in the city.</p>
           <a href="/catering">Catering</a> <a href="/weddings">Weddings</a>${footer}`,
        ),
      },
    ],
    [
      '/catering',
      {
        body: html(
          'Catering',
          `<h1>Catering for meetings</h1><p>Platters for ten to two hundred guests.</p>${footer}`,
        ),
      },
    ],
    [
      '/weddings',
      {
        body: html(
          'Weddings',
          `<h1>Weddings: cakes for your day</h1><p>Tiered cakes.</p>${footer}`,
        ),
      },
    ],
  ]);
}

describe.skipIf(!backend.available)(`the story reaches the analysis (${backend.name})`, () => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });
  let llm: FakeLlmServer;
  let site: FixtureSite;
  const apps: { withModel?: App; without?: App } = {};
  const ws: Record<string, string> = {};

  beforeAll(async () => {
    llm = await startFakeLlm();
    site = await startFixtureSite(bakerySite());
    const base = { RUN_WORKER: 'true', ALLOW_PRIVATE_NETWORKS: 'true' };
    apps.withModel = await ctx.extraApp({
      ...base,
      CHAT_MODEL: 'openai:fake-chat',
      ANALYSIS_MODEL: 'openai:fake-analysis',
      LLM_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'test-key',
    });
    apps.without = await ctx.extraApp(base);
    for (const [name, app] of Object.entries(apps)) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      ws[name] = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }
  });
  afterAll(async () => {
    await site?.close();
    await llm?.close();
  });

  async function owner(app: App, details: Json | null): Promise<Session> {
    const s = await register(app);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/profile',
      headers: bearer(s.access),
      payload: { name: 'Harbor Bakery', website_url: site.url, ...(details ? { details } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return s;
  }

  async function analyse(name: 'withModel' | 'without', s: Session): Promise<Json> {
    const app = apps[name]!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: site.url, options: { max_pages: 5 } },
    });
    expect(res.statusCode, res.body).toBe(202);
    await follow(`${ws[name]}/ws/analysis/${res.json().id}`, s.access);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/analysis/${res.json().id}`,
      headers: bearer(s.access),
    });
    expect(detail.json().status, detail.body).toBe('completed');
    return detail.json();
  }

  it('the profile keeps the details the owner sends, and refuses bad ones with a code', async () => {
    const app = apps.without!;
    const s = await owner(app, {
      phone: '(503) 555-0142',
      services: ['catering', 'catering'],
      country: 'us',
    });
    const got = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me/profile',
      headers: bearer(s.access),
    });
    expect(got.json().details).toEqual({
      phone: '(503) 555-0142',
      address: null,
      services: ['catering'],
      service_areas: [],
      opening_hours: [],
      country: 'US',
    });
    // A partial update changes only the keys sent.
    const more = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/profile',
      headers: bearer(s.access),
      payload: { details: { service_areas: ['Portland'] } },
    });
    expect(more.json().details).toMatchObject({
      phone: '(503) 555-0142',
      service_areas: ['Portland'],
    });
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/profile',
      headers: bearer(s.access),
      payload: { details: { country: 'United States', fax: '1' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('the runner passes the story: the story audits appear in the report, in the owner’s words', async () => {
    const s = await owner(apps.without!, {
      phone: '(503) 555-0142',
      services: ['wedding cakes', 'catering', 'corporate arrangements'],
      country: 'US',
    });
    const detail = await analyse('without', s);
    const audits = detail.results.site.audits;
    expect(audits['services-covered']).toMatchObject({
      score: 2 / 3,
      explanation: 'Your site never mentions corporate arrangements, which you told us you offer.',
    });
    expect(audits['nap-consistency'].score).toBe(1);
    expect(audits['contact-path'].score).toBe(1);
    expect(detail.findings.map((f: Json) => f.auditId ?? f.audit_id)).toContain('services-covered');
    // The plan carries advice for the story finding, naming the failed check in plain words.
    const plan = await apps.without!.inject({
      method: 'POST',
      url: '/api/v1/strategy/generate',
      headers: bearer(s.access),
      payload: { analysis_id: detail.id },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const rec = plan.json().recommendations.find((r: Json) => r.id === 'rec-services-and-areas');
    expect(rec?.title).toBe('Describe every service you offer and every area you serve');
    expect(rec?.rationale).toContain('Some services you offer are missing from the site');
    // No model configured: the analysis is complete without a content assessment.
    expect(detail.results.content_assessment).toBeUndefined();
    expect(llm.chatRequests()).toHaveLength(0);
  });

  it('without details only what the profile holds is compared (the name)', async () => {
    const detail = await analyse('without', await owner(apps.without!, null));
    const audits = detail.results.site.audits;
    expect(audits['services-covered'].score).toBeNull();
    expect(audits['areas-covered'].score).toBeNull();
    const nap = audits['nap-consistency'];
    // The name is checked against the story; numbers are listed, and agree with each other.
    expect(
      nap.items.filter((i: Json) => i.kind === 'name').map((i: Json) => i.matchesStory),
    ).toEqual([true]);
    expect(
      nap.items.filter((i: Json) => i.kind === 'phone').every((i: Json) => i.matchesStory === null),
    ).toBe(true);
    expect(nap.score).toBe(1);
  });

  /** The model's assessment: three verifiable points and one quote the page never had. */
  const assessReply = () => ({
    toolCalls: [
      {
        name: 'assess_content',
        args: {
          first_screen: {
            what: {
              says: true,
              point: 'Says it is a bakery',
              page: site.url,
              quote: 'Fresh bread baked every morning',
            },
            for_whom: {
              says: false,
              point: 'Does not say for whom',
              page: site.url,
              quote: 'The best cakes in the city',
            },
            where: {
              says: true,
              point: 'Names the town',
              page: site.url,
              quote: 'the finest bakery in Portland',
            },
          },
          unproven_claims: [
            { point: 'No proof', page: site.url, quote: 'The best cakes in the city' },
          ],
          audience_gaps: [],
        },
      },
    ],
  });

  it('with ANALYSIS_MODEL the content assessment keeps verified quotes and drops the rest', async () => {
    llm.setDefault(assessReply());
    const detail = await analyse(
      'withModel',
      await owner(apps.withModel!, { services: ['catering'] }),
    );
    const a = detail.results.content_assessment;
    expect(a).toMatchObject({
      model: 'openai:fake-analysis',
      points_returned: 4,
      points_dropped: 1,
    });
    expect(a.first_screen.where).toBeNull();
    expect(a.unproven_claims).toEqual([
      { point: 'No proof', page: site.url, quote: 'The best cakes in the city' },
    ]);
    expect(a.pages[0]).toBe(site.url);
    // The model read the pages as delimited data.
    const user = String(llm.chatRequests().at(-1)?.messages[1]?.content);
    expect(user).toContain(`<untrusted_page url="${site.url}">`);
  });

  it("counts the content assessment against the owner's daily cap, and skips it past the cap", async () => {
    const used = (userId: string) => tokensUsedToday(ctx.db, userId);
    llm.reset();
    llm.setDefault({ ...assessReply(), usage: { promptTokens: 300, completionTokens: 20 } });
    const first = await owner(apps.withModel!, null);
    const done = await analyse('withModel', first);
    expect(done.results.content_assessment).toBeDefined();
    expect(await used(first.userId)).toBe(320);

    // Past the cap (200,000 by default) the chain is not called; the reason is recorded.
    llm.reset();
    const capped = await owner(apps.withModel!, null);
    await ctx.db
      .insert(tokenUsage)
      .values({ userId: capped.userId, day: usageDay(), tokens: 200_000 });
    const skipped = await analyse('withModel', capped);
    expect(llm.chatRequests()).toHaveLength(0);
    expect(skipped.results.content_assessment).toBeUndefined();
    expect(skipped.results.content_assessment_skipped).toBe('daily token cap reached');
    expect(await used(capped.userId)).toBe(200_000);
  });
});
