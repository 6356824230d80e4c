import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { analyses, tokenUsage } from '../../src/db/schema.ts';
import { usageDay } from '../../src/modules/usage/usage.repository.ts';
import { bearer, forEachBackend, register, type Session, useApp } from '../support/app.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { seedAdvisorScenario } from '../support/seed.ts';
import { tokensUsedToday } from '../support/usage.ts';

// Strategy tailoring spends tokens like the chat does: it is checked against the daily cap and
// recorded in the same per-user usage (one usage service for every model call).
forEachBackend((backend) => {
  let llm: FakeLlmServer;
  const env: Record<string, string> = { RUN_WORKER: 'false' };
  beforeAll(async () => {
    llm = await startFakeLlm();
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_BASE_URL: llm.baseUrl,
      LLM_MAX_RETRIES: '0',
      DAILY_TOKEN_CAP: '1000',
    });
  });
  afterAll(() => llm.close());
  beforeEach(() => {
    llm.reset();
    llm.setDefault({
      toolCalls: [
        {
          name: 'tailor_strategy',
          args: { summary: 'A plan for the bakery.', order: [], rewrites: [], strategic: [] },
        },
      ],
      usage: { promptTokens: 300, completionTokens: 20 },
    });
  });
  const ctx = useApp(backend, env);

  async function analysed(): Promise<{ s: Session; analysisId: string }> {
    const s = await register(ctx.app);
    await seedAdvisorScenario(ctx.db, ctx.app.services.profiles, s.userId, {
      profile: {
        name: 'Harbor Bakery',
        offering: 'sourdough',
        audience: 'offices',
        differentiators: [],
        goals: ['more catering bookings'],
        website_url: 'https://harbor-bakery.example',
        competitors: [],
      },
      analyses: [{ daysAgo: 1, audits: { 'meta-description': { '/': 0 }, sitemap: 0 } }],
    });
    const [row] = await ctx.db
      .select({ id: analyses.id })
      .from(analyses)
      .where(eq(analyses.userId, s.userId));
    return { s, analysisId: row!.id };
  }
  const generate = (s: Session, analysisId: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/strategy/generate',
      headers: bearer(s.access),
      payload: { analysis_id: analysisId },
    });
  const used = (userId: string) => tokensUsedToday(ctx.db, userId);

  it("records the tailoring call's tokens against the owner's day", async () => {
    const { s, analysisId } = await analysed();
    const res = await generate(s, analysisId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().generated_by).toBe('model');
    expect(await used(s.userId)).toBe(320);
  });

  it('keeps the engine plan without calling the model once the cap is reached', async () => {
    const { s, analysisId } = await analysed();
    await ctx.db.insert(tokenUsage).values({ userId: s.userId, day: usageDay(), tokens: 1000 });
    const res = await generate(s, analysisId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().generated_by).toBe('engine');
    expect(res.json().recommendations.length).toBeGreaterThan(0);
    expect(llm.chatRequests()).toHaveLength(0);
    expect(await used(s.userId)).toBe(1000);
  });
});
