import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertError, bearer, register, type Session, useApp } from '../support/app.ts';
import { analystScript, openSession } from '../support/chat.ts';
import { backends } from '../support/db.ts';
import { type FakeDns, startFakeDns } from '../support/fake-dns.ts';
import { type FakeLlmServer, startFakeLlm } from '../support/fake-llm.ts';
import { bakeryPages, type FixtureSite, startFixtureSite } from '../support/fixture-site.ts';

// The chat's website check applies the analysis's network policy: FETCH_ALLOW_ORIGINS lets one
// private origin through, and hosts resolve through DNS_SERVERS. (ALLOW_PRIVATE_NETWORKS is off.)
// One backend is enough: the policy does not touch SQL.
const pglite = backends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('pglite backend missing');

let llm: FakeLlmServer;
let site: FixtureSite;
let dns: FakeDns;
const env: Record<string, string> = { RUN_WORKER: 'false', ALLOW_PRIVATE_NETWORKS: 'false' };
beforeAll(async () => {
  llm = await startFakeLlm();
  site = await startFixtureSite(bakeryPages());
  dns = await startFakeDns({ 'intranet.bakery.com': { A: ['10.0.0.7'] } });
  Object.assign(env, {
    CHAT_MODEL: 'openai:fake-chat',
    LLM_BASE_URL: llm.baseUrl,
    LLM_MAX_RETRIES: '0',
    FETCH_ALLOW_ORIGINS: site.origin,
    DNS_SERVERS: dns.server,
  });
});
afterAll(async () => {
  await llm.close();
  await site.close();
  await dns.close();
});
const ctx = useApp(pglite, env);

const analyst = (s: Session, id: string, websiteUrl: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/v1/chat/sessions/${id}/analyst`,
    headers: bearer(s.access),
    payload: { website_url: websiteUrl },
  });

it('refuses a host whose answer from DNS_SERVERS is internal', async () => {
  const s = await register(ctx.app);
  const id = await openSession(ctx.app, s);
  const res = await analyst(s, id, 'https://intranet.bakery.com');
  assertError(res, 422, 'URL_REFUSED');
  expect(dns.queries).toContain('intranet.bakery.com');
  expect(llm.chatRequests()).toHaveLength(0);
});

it('accepts the private origin FETCH_ALLOW_ORIGINS names, and the agent reads it', async () => {
  const s = await register(ctx.app);
  const id = await openSession(ctx.app, s);
  llm.setDefault(
    analystScript([
      { toolCalls: [{ name: 'web_scraper', args: { url: site.url } }] },
      { content: 'Report: the home page says what you bake.' },
    ]),
  );
  const res = await analyst(s, id, site.url);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().message.content).toContain('Report:');
  expect(site.hits.get('/')).toBeGreaterThan(0);
});
