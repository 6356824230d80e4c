import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { refreshTokenFamilies, users } from '../src/db/schema.ts';
import {
  assertError,
  bearer,
  forEachBackend,
  PASSWORD,
  register,
  TEST_SECRET,
  uniqueEmail,
  useApp,
} from './support/app.ts';

const post = (url: string, payload: Record<string, unknown>) => ({
  method: 'POST' as const,
  url,
  payload,
});
const key = new TextEncoder().encode(TEST_SECRET);

forEachBackend((backend) => {
  // A 1 s grace window keeps the reuse-after-grace test short.
  const ctx = useApp(backend, { REFRESH_REUSE_GRACE: '1' });

  describe('register', () => {
    it('creates the account, normalises the e-mail and signs in', async () => {
      const res = await ctx.app.inject(
        post('/api/v1/auth/register', {
          email: '  Ada.Lovelace@Example.COM ',
          password: PASSWORD,
          full_name: 'Ada Lovelace',
          company_name: 'Engines Ltd',
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.user).toMatchObject({
        email: 'ada.lovelace@example.com',
        full_name: 'Ada Lovelace',
        company_name: 'Engines Ltd',
        current_ring: 1,
        settings: {},
        is_active: true,
      });
      expect(body.user).not.toHaveProperty('password_hash');
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      expect(typeof body.access_token).toBe('string');
      expect(typeof body.refresh_token).toBe('string');
      const [row] = await ctx.db
        .select()
        .from(users)
        .where(eq(users.email, 'ada.lovelace@example.com'));
      expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it('answers 409 for an address already taken, whatever its case', async () => {
      const s = await register(ctx.app);
      const res = await ctx.app.inject(
        post('/api/v1/auth/register', { email: s.email.toUpperCase(), password: PASSWORD }),
      );
      assertError(res, 409, 'EMAIL_TAKEN');
    });

    it('two registrations racing for one address: one 201, one 409, no 500', async () => {
      const email = uniqueEmail('race');
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          ctx.app.inject(post('/api/v1/auth/register', { email, password: PASSWORD })),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409, 409]);
    });

    it('checks the password length (8 to 128) before hashing', async () => {
      for (const password of ['short', 'x'.repeat(129)]) {
        const res = await ctx.app.inject(
          post('/api/v1/auth/register', { email: uniqueEmail(), password }),
        );
        assertError(res, 400, 'VALIDATION_FAILED');
        expect(JSON.stringify(res.json().error.details)).toContain('password');
      }
      const ok = await ctx.app.inject(
        post('/api/v1/auth/register', { email: uniqueEmail(), password: 'y'.repeat(128) }),
      );
      expect(ok.statusCode).toBe(201);
    });
  });

  describe('login', () => {
    it('signs in with the right password and records last_login_at', async () => {
      const s = await register(ctx.app);
      const res = await ctx.app.inject(
        post('/api/v1/auth/login', { email: s.email.toUpperCase(), password: PASSWORD }),
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user.last_login_at).not.toBeNull();
      const me = await ctx.app.inject({
        url: '/api/v1/users/me',
        headers: bearer(res.json().access_token),
      });
      expect(me.json().email).toBe(s.email);
    });

    it('does not reveal whether the e-mail exists: same status, same body, comparable time', async () => {
      const s = await register(ctx.app);
      const strip = (b: { error: { request_id?: string } }) => ({
        ...b.error,
        request_id: undefined,
      });
      const time = async (payload: Record<string, unknown>) => {
        const t0 = performance.now();
        const res = await ctx.app.inject(post('/api/v1/auth/login', payload));
        return { res, ms: performance.now() - t0 };
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      let last: { a?: unknown; b?: unknown } = {};
      for (let i = 0; i < 4; i++) {
        const a = await time({ email: s.email, password: 'wrong password!' });
        const b = await time({ email: uniqueEmail('nobody'), password: 'wrong password!' });
        assertError(a.res, 401, 'INVALID_CREDENTIALS');
        assertError(b.res, 401, 'INVALID_CREDENTIALS');
        wrong.push(a.ms);
        unknown.push(b.ms);
        last = { a: strip(a.res.json()), b: strip(b.res.json()) };
      }
      expect(last.a).toEqual(last.b);
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
      // Both paths run one Argon2 verification; a missing user is not answered noticeably faster.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
    });
  });

  describe('access tokens', () => {
    const me = (token: string) =>
      ctx.app.inject({ url: '/api/v1/users/me', headers: bearer(token) });
    const claims = (sub: string) =>
      new SignJWT({ token_use: 'access' })
        .setSubject(sub)
        .setIssuer('quento-api')
        .setAudience('quento-app')
        .setIssuedAt();

    it('accepts a valid token and rejects a missing or malformed header', async () => {
      const s = await register(ctx.app);
      expect((await me(s.access)).statusCode).toBe(200);
      assertError(await ctx.app.inject({ url: '/api/v1/users/me' }), 401, 'UNAUTHORIZED');
      assertError(
        await ctx.app.inject({
          url: '/api/v1/users/me',
          headers: { authorization: `Basic ${s.access}` },
        }),
        401,
      );
      assertError(await me('not-a-jwt'), 401, 'INVALID_TOKEN');
    });

    it('rejects alg none', async () => {
      const s = await register(ctx.app);
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        token_use: 'access',
        sub: s.userId,
        iss: 'quento-api',
        aud: 'quento-app',
        iat: now,
        exp: now + 600,
      };
      assertError(
        await me(`${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(payload)}.`),
        401,
        'INVALID_TOKEN',
      );
      assertError(await me(`${enc({ alg: 'none' })}.${enc(payload)}.`), 401, 'INVALID_TOKEN');
    });

    it('rejects a tampered signature and a tampered payload', async () => {
      const s = await register(ctx.app);
      const [h, p, sig] = s.access.split('.') as [string, string, string];
      const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
      assertError(await me(`${h}.${p}.${flipped}`), 401, 'INVALID_TOKEN');
      const other = await register(ctx.app);
      const otherPayload = other.access.split('.')[1];
      assertError(await me(`${h}.${otherPayload}.${sig}`), 401, 'INVALID_TOKEN');
      const forged = await claims(s.userId)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
      assertError(await me(forged), 401, 'INVALID_TOKEN');
    });

    it('rejects an expired token, a wrong audience, a wrong issuer, a wrong type', async () => {
      const s = await register(ctx.app);
      const ok = await claims(s.userId)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setExpirationTime('10m')
        .sign(key);
      expect((await me(ok)).statusCode).toBe(200);
      const expired = await claims(s.userId)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuedAt(Math.floor(Date.now() / 1000) - 1000)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
        .sign(key);
      assertError(await me(expired), 401, 'INVALID_TOKEN');
      const wrongAud = await claims(s.userId)
        .setAudience('someone-else')
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setExpirationTime('10m')
        .sign(key);
      assertError(await me(wrongAud), 401, 'INVALID_TOKEN');
      const wrongIss = await claims(s.userId)
        .setIssuer('evil')
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setExpirationTime('10m')
        .sign(key);
      assertError(await me(wrongIss), 401, 'INVALID_TOKEN');
      const wrongTyp = await claims(s.userId)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setExpirationTime('10m')
        .sign(key);
      assertError(await me(wrongTyp), 401, 'INVALID_TOKEN');
      const noExp = await claims(s.userId)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .sign(key);
      assertError(await me(noExp), 401, 'INVALID_TOKEN');
    });

    it('rejects a refresh token used as an access token, and the reverse', async () => {
      const s = await register(ctx.app);
      assertError(await me(s.refresh), 401, 'INVALID_TOKEN');
      assertError(
        await ctx.app.inject(post('/api/v1/auth/refresh', { refresh_token: s.access })),
        401,
        'INVALID_REFRESH_TOKEN',
      );
    });
  });

  describe('refresh tokens', () => {
    const refresh = (token: string) =>
      ctx.app.inject(post('/api/v1/auth/refresh', { refresh_token: token }));

    it('rotates on every use and the new pair works', async () => {
      const s = await register(ctx.app);
      const r1 = await refresh(s.refresh);
      expect(r1.statusCode, r1.body).toBe(200);
      const p1 = r1.json();
      expect(p1.refresh_token).not.toBe(s.refresh);
      expect(p1).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const r2 = await refresh(p1.refresh_token);
      expect(r2.statusCode).toBe(200);
      const me = await ctx.app.inject({
        url: '/api/v1/users/me',
        headers: bearer(r2.json().access_token),
      });
      expect(me.statusCode).toBe(200);
    });

    it('inside the grace window a used token returns the current pair', async () => {
      const s = await register(ctx.app);
      const first = (await refresh(s.refresh)).json();
      const again = await refresh(s.refresh);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().refresh_token).toBe(first.refresh_token);
      // ...and the current token still rotates normally.
      expect((await refresh(first.refresh_token)).statusCode).toBe(200);
    });

    it('after the grace window a reused token revokes the whole family', async () => {
      const s = await register(ctx.app);
      const next = (await refresh(s.refresh)).json();
      await new Promise((r) => setTimeout(r, 1300));
      assertError(await refresh(s.refresh), 401, 'INVALID_REFRESH_TOKEN');
      // The legitimate holder's token is now dead too: the thief and the victim must sign in again.
      assertError(await refresh(next.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      // Other sessions of the same user are untouched.
      const other = await ctx.app.inject(
        post('/api/v1/auth/login', { email: s.email, password: PASSWORD }),
      );
      expect((await refresh(other.json().refresh_token)).statusCode).toBe(200);
    });

    it('concurrent refreshes of one token never give a 500 and agree on one successor', async () => {
      // The eight rotations queue on the family's lock: on a busy machine the last can come more
      // than this file's 1 s grace after the first, so this case runs with the default grace.
      const app = await ctx.extraApp({ REFRESH_REUSE_GRACE: '10' });
      const s = await register(app);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          app.inject(post('/api/v1/auth/refresh', { refresh_token: s.refresh })),
        ),
      );
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      const successors = new Set(results.map((r) => r.json().refresh_token));
      expect(successors.size).toBe(1);
    });

    it('rejects forged, malformed and unknown tokens', async () => {
      const s = await register(ctx.app);
      const [id] = s.refresh.split('.');
      for (const bad of [
        `${id}.AAAA`,
        'garbage',
        `${id}`,
        `${s.refresh}.x`,
        'AAAAAAAAAAAAAAAAAAAAAA.AAAA',
      ]) {
        assertError(await refresh(bad), 401, 'INVALID_REFRESH_TOKEN');
      }
    });

    it('a family past its absolute lifetime is refused', async () => {
      const s = await register(ctx.app);
      await ctx.db
        .update(refreshTokenFamilies)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokenFamilies.userId, s.userId));
      assertError(await refresh(s.refresh), 401, 'INVALID_REFRESH_TOKEN');
    });

    it('a family lives 30 days from login, and rotation does not extend it', async () => {
      const s = await register(ctx.app);
      const [before] = await ctx.db
        .select()
        .from(refreshTokenFamilies)
        .where(eq(refreshTokenFamilies.userId, s.userId));
      const days = ((before?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.99);
      expect(days).toBeLessThanOrEqual(30);
      await refresh(s.refresh);
      const [after] = await ctx.db
        .select()
        .from(refreshTokenFamilies)
        .where(eq(refreshTokenFamilies.userId, s.userId));
      expect(after?.expiresAt.getTime()).toBe(before?.expiresAt.getTime());
    });

    it('logout revokes the family and is idempotent', async () => {
      const s = await register(ctx.app);
      const next = (await refresh(s.refresh)).json();
      const out = await ctx.app.inject(
        post('/api/v1/auth/logout', { refresh_token: next.refresh_token }),
      );
      expect(out.statusCode).toBe(204);
      expect(out.body).toBe('');
      assertError(await refresh(next.refresh_token), 401, 'INVALID_REFRESH_TOKEN');
      const again = await ctx.app.inject(
        post('/api/v1/auth/logout', { refresh_token: next.refresh_token }),
      );
      expect(again.statusCode).toBe(204);
      const junk = await ctx.app.inject(post('/api/v1/auth/logout', { refresh_token: 'junk' }));
      expect(junk.statusCode).toBe(204);
    });
  });
});
