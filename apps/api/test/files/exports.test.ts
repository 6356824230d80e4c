import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { LocalFileStore } from '../../src/files/index.ts';
import {
  bearer,
  deleteAccount,
  forEachBackend,
  listenOnLoopback,
  register,
  type Session,
  useApp,
} from '../support/app.ts';
import { type S3TestServer, startS3 } from '../support/s3.ts';
import { seedPlan } from '../support/seed.ts';

// Exports over HTTP on both databases and both stores: POST answers with a link, the link
// downloads without the Authorization header, and deleting the account leaves no file behind.
const s3: S3TestServer = await startS3();
afterAll(() => s3.close());

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire; the assertions check its shape.
type Json = Record<string, any>;

forEachBackend((backend) => {
  for (const store of ['local', 's3'] as const) {
    describe(`${store} store`, () => {
      const ctx = useApp(backend, store === 's3' ? { S3_URL: s3.url } : {});
      let app: App;
      let base: string;
      let alice: Session;
      let bob: Session;
      let plan: string;

      beforeAll(async () => {
        app = ctx.app;
        base = await listenOnLoopback(app);
        alice = await register(app);
        bob = await register(app);
        plan = (await seedPlan(ctx.db, alice.userId, { strategy: 'Harbor Bakery plan' }))
          .strategyId;
      });

      const exportAs = (s: Session, format: string, id = plan) =>
        fetch(`${base}/api/v1/strategy/${id}/export`, {
          method: 'POST',
          headers: { ...bearer(s.access), 'content-type': 'application/json' },
          body: JSON.stringify({ format }),
        });
      const stored = (s: Session) => app.files.list(`users/${s.userId}/`);

      it('answers with a link, name, type and size; the link downloads with no Authorization', async () => {
        const res = await exportAs(alice, 'markdown');
        expect(res.status).toBe(201);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const link = (await res.json()) as Json;
        expect(link).toMatchObject({
          file_name: 'harbor-bakery-plan.md',
          content_type: 'text/markdown; charset=utf-8',
        });
        expect(new Date(link.expires_at).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
        expect(link.url.startsWith(store === 's3' ? s3.endpoint : base)).toBe(true);
        const file = await fetch(link.url);
        expect(file.status).toBe(200);
        expect(file.headers.get('content-disposition')).toBe(
          'attachment; filename="harbor-bakery-plan.md"',
        );
        const body = await file.text();
        expect(body).toContain('# Harbor Bakery plan');
        expect(Buffer.byteLength(body)).toBe(link.size);
        const files = await stored(alice);
        expect(files).toHaveLength(1);
        expect(files[0]?.key).toMatch(
          new RegExp(`^users/${alice.userId}/exports/[0-9a-f-]{36}\\.md$`),
        );
      });

      it('another owner’s plan is a 404 and stores nothing', async () => {
        const res = await exportAs(bob, 'csv');
        expect(res.status).toBe(404);
        expect(await stored(bob)).toEqual([]);
      });

      it('keeps no signature and no store secret in the log', async () => {
        const link = (await (await exportAs(alice, 'csv')).json()) as Json;
        await fetch(link.url);
        const signature = new URL(link.url).searchParams.get(
          store === 's3' ? 'X-Amz-Signature' : 'signature',
        );
        expect(signature?.length).toBeGreaterThan(20);
        expect(ctx.logs.text).not.toContain(signature);
        expect(ctx.logs.text).not.toContain(s3.secretAccessKey);
      });

      it('a store that fails is a 503 with Retry-After, and nothing is left half-stored', async () => {
        const before = await stored(alice);
        const restore = await breakStore(store, app, alice);
        try {
          const res = await exportAs(alice, 'ics');
          expect(res.status).toBe(503);
          expect(res.headers.get('retry-after')).toBe('5');
          expect(((await res.json()) as Json).error.code).toBe('SERVICE_UNAVAILABLE');
        } finally {
          await restore();
        }
        expect(await stored(alice)).toEqual(before);
      });

      it.runIf(store === 'local')(
        'deletes exports whose links have expired on the next export',
        async () => {
          const files = app.files as LocalFileStore;
          const old = await stored(alice);
          const anHourAgo = new Date(Date.now() - 3_600_000);
          for (const f of old) utimesSync(join(files.root, f.key), anHourAgo, anHourAgo);
          await exportAs(alice, 'pdf');
          const now = await stored(alice);
          expect(now).toHaveLength(1);
          expect(now[0]?.key).toMatch(/\.pdf$/);
        },
      );

      it.runIf(store === 's3')(
        'deletes exports whose links have expired on the next export, in the bucket too',
        async () => {
          // S3 dates a file by the server's clock (whole seconds), so the links here live 1 s.
          const shortLived = await ctx.extraApp({ S3_URL: s3.url, FILE_LINK_TTL: '1s' });
          const exportNow = (format: string) =>
            shortLived.inject({
              method: 'POST',
              url: `/api/v1/strategy/${plan}/export`,
              headers: bearer(alice.access),
              payload: { format },
            });
          expect((await exportNow('csv')).statusCode).toBe(201);
          const before = await stored(alice);
          expect(before.length).toBeGreaterThanOrEqual(1);
          await new Promise((r) => setTimeout(r, 2_100));
          expect((await exportNow('pdf')).statusCode).toBe(201);
          const now = await stored(alice);
          expect(now).toHaveLength(1);
          expect(now[0]?.key).toMatch(/\.pdf$/);
        },
      );

      it('deleting the account deletes every stored file of the owner, and only theirs', async () => {
        await exportAs(alice, 'csv');
        await app.files.put(`users/${alice.userId}/analyses/a1/homepage.jpg`, new Uint8Array([1]), {
          contentType: 'image/jpeg',
        });
        const bobPlan = (await seedPlan(ctx.db, bob.userId)).strategyId;
        expect((await exportAs(bob, 'csv', bobPlan)).status).toBe(201);
        expect((await stored(alice)).length).toBeGreaterThanOrEqual(2);

        // While the store fails, the account stays (a retry finishes the job).
        const restore = await breakStore(store, app, alice, 'deletion');
        let refused: Response;
        try {
          refused = await deleteAccount(base, alice);
        } finally {
          await restore();
        }
        expect(refused.status).toBe(503);
        expect(
          (await fetch(`${base}/api/v1/users/me`, { headers: bearer(alice.access) })).status,
        ).toBe(200);

        expect((await deleteAccount(base, alice)).status).toBe(204);
        expect(await stored(alice)).toEqual([]);
        expect(await stored(bob)).toHaveLength(1);
      });
    });
  }
});

/**
 * Makes the store fail for the owner until the returned function runs: the S3 server stops; on
 * local disk a plain file stands where the owner's folder (for a write, their exports folder)
 * would be, so writing into it and listing it fail (ENOTDIR), as they would on a broken disk.
 */
async function breakStore(
  store: 'local' | 's3',
  app: App,
  s: Session,
  what: 'write' | 'deletion' = 'write',
): Promise<() => Promise<void>> {
  if (store === 's3') {
    await s3.stop();
    return () => s3.start();
  }
  const root = (app.files as LocalFileStore).root;
  const folder =
    what === 'write' ? join(root, 'users', s.userId, 'exports') : join(root, 'users', s.userId);
  const away = `${folder}.away`;
  mkdirSync(folder, { recursive: true });
  renameSync(folder, away);
  writeFileSync(folder, 'not a folder');
  return async () => {
    rmSync(folder, { force: true });
    renameSync(away, folder);
  };
}
