import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, forEachBackend, register, type Session, useApp } from '../support/app.ts';
import { type FixtureSite, page, startFixtureSite } from '../support/fixture-site.ts';
import { follow } from '../support/ws.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

/** Harbor Bakery: the catering page and a blog post both lack a description. */
function harborPages() {
  const nav = ['/', '/menu', '/catering', '/blog/sourdough-tips'];
  const desc = 'Bread, cakes and catering in Portsmouth.';
  return new Map([
    [
      '/robots.txt',
      { body: 'User-agent: *\nAllow: /\n', headers: { 'content-type': 'text/plain' } },
    ],
    [
      '/',
      { body: page({ title: 'Harbor Bakery', description: desc, h1: 'Fresh bread', links: nav }) },
    ],
    ['/menu', { body: page({ title: 'Our menu', description: desc, h1: 'Menu', links: nav }) }],
    ['/catering', { body: page({ title: 'Catering for offices', h1: 'Catering', links: nav }) }],
    ['/blog/sourdough-tips', { body: page({ title: 'Sourdough tips', h1: 'Tips', links: nav }) }],
  ]);
}

forEachBackend((backend) => {
  const ctx = useApp(backend, { ALLOW_PRIVATE_NETWORKS: 'true' });
  let site: FixtureSite;
  let owner: Session;
  let wsBase: string;

  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    wsBase = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    site = await startFixtureSite(harborPages());
    owner = await register(ctx.app);
  });
  afterAll(() => site?.close());

  describe('a plan for the business and its goals', () => {
    it('is named for the business, opens with its goals and ties recommendations to them', async () => {
      const profile = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/users/me/profile',
        headers: bearer(owner.access),
        payload: { name: 'Harbor Bakery', goals: ['More catering bookings'] },
      });
      expect(profile.statusCode, profile.body).toBe(200);

      const started = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/analysis',
        headers: bearer(owner.access),
        payload: { website_url: site.url, options: { max_pages: 10 } },
      });
      expect(started.statusCode, started.body).toBe(202);
      const t = await follow(`${wsBase}/ws/analysis/${started.json().id}`, owner.access);
      expect((t.messages.at(-1)!.analysis as Json).status).toBe('completed');

      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/strategy/generate',
        headers: bearer(owner.access),
        payload: { analysis_id: started.json().id },
      });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json() as Json;
      expect(plan.title).toBe('Growth plan for Harbor Bakery');
      expect(plan.summary).toMatch(
        /^This plan for Harbor Bakery serves your goals: “More catering bookings”\./,
      );
      expect(plan.goals).toEqual(['More catering bookings']);
      const descriptions = plan.recommendations.find((r: Json) => r.id === 'rec-descriptions');
      expect(descriptions).toMatchObject({ goal: 'More catering bookings', goal_match: 'page' });
      for (const r of plan.recommendations) expect(r.goal).toBe('More catering bookings');

      // The plan reads back the same, goals included.
      const again = await ctx.app.inject({
        url: `/api/v1/strategy/${plan.id}`,
        headers: bearer(owner.access),
      });
      expect(again.json()).toMatchObject({ title: plan.title, goals: plan.goals });
    });
  });
});
