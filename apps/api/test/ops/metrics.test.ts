import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bearer, register, useApp } from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';
import { backends } from '../support/db.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { bakeryPages, type FixtureSite, startFixtureSite } from '../support/fixture-site.ts';
import { until } from '../support/processes.ts';

const backend = backends.find((b) => b.name === 'postgres' && b.available) ?? backends[0]!;
const RULES = fileURLToPath(new URL('../../../../deploy/prometheus/alerts.yml', import.meta.url));

/** The value of one sample line of the exposition text, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe(`metrics (${backend.name})`, () => {
  let llm: FakeLlmServer;
  let site: FixtureSite;
  let failPrimary = false;
  beforeAll(async () => {
    site = await startFixtureSite(bakeryPages());
    llm = await startFakeLlm({
      defaultReply: (req) => {
        if (!req.stream) return { content: '{}' };
        if (failPrimary && req.model === 'fake-chat') return { status: 500 };
        return { content: 'A reply in a few tokens.' };
      },
    });
  });
  afterAll(async () => {
    await llm?.close();
    await site?.close();
  });
  const env: Record<string, string> = {};
  beforeAll(() => {
    Object.assign(env, {
      CHAT_MODEL: 'openai:fake-chat',
      LLM_FALLBACK_MODELS: 'openai:fake-backup',
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MAX_RETRIES: '0',
      ALLOW_PRIVATE_NETWORKS: 'true',
    });
  });
  const ctx = useApp(backend, env);
  let wsBase = '';
  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    wsBase = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  });
  const scrape = async () => (await ctx.app.inject({ url: '/metrics' })).body;

  it('model latency (first token, total) and tokens by the model that answered', async () => {
    const s = await register(ctx.app);
    const session = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });
    const ws = await ChatSocket.open(`${wsBase}/ws/chat/${session.json().id}`, s.access);
    await ws.until((e) => e.type === 'ready');
    expect(sample(await scrape(), 'quento_websocket_connections')).toBe(1);
    expect((await ws.turn('hello')).at(-1)).toMatchObject({ type: 'final', interrupted: false });
    failPrimary = true;
    expect((await ws.turn('again')).at(-1)).toMatchObject({ type: 'final', interrupted: false });
    failPrimary = false;
    await ws.close();

    const text = await scrape();
    for (const model of ['openai:fake-chat', 'openai:fake-backup']) {
      const labels = { model, role: 'chat' };
      expect(sample(text, 'quento_model_first_token_seconds_count', labels), model).toBe(1);
      expect(
        sample(text, 'quento_model_call_duration_seconds_count', { ...labels, outcome: 'ok' }),
      ).toBe(1);
      expect(
        sample(text, 'quento_model_tokens_total', { ...labels, kind: 'output' }),
      ).toBeGreaterThan(0);
    }
    await until('the socket count to drop', async () =>
      sample(await scrape(), 'quento_websocket_connections') === 0 ? true : undefined,
    );
  });

  it('analysis duration and pages, and the queue by state', async () => {
    const s = await register(ctx.app);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url: site.url, competitors: [] },
    });
    expect(res.statusCode, res.body).toBe(202);
    const pages = await until('the analysis to complete', async () => {
      const r = await ctx.app.inject({
        url: `/api/v1/analysis/${res.json().id}`,
        headers: bearer(s.access),
      });
      return r.json().status === 'completed' ? (r.json().pages_done as number) : undefined;
    });
    // The row reads completed before the after-analysis hooks (the metrics among them) have run.
    const text = await until('the analysis to be counted', async () => {
      const t = await scrape();
      return sample(t, 'quento_analysis_duration_seconds_count') ? t : undefined;
    });
    expect(sample(text, 'quento_analysis_duration_seconds_count')).toBe(1);
    expect(sample(text, 'quento_analysis_pages_sum')).toBe(pages);
    for (const state of ['waiting', 'active', 'failed']) {
      expect(sample(text, 'quento_queue_jobs', { queue: 'analysis', state }), state).toBe(0);
    }
  });

  it('asks for METRICS_TOKEN when set, and is not served in production without one', async () => {
    const guarded = await ctx.extraApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
    expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await guarded.inject({ url: '/metrics', headers: bearer('wrong-token-0123456789') }))
        .statusCode,
    ).toBe(401);
    const ok = await guarded.inject({
      url: '/metrics',
      headers: bearer('metrics-token-0123456789'),
    });
    expect(ok.statusCode).toBe(200);
    const production = await ctx.extraApp({ NODE_ENV: 'production' });
    expect((await production.inject({ url: '/metrics' })).statusCode).toBe(404);
  });

  it('the alert rules in deploy/ read metrics the API exports, at section 7.2 thresholds', async () => {
    const rules = (
      parse(readFileSync(RULES, 'utf8')) as {
        groups: { rules: { alert: string; expr: string }[] }[];
      }
    ).groups.flatMap((g) => g.rules);
    const exported = new Set(
      [...(await scrape()).matchAll(/^# TYPE (\S+) (\w+)/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
      ),
    );
    exported.add('up'); // Prometheus's own
    for (const { alert, expr } of rules) {
      const names = [...expr.matchAll(/\b([a-z_]+)\{/g)].map((m) => m[1]!);
      expect(names.length, alert).toBeGreaterThan(0);
      for (const name of names) expect(exported, `${alert}: ${name}`).toContain(name);
    }
    const threshold = (alert: string) =>
      Number(
        /> ([\d.]+)$|< ([\d.]+)$/
          .exec(rules.find((r) => r.alert === alert)!.expr)!
          .slice(1)
          .find(Boolean),
      );
    expect(threshold('QuentoApiLatencyP50High')).toBe(0.5);
    expect(threshold('QuentoApiLatencyP99High')).toBe(2);
    expect(threshold('QuentoApiErrorRateHigh')).toBe(0.01);
    expect(threshold('QuentoApiAvailabilityLow')).toBe(0.995);
    expect(threshold('QuentoChatModelSlow')).toBe(5);
    expect(threshold('QuentoAnalysisModelSlow')).toBe(60);
    // promtool, where it is installed (Debian's prometheus package), checks the PromQL itself.
    if (existsSync('/usr/bin/promtool')) {
      expect(execFileSync('/usr/bin/promtool', ['check', 'rules', RULES]).toString()).toContain(
        'SUCCESS',
      );
    }
  });
});
