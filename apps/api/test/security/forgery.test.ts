import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import {
  assertError,
  bearer,
  forEachBackend,
  newChatSession,
  register,
  type Session,
  TEST_SECRET,
  useApp,
} from '../support/app.ts';
import { follow, watch } from '../support/ws.ts';

const key = new TextEncoder().encode(TEST_SECRET);
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token as the server signs one, with any claim or header changed. */
function sign(
  s: Session,
  opts: {
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    key?: Uint8Array;
    /** Seconds since the epoch; the default is ten minutes from now. */
    exp?: number;
  } = {},
) {
  return new SignJWT({ token_use: 'access', ver: 0, ...opts.claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...opts.header })
    .setSubject(s.userId)
    .setIssuer('quento-api')
    .setAudience('quento-app')
    .setIssuedAt(opts.exp ? opts.exp - 900 : now())
    .setExpirationTime(opts.exp ?? now() + 600)
    .setJti(randomUUID())
    .sign(opts.key ?? key);
}

/** The real token with its payload replaced and its signature kept. */
function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [h, p, sig] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  change(claims);
  return `${h}.${enc(claims)}.${sig}`;
}

// Forged and misused tokens: every one is a 401 in the standard error shape over HTTP, and a
// 4401 close on both WebSockets whichever way the token is presented.
forEachBackend((backend) => {
  const ctx = useApp(backend, { RUN_WORKER: 'false' });
  let s: Session;
  let victim: Session;
  let base: string;
  let forged: Array<[name: string, token: string]>;

  beforeAll(async () => {
    s = await register(ctx.app);
    victim = await register(ctx.app);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    const payload = JSON.parse(Buffer.from(s.access.split('.')[1]!, 'base64url').toString('utf8'));
    forged = [
      ['alg none', `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(payload)}.`],
      ['alg none, upper case', `${enc({ alg: 'NONE', typ: 'at+jwt' })}.${enc(payload)}.`],
      ['HS256 with a wrong key', await sign(s, { key: new TextEncoder().encode('x'.repeat(48)) })],
      ['HS512 with the right key', await sign(s, { header: { alg: 'HS512' } })],
      ['sub tampered to another user', tamper(s.access, (c) => (c.sub = victim.userId))],
      ['exp tampered', tamper(s.access, (c) => (c.exp = now() + 86_400 * 365))],
      ['token version tampered', tamper(s.access, (c) => (c.ver = 7))],
      ['signature stripped', `${s.access.split('.').slice(0, 2).join('.')}.`],
      ['expired', await sign(s, { exp: now() - 5 })],
      ['a version the user never had', await sign(s, { claims: { ver: 99 } })],
      ['token_use refresh', await sign(s, { claims: { token_use: 'refresh' } })],
      ['typ JWT', await sign(s, { header: { typ: 'JWT' } })],
      ['the refresh token', s.refresh],
      ['a reset token', 'Qm9ndXMtcmVzZXQtdG9rZW4tMzItYnl0ZXMtbG9uZw'],
      [
        'signed with the key its own header carries (jwk)',
        await sign(s, {
          key: new TextEncoder().encode('attacker-key-attacker-key-attacker-key'),
          header: {
            jwk: {
              kty: 'oct',
              k: Buffer.from('attacker-key-attacker-key-attacker-key').toString('base64url'),
            },
          },
        }),
      ],
      [
        'kid pointing elsewhere',
        await sign(s, { key: new Uint8Array(32), header: { kid: '../../dev/null' } }),
      ],
      ['two payload segments', `${s.access}.${s.access.split('.')[1]}`],
      ['not base64', '!!!.@@@.###'],
      ['8 KB of junk', 'a'.repeat(8192)],
    ];
  });

  it('a real token passes everywhere (so each refusal below means something)', async () => {
    expect(
      (await ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(s.access) })).statusCode,
    ).toBe(200);
    const chat = await newChatSession(ctx.app, s);
    for (const via of ['protocol', 'message'] as const) {
      const socket = watch(`${base}/ws/chat/${chat}`, s.access, via, 10_000);
      socket.done.catch(() => undefined); // left open; the server closes it at the end
      await socket.first; // `ready`: the chat socket is open for this user
      const a = await follow(`${base}/ws/analysis/${randomUUID()}`, s.access, via, 10_000);
      expect(a.code).toBe(4404); // authenticated, and that analysis does not exist
    }
  }, 60_000);

  it('forged and misused tokens: 401 on HTTP, in the standard shape', async () => {
    for (const [name, token] of forged) {
      for (const url of ['/api/v1/users/me', '/api/v1/analysis', '/api/v1/chat/sessions']) {
        const res = await ctx.app.inject({ url, headers: bearer(token) });
        expect(res.statusCode, `${name} on ${url}`).toBe(401);
        assertError(res, 401, 'INVALID_TOKEN');
      }
    }
  });

  it('forged and misused tokens: 4401 on both WebSockets, by sub-protocol and by first message', async () => {
    for (const [name, token] of forged) {
      for (const path of [`/ws/chat/${randomUUID()}`, `/ws/analysis/${randomUUID()}`]) {
        // A sub-protocol value cannot hold every byte; junk goes by message only.
        const ways = /^[\w.-]+$/.test(token)
          ? (['protocol', 'message'] as const)
          : (['message'] as const);
        for (const via of ways) {
          const t = await follow(`${base}${path}`, token, via, 10_000);
          expect(t.code, `${name} on ${path} by ${via}`).toBe(4401);
          expect(t.messages).toEqual([]);
        }
      }
    }
  }, 120_000);

  it('malformed Authorization headers: 401 in the standard shape', async () => {
    for (const header of [
      '',
      'Bearer',
      'Bearer ',
      `Basic ${s.access}`,
      `Bearer ${s.access} ${s.access}`,
      `Bearer ${s.access},Bearer ${s.access}`,
      `Token ${s.access}`,
      `Bearer\t${s.access}x`,
      'Bearer null',
      'Bearer undefined',
    ]) {
      const res = await ctx.app.inject({
        url: '/api/v1/users/me',
        headers: { authorization: header },
      });
      expect(res.statusCode, JSON.stringify(header)).toBe(401);
      assertError(res, 401);
    }
  });

  it('malformed WebSocket authentication: 4401, nothing sent', async () => {
    const WebSocket = (await import('ws')).default;
    const firstMessages = [
      'not json',
      JSON.stringify({ type: 'message', content: 'hi' }),
      JSON.stringify({ type: 'auth' }),
      JSON.stringify({ type: 'auth', token: 42 }),
      JSON.stringify({ type: 'auth', token: { $ne: null } }),
    ];
    for (const path of [`/ws/chat/${randomUUID()}`, `/ws/analysis/${randomUUID()}`]) {
      for (const first of firstMessages) {
        const ws = new WebSocket(`${base}${path}`, ['quento.v1']);
        const got: string[] = [];
        ws.on('message', (d) => got.push(String(d)));
        ws.on('open', () => ws.send(first));
        const [code] = (await new Promise((resolve) =>
          ws.on('close', (c, r) => resolve([c, String(r)])),
        )) as [number, string];
        expect(code, `${first} on ${path}`).toBe(4401);
        expect(got).toEqual([]);
      }
    }
  }, 60_000);
});
