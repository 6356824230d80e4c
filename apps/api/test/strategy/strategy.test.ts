import type { AddressInfo } from 'node:net';
import { Recommendation } from '@quento/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { bakeryPages, type FixtureSite, page, startFixtureSite } from '../support/fixture-site.ts';
import { follow } from '../support/ws.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

forEachBackend((backend) => {
  const ctx = useApp(backend, { ALLOW_PRIVATE_NETWORKS: 'true' });
  let site: FixtureSite;
  let app: App;
  let wsBase: string;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    app = ctx.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    wsBase = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    site = await startFixtureSite(bakeryPages());
    alice = await register(app);
    bob = await register(app);
  });
  afterAll(() => site?.close());

  async function analyse(s: Session): Promise<Json> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: site.url, competitors: [], options: { max_pages: 10 } },
    });
    expect(res.statusCode, res.body).toBe(202);
    const t = await follow(`${wsBase}/ws/analysis/${res.json().id}`, s.access);
    const result = t.messages.at(-1)!.analysis as Json;
    expect(result.status).toBe('completed');
    return result;
  }

  const generate = (s: Session, analysisId: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/strategy/generate',
      headers: bearer(s.access),
      payload: { analysis_id: analysisId },
    });
  const updateActions = (s: Session, id: string, actions: unknown[]) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/strategy/${id}/actions`,
      headers: bearer(s.access),
      payload: { actions },
    });
  const progressOf = async (s: Session) =>
    (
      await app.inject({ url: '/api/v1/users/me/progress', headers: bearer(s.access) })
    ).json() as Json;

  let first: Json;
  let strategy: Json;

  it('generates a strategy whose recommendations cite the analysis’s findings', async () => {
    first = await analyse(alice);
    const res = await generate(alice, first.id);
    expect(res.statusCode, res.body).toBe(201);
    strategy = res.json();
    expect(strategy.generated_by).toBe('engine');
    expect(strategy.analysis_id).toBe(first.id);
    expect(strategy.recommendations.length).toBeGreaterThan(0);
    for (const r of strategy.recommendations) {
      Recommendation.parse(r);
      expect(r.source).toBe('audit');
      expect(r.evidence.length).toBeGreaterThan(0);
    }
    const cited = strategy.recommendations.flatMap((r: Json) =>
      r.evidence.map((e: Json) => e.audit_id),
    );
    expect(cited).toEqual(expect.arrayContaining(['meta-description', 'thin-content']));
    // Every action item is tied to a recommendation and carries a rule a later analysis can check.
    const recIds = strategy.recommendations.map((r: Json) => r.id);
    for (const a of strategy.action_items) {
      expect(recIds).toContain(a.recommendation_id);
      expect(a).toMatchObject({ status: 'pending', version: 1, verification_status: 'unverified' });
      expect(a.verification.audit_id).toBeTruthy();
    }
    const rings = await progressOf(alice);
    expect(rings.rings.find((r: Json) => r.key === 'plan').state).toBe('completed');
    const me = (
      await app.inject({ url: '/api/v1/users/me', headers: bearer(alice.access) })
    ).json();
    expect(me.current_ring).toBe(rings.current_ring);
  });

  it('lists, reads and groups strategies into the priority matrix', async () => {
    const list = (
      await app.inject({ url: '/api/v1/strategy', headers: bearer(alice.access) })
    ).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: strategy.id,
      progress: { total: strategy.action_items.length, done: 0 },
    });
    const got = (
      await app.inject({ url: `/api/v1/strategy/${strategy.id}`, headers: bearer(alice.access) })
    ).json();
    expect(got.recommendations).toEqual(strategy.recommendations);
    const matrix = (
      await app.inject({
        url: `/api/v1/strategy/${strategy.id}/matrix`,
        headers: bearer(alice.access),
      })
    ).json();
    const placed = Object.values(matrix).flat() as Json[];
    expect(placed.map((e) => e.recommendation_id).sort()).toEqual(
      strategy.recommendations.map((r: Json) => r.id).sort(),
    );
    for (const e of matrix.quick_wins) expect(e.effort).not.toBe('high');
    for (const e of matrix.major_projects) expect(e.effort).toBe('high');
  });

  it('updates several actions at once and refuses stale versions with 409, writing nothing', async () => {
    const [a, b] = strategy.action_items as Json[];
    const ok = await updateActions(alice, strategy.id, [
      {
        id: a!.id,
        version: 1,
        status: 'in_progress',
        due_date: '2026-12-01',
        notes: 'Ask the designer',
      },
      { id: b!.id, version: 1, due_date: '2026-12-05' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().action_items[0]).toMatchObject({
      status: 'in_progress',
      due_date: '2026-12-01',
      notes: 'Ask the designer',
      version: 2,
    });
    // A second device still holding version 1 of `a` loses, and nothing of its request is applied.
    const stale = await updateActions(alice, strategy.id, [
      { id: b!.id, version: 2, status: 'done' },
      { id: a!.id, version: 1, status: 'skipped' },
    ]);
    assertError(stale, 409, 'VERSION_CONFLICT');
    expect(stale.json().error.details.current[0]).toMatchObject({ id: a!.id, version: 2 });
    const after = (
      await app.inject({ url: `/api/v1/strategy/${strategy.id}`, headers: bearer(alice.access) })
    ).json();
    expect(after.action_items.find((x: Json) => x.id === b!.id)).toMatchObject({
      status: 'pending',
      version: 2,
    });
  });

  it('answers bad action updates with 4xx and the error shape', async () => {
    const a = strategy.action_items[0] as Json;
    assertError(await updateActions(alice, strategy.id, []), 400);
    assertError(await updateActions(alice, strategy.id, [{ id: a.id, version: 2 }]), 400);
    assertError(
      await updateActions(alice, strategy.id, [{ id: a.id, version: 2, status: 'finished' }]),
      400,
    );
    assertError(
      await updateActions(alice, strategy.id, [{ id: a.id, version: 2, due_date: '12/01/2026' }]),
      400,
    );
    assertError(
      await updateActions(alice, strategy.id, [
        { id: a.id, version: 2, status: 'done', owner: 'x' },
      ]),
      400,
    );
    assertError(
      await updateActions(alice, strategy.id, [
        { id: a.id, version: 2, status: 'done' },
        { id: a.id, version: 2, notes: 'twice' },
      ]),
      400,
    );
    assertError(
      await updateActions(alice, strategy.id, [
        { id: '00000000-0000-4000-8000-000000000000', version: 1, status: 'done' },
      ]),
      404,
    );
    assertError(await generate(alice, 'nope'), 400);
    assertError(await generate(alice, '00000000-0000-4000-8000-000000000000'), 404);
    const malformed = await app.inject({
      method: 'PUT',
      url: `/api/v1/strategy/${strategy.id}/actions`,
      headers: { ...bearer(alice.access), 'content-type': 'application/json' },
      payload: '{"actions": [',
    });
    assertError(malformed, 400);
  });

  it('hides one user’s strategies from another', async () => {
    for (const url of [
      `/api/v1/strategy/${strategy.id}`,
      `/api/v1/strategy/${strategy.id}/matrix`,
    ]) {
      assertError(await app.inject({ url, headers: bearer(bob.access) }), 404);
    }
    assertError(
      await updateActions(bob, strategy.id, [
        { id: strategy.action_items[0].id, version: 2, status: 'done' },
      ]),
      404,
    );
    assertError(await generate(bob, first.id), 404);
    assertError(
      await app.inject({
        method: 'POST',
        url: `/api/v1/strategy/${strategy.id}/export`,
        headers: bearer(bob.access),
        payload: { format: 'csv' },
      }),
      404,
    );
  });

  it('exports the plan as PDF, Markdown, CSV and iCalendar files, each behind a signed link', async () => {
    const httpBase = wsBase.replace('ws://', 'http://');
    // Over HTTP, so that the links the API builds point at where it listens.
    const exp = async (format: string) => {
      const res = await fetch(`${httpBase}/api/v1/strategy/${strategy.id}/export`, {
        method: 'POST',
        headers: { ...bearer(alice.access), 'content-type': 'application/json' },
        body: JSON.stringify({ format }),
      });
      expect(res.status).toBe(201);
      const link = (await res.json()) as Json;
      const file = await fetch(link.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(link.content_type);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="${link.file_name}"`,
      );
      const body = Buffer.from(await file.arrayBuffer());
      expect(body.length).toBe(link.size);
      return { link, body, text: body.toString('utf8') };
    };
    const pdf = await exp('pdf');
    expect(pdf.link.content_type).toBe('application/pdf');
    expect(pdf.link.file_name).toMatch(/^growth-plan-for-127-0-0-1-\d+\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const md = await exp('markdown');
    expect(md.link.content_type).toBe('text/markdown; charset=utf-8');
    expect(md.text).toContain('## Action checklist');
    expect(md.text).toContain('*Notes:* Ask the designer');
    const csv = await exp('csv');
    const rows = parseCsv(csv.text, { columns: true }) as Json[];
    expect(rows).toHaveLength(strategy.action_items.length);
    expect(rows.find((r) => r.ID === strategy.action_items[0].id)).toMatchObject({
      Status: 'In progress',
      'Due date': '2026-12-01',
      Notes: 'Ask the designer',
    });
    const ics = await exp('ics');
    expect(ics.link.content_type).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('dtstart')?.toString()).sort()).toEqual([
      '2026-12-01',
      '2026-12-05',
    ]);
    expect(events.map((e) => String(e.getFirstPropertyValue('description')))).toContainEqual(
      expect.stringContaining('Notes:\nAsk the designer'),
    );
    assertError(
      await app.inject({
        method: 'POST',
        url: `/api/v1/strategy/${strategy.id}/export`,
        headers: bearer(alice.access),
        payload: { format: 'docx' },
      }),
      400,
    );
  });

  it('verifies finished work on a re-analysis, flags what is still failing, and the scores rise', async () => {
    const current = (
      await app.inject({ url: `/api/v1/strategy/${strategy.id}`, headers: bearer(alice.access) })
    ).json();
    const byAudit = (id: string) =>
      current.action_items.find((a: Json) => a.verification.audit_id === id) as Json;
    const description = byAudit('meta-description');
    const thin = byAudit('thin-content');
    const done = await updateActions(alice, strategy.id, [
      { id: description.id, version: description.version, status: 'done' },
      { id: thin.id, version: thin.version, status: 'done' },
    ]);
    expect(done.statusCode, done.body).toBe(200);

    // The owner fixes the description; the thin page stays thin.
    site.pages.set('/', {
      body: page({
        title: 'Rise Bakery',
        description: 'Sourdough and pastries baked daily in Leeds.',
        h1: 'Fresh bread daily',
        links: ['/', '/about', '/menu'],
      }),
    });
    const second = await analyse(alice);
    expect(second.previous_analysis_id).toBe(first.id);
    expect(second.summary.scores.seo).toBeGreaterThan(first.summary.scores.seo);

    const after = (
      await app.inject({ url: `/api/v1/strategy/${strategy.id}`, headers: bearer(alice.access) })
    ).json();
    const get = (id: string) => after.action_items.find((a: Json) => a.id === id) as Json;
    expect(get(description.id)).toMatchObject({ status: 'done', verification_status: 'verified' });
    expect(get(description.id).verified_at).toBeTruthy();
    expect(get(thin.id)).toMatchObject({ status: 'done', verification_status: 'flagged' });
    expect(after.progress).toMatchObject({ verified: 1, flagged: 1 });

    const dash = (
      await app.inject({ url: '/api/v1/users/me/dashboard', headers: bearer(alice.access) })
    ).json();
    expect(dash.score_history.map((h: Json) => h.analysis_id)).toEqual([first.id, second.id]);
    expect(dash.score_history[1].scores.seo).toBeGreaterThan(dash.score_history[0].scores.seo);
    expect(dash.actions).toMatchObject({ done: 2, verified: 1, flagged: 1 });
    expect(dash.next_best_actions.length).toBeGreaterThan(0);
    expect(
      dash.next_best_actions.every((a: Json) => ['pending', 'in_progress'].includes(a.status)),
    ).toBe(true);

    const rings = await progressOf(alice);
    expect(rings.rings.find((r: Json) => r.key === 'optimize').state).toBe('completed');
    expect(rings.rings.find((r: Json) => r.key === 'discover').state).toBe('completed');
  });

  it('refuses to plan from an analysis that has not completed', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(bob.access),
      payload: { website_url: 'http://127.0.0.1:9/' },
    });
    await follow(`${wsBase}/ws/analysis/${res.json().id}`, bob.access);
    assertError(await generate(bob, res.json().id), 409, 'ANALYSIS_NOT_COMPLETED');
    const empty = (
      await app.inject({ url: '/api/v1/users/me/dashboard', headers: bearer(bob.access) })
    ).json();
    expect(empty).toEqual({
      score_history: [],
      actions: { total: 0, done: 0, verified: 0, flagged: 0 },
      next_best_actions: [],
    });
  });
});

