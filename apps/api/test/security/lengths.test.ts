import { LIMITS } from '@quento/contracts';
import { eq, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  actionItems,
  analyses,
  businessProfiles,
  conversations,
  messages,
  users,
} from '../../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  register,
  type Session,
  useApp,
} from '../support/app.ts';

// Finding 3: one limit per field, from one constant, for the schema and the column; and a chat
// turn's reply and its profile change are written together or not at all.

const column = (table: PgTable, name: string) =>
  getTableConfig(table).columns.find((c) => c.name === name) as unknown as { length?: number };

const TABLES = {
  users,
  conversations,
  analyses,
  business_profiles: businessProfiles,
  action_items: actionItems,
};

describe('column lengths come from the contracts’ LIMITS', () => {
  it.each([
    ['users', 'email', LIMITS.email],
    ['users', 'full_name', LIMITS.name],
    ['users', 'company_name', LIMITS.name],
    ['conversations', 'title', LIMITS.title],
    ['analyses', 'website_url', LIMITS.url],
    ['analyses', 'site_key', LIMITS.url],
    ['business_profiles', 'name', LIMITS.name],
    ['business_profiles', 'website_url', LIMITS.url],
    ['action_items', 'title', LIMITS.title],
  ] as const)('%s.%s', (table, name, length) => {
    expect(column(TABLES[table], name).length).toBeGreaterThanOrEqual(length);
  });
});

forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false', ALLOW_PRIVATE_NETWORKS: 'true' });

  const analyse = (s: Session, website_url: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/analysis',
      headers: bearer(s.access),
      payload: { website_url },
    });

  it('POST /analysis: a 600-character URL is accepted, one over the limit is a 400', async () => {
    const s = await register(ctx.app);
    const base = 'http://127.0.0.1:9/';
    const ok = await analyse(s, base + 'a'.repeat(600 - base.length));
    expect(ok.statusCode, ok.body).toBe(202);
    assertError(
      await analyse(s, base + 'a'.repeat(LIMITS.url + 1 - base.length)),
      400,
      'VALIDATION_FAILED',
    );
  });

  const session = async (s: Session) =>
    (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/chat/sessions',
        headers: bearer(s.access),
        payload: { ring_phase: 'core' },
      })
    ).json().id as string;
  const say = (s: Session, id: string, content: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/chat/sessions/${id}/messages`,
      headers: bearer(s.access),
      payload: { content },
    });
  const story = [
    "We're Rise Bakery, we bake sourdough bread for cafés in Leeds",
    'We use a 48-hour fermentation and deliver before 6am',
    'We want to win 10 new café accounts this year',
  ];

  it('guided chat: a long website URL completes ring 1; one too long for any column is asked again', async () => {
    const s = await register(ctx.app);
    const id = await session(s);
    for (const line of story) expect((await say(s, id, line)).statusCode).toBe(201);
    const tooLong = `https://rise-bakery.example/${'p'.repeat(LIMITS.url)}`;
    const refused = await say(s, id, `Our website is ${tooLong}`);
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json().profile_complete).toBe(false);
    const long = `https://rise-bakery.example/${'p'.repeat(600)}`;
    const res = await say(s, id, `Our website is ${long}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().profile_complete).toBe(true);
    expect((await ctx.app.services.profiles.get(s.userId))?.websiteUrl).toBe(long);
  });

  it('guided chat: when the profile save fails, the reply is not stored either', async () => {
    const s = await register(ctx.app);
    const id = await session(s);
    for (const line of story) expect((await say(s, id, line)).statusCode).toBe(201);
    await ctx.db.execute(
      sql.raw(
        `alter table business_profiles add constraint t_fail check (website_url not like '%refused%')`,
      ),
    );
    try {
      const count = async () =>
        (await ctx.db.select().from(messages).where(eq(messages.conversationId, id))).filter(
          (m) => m.role === 'assistant',
        ).length;
      const before = await count();
      const res = await say(s, id, 'Our website is https://refused.example');
      expect(res.statusCode).toBe(500);
      expect(await count()).toBe(before);
      const [conv] = await ctx.db.select().from(conversations).where(eq(conversations.id, id));
      expect((conv!.metadata as { guided?: { pending?: string } }).guided?.pending).toBe(
        'website_url',
      );
    } finally {
      await ctx.db.execute(sql.raw('alter table business_profiles drop constraint t_fail'));
    }
    const again = await say(s, id, 'Our website is https://rise-bakery.example');
    expect(again.json().profile_complete).toBe(true);
  });
});
