import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, users } from '../../src/db/schema.ts';
import {
  bearer,
  forEachBackend,
  PASSWORD,
  register,
  type Session,
  uniqueEmail,
  useApp,
} from '../support/app.ts';
import { ChatSocket } from '../support/chat-ws.ts';

// Finding 2: nothing a user typed, no password hash and no token reaches a log line, at any level,
// even when the database refuses a write and its error carries the parameters and the row.
forEachBackend((backend) => {
  // debug: the most a deployment could log.
  const ctx = useApp(backend, { RUN_WORKER: 'false', LOG_LEVEL: 'debug', SMTP_URL: '' });
  let s: Session;
  let sessionId: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    s = await register(ctx.app);
    secrets.push(s.email, s.access, s.refresh, s.password);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, s.userId));
    secrets.push(row!.passwordHash);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/chat/sessions',
      headers: bearer(s.access),
      payload: {},
    });
    sessionId = created.json().id;
    // Sabotage: writes whose text starts with "fail-" are refused by the database, as any
    // constraint could refuse them; PostgreSQL then reports the failing row, values and all.
    await ctx.db.execute(
      sql.raw(`alter table users add constraint t_fail check (company_name not like 'fail-%')`),
    );
    await ctx.db.execute(
      sql.raw(`alter table messages add constraint t_fail check (content not like 'fail-%')`),
    );
  });

  const grep = () => {
    const text = ctx.logs.text;
    return secrets.filter((v) => text.includes(v) || text.includes(JSON.stringify(v).slice(1, -1)));
  };

  it('a refused register logs neither the e-mail, the password, the hash nor the name', async () => {
    const email = uniqueEmail('logged');
    const company = `fail-company-${Math.random().toString(36).slice(2)}`;
    secrets.push(email, company, 'Quento Secret Person');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email,
        password: PASSWORD,
        full_name: 'Quento Secret Person',
        company_name: company,
      },
    });
    expect(res.statusCode).toBe(500);
    expect(ctx.logs.text).toContain('unhandled error');
    expect(ctx.logs.text).not.toContain('$argon2id');
    expect(grep()).toEqual([]);
  });

  it('a refused chat message (HTTP and WebSocket) does not log its content', async () => {
    const content = `fail-message-${Math.random().toString(36).slice(2)}`;
    secrets.push(content);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/chat/sessions/${sessionId}/messages`,
      headers: bearer(s.access),
      payload: { content },
    });
    expect(res.statusCode).toBe(500);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.app.server.address() as AddressInfo).port;
    const ws = await ChatSocket.open(`ws://127.0.0.1:${port}/ws/chat/${sessionId}`, s.access);
    try {
      const ws2 = `fail-ws-${Math.random().toString(36).slice(2)}`;
      secrets.push(ws2);
      const events = await ws.turn(ws2);
      expect(events.at(-1)).toMatchObject({ type: 'error', code: 'INTERNAL_ERROR' });
    } finally {
      await ws.close();
    }
    expect(ctx.logs.text).toContain('chat turn failed');
    expect(grep()).toEqual([]);
  });

  it('query strings are not logged', async () => {
    const site = `secret-site-${Math.random().toString(36).slice(2)}`;
    secrets.push(site);
    const res = await ctx.app.inject({
      url: `/api/v1/analysis?site=${site}`,
      headers: bearer(s.access),
    });
    expect(res.statusCode).toBe(200);
    expect(grep()).toEqual([]);
  });

  it('a password-reset mail without SMTP logs neither the address nor the link', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      payload: { email: s.email },
    });
    await ctx.app.services.mailer.drain();
    const [mail] = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, s.email));
    const token = /token=([\w-]+)/.exec(mail!.textBody)?.[1];
    expect(token).toBeTruthy();
    secrets.push(token!);
    expect(ctx.logs.text).toContain('mail (no SMTP)');
    expect(grep()).toEqual([]);
  });

  describe('the whole run', () => {
    it('no secret anywhere in the log', () => {
      expect(ctx.logs.lines.length).toBeGreaterThan(10);
      expect(grep()).toEqual([]);
    });
  });
});