describe('with a model configured', () => {
  let llm: FakeLlmServer;
  beforeAll(async () => {
    llm = await startFakeLlm();
  });
  afterAll(() => llm.close());
  forEachBackend((backend) => {
    const ctx = useApp(backend, { ALLOW_PRIVATE_NETWORKS: 'true', LLM_TIMEOUT_MS: '5000' });
    let app: App;
    let site: FixtureSite;
    let s: Session;
    let analysis: Json;
    beforeAll(async () => {
      app = await ctx.extraApp({
        ALLOW_PRIVATE_NETWORKS: 'true',
        CHAT_MODEL: 'openai:fake-chat',
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: 'test',
        LLM_TIMEOUT_MS: '5000',
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      site = await startFixtureSite(bakeryPages());
      s = await register(app);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: bearer(s.access),
        payload: { website_url: site.url, competitors: [], options: { max_pages: 10 } },
      });
      const port = (app.server.address() as AddressInfo).port;
      const t = await follow(`ws://127.0.0.1:${port}/ws/analysis/${res.json().id}`, s.access);
      analysis = t.messages.at(-1)!.analysis as Json;
    });
    afterAll(() => site?.close());

    const generate = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/strategy/generate',
        headers: bearer(s.access),
        payload: { analysis_id: analysis.id },
      });

    it('tailors wording and order, adds strategic items, and keeps every audit recommendation’s evidence', async () => {
      llm.reset();
      // The model sees the engine's plan; answer with the ids it was given, reversed.
      llm.enqueue((req) => {
        const text = JSON.stringify(req.messages);
        const ids = [...new Set(text.match(/rec-[a-z-]+/g) ?? [])];
        return {
          toolCalls: [
            {
              name: 'tailor_strategy',
              args: {
                summary:
                  'Win more local sourdough buyers: fix what search engines see first, then grow wholesale.',
                order: [...ids].reverse(),
                rewrites: ids.map((id) => ({
                  id,
                  title: `Tailored: ${id}`,
                  description: 'Said for a bakery owner.',
                })),
                strategic: [
                  {
                    title: 'Offer a weekly sourdough subscription',
                    description: 'Recurring orders smooth out the week.',
                    category: 'conversion',
                    impact: 'high',
                    effort: 'medium',
                    rationale: 'Repeat buyers are the cheapest customers to keep.',
                  },
                ],
              },
            },
          ],
        };
      });
      const res = await generate();
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.generated_by).toBe('model');
      expect(body.summary).toContain('sourdough');
      const audit = body.recommendations.filter((r: Json) => r.source === 'audit');
      const strategic = body.recommendations.filter((r: Json) => r.source === 'strategic');
      expect(strategic).toHaveLength(1);
      expect(strategic[0]).toMatchObject({
        category: 'conversion',
        evidence: [],
        priority: 'high',
      });
      for (const r of audit) {
        expect(r.title).toBe(`Tailored: ${r.id}`);
        expect(r.evidence.length).toBeGreaterThan(0);
        expect(r.rationale).toMatch(/fails on|site-wide check/);
      }
      // The model's order was applied; the action items follow it.
      const engineOrder = audit.map((r: Json) => r.id).reverse();
      const firstRec = body.action_items[0].recommendation_id;
      expect(firstRec).toBe(audit[0].id);
      expect(engineOrder.at(-1)).toBe(audit[0].id);
      // The plan reached the model inside its data delimiters, with the evidence.
      const sent = JSON.stringify(llm.chatRequests()[0]!.messages);
      expect(sent).toContain('<<<PROFILE>>>');
      expect(sent).toContain('evidence:');
    });

    it('retries invalid model output once, then keeps the engine’s plan', async () => {
      llm.reset();
      const invalid = {
        toolCalls: [
          {
            name: 'tailor_strategy',
            args: { summary: '', order: 'all', strategic: [{ title: 'x' }] },
          },
        ],
      };
      llm.enqueue(invalid, invalid);
      const res = await generate();
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.generated_by).toBe('engine');
      expect(
        body.recommendations.every((r: Json) => r.source === 'audit' && r.evidence.length > 0),
      ).toBe(true);
      expect(llm.chatRequests()).toHaveLength(2);
      expect(JSON.stringify(llm.chatRequests()[1]!.messages)).toContain(
        'did not match the required schema',
      );
    });

    it('uses a corrected answer after one invalid one', async () => {
      llm.reset();
      llm.enqueue(
        { toolCalls: [{ name: 'tailor_strategy', args: { summary: 42 } }] },
        {
          toolCalls: [
            {
              name: 'tailor_strategy',
              args: { summary: 'Fixed plan.', order: [], rewrites: [], strategic: [] },
            },
          ],
        },
      );
      const res = await generate();
      expect(res.json()).toMatchObject({ generated_by: 'model', summary: 'Fixed plan.' });
    });

    it('falls back to the engine when the model is down', async () => {
      llm.reset();
      llm.setDefault({ status: 500, message: 'upstream down' });
      try {
        const res = await generate();
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json().generated_by).toBe('engine');
      } finally {
        llm.reset();
      }
    });
  });
});
