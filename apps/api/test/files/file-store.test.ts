import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { type FileStore, FileStoreMisconfigured, LocalFileStore } from '../../src/files/index.ts';
import { LocalLinkSigner } from '../../src/files/local-links.ts';
import { S3FileStore } from '../../src/files/s3-store.ts';
import { parseS3Url } from '../../src/files/s3-url.ts';
import { listenOnLoopback, TEST_SECRET, useApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { type S3TestServer, startS3 } from '../support/s3.ts';

// One contract, both stores: the same tests on local disk (links served by the API's route) and
// on a real S3-compatible server on loopback (presigned links served by the server itself).
const s3: S3TestServer = await startS3(['quento-test', 'other-bucket']);
afterAll(() => s3.close());

const HOUR = 3_600_000;
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);
const pdf = { filename: 'growth-plan.pdf', contentType: 'application/pdf' } as const;

interface Subject {
  name: 'local' | 's3';
  overrides: () => Record<string, string>;
  /** The same store with a clock an hour behind: its links are already expired. */
  pastStore: (app: App) => FileStore;
  /** What a refused link answers: the API's error code, or S3's. */
  refused: { forged: [number, string]; expired: [number, string]; missing: [number, string] };
}

const subjects: Subject[] = [
  {
    name: 'local',
    overrides: () => ({}),
    pastStore: (app) =>
      new LocalFileStore(
        (app.files as LocalFileStore).root,
        new LocalLinkSigner(new TextEncoder().encode(TEST_SECRET), () => Date.now() - HOUR),
      ),
    refused: {
      forged: [403, 'LINK_INVALID'],
      expired: [410, 'LINK_EXPIRED'],
      missing: [404, 'NOT_FOUND'],
    },
  },
  {
    name: 's3',
    overrides: () => ({ S3_URL: s3.url }),
    pastStore: () =>
      new S3FileStore({
        location: parseS3Url(s3.url),
        region: 'us-east-1',
        now: () => Date.now() - HOUR,
      }),
    refused: {
      forged: [403, 'SignatureDoesNotMatch'],
      expired: [403, 'AccessDenied'],
      missing: [404, 'NoSuchKey'],
    },
  },
];

/** The error code in a refusal: the API's JSON body, or S3's XML one. */
async function codeOf(res: Response): Promise<string> {
  const body = await res.text();
  return (
    /<Code>(\w+)<\/Code>/.exec(body)?.[1] ??
    (JSON.parse(body) as { error: { code: string } }).error.code
  );
}

for (const subject of subjects) {
  describe(`${subject.name} store`, () => {
    const ctx = useApp(backends[0]!, subject.overrides());
    let store: FileStore;
    let origin: string;
    const absolute = (url: string) => new URL(url, origin).href;

    beforeAll(async () => {
      origin = await listenOnLoopback(ctx.app);
      store = ctx.app.files;
      expect(store.kind).toBe(subject.name);
    });

    it('keeps what is put, whole, and overwrites it whole', async () => {
      await store.put('users/u1/exports/a.pdf', bytes('%PDF-first'), {
        contentType: 'application/pdf',
      });
      expect(text(await store.get('users/u1/exports/a.pdf'))).toBe('%PDF-first');
      await store.put('users/u1/exports/a.pdf', bytes('%PDF-2'), {
        contentType: 'application/pdf',
      });
      expect(text(await store.get('users/u1/exports/a.pdf'))).toBe('%PDF-2');
      expect(await store.get('users/u1/exports/none.pdf')).toBeNull();
    });

    it('lists a folder with sizes and dates, nothing of a neighbour with a longer name', async () => {
      await store.put('users/u1/analyses/a1/homepage.jpg', bytes('jpeg!'), {
        contentType: 'image/jpeg',
      });
      await store.put('users/u10/exports/b.csv', bytes('x'), { contentType: 'text/csv' });
      const listed = await store.list('users/u1/');
      expect(listed.map((f) => [f.key, f.size])).toEqual([
        ['users/u1/analyses/a1/homepage.jpg', 5],
        ['users/u1/exports/a.pdf', 6],
      ]);
      for (const f of listed) expect(Date.now() - f.lastModified.getTime()).toBeLessThan(HOUR);
      expect(await store.list('users/nobody/')).toEqual([]);
    });

    it('deletes files by key and folders by prefix, and only those', async () => {
      await store.delete(['users/u1/exports/a.pdf', 'users/u1/exports/never-there.pdf']);
      expect(await store.get('users/u1/exports/a.pdf')).toBeNull();
      expect(await store.deletePrefix('users/u1/')).toBe(1);
      expect(await store.list('users/u1/')).toEqual([]);
      expect(text(await store.get('users/u10/exports/b.csv'))).toBe('x');
      expect(await store.deletePrefix('users/u1/')).toBe(0);
    });

    it('refuses keys outside its layout', async () => {
      for (const key of ['../escape.txt', 'users//x', '/abs', 'users/u1/../../x', 'a b', '']) {
        await expect(store.put(key, bytes('x'), { contentType: 'text/plain' })).rejects.toThrow(
          /invalid file key/,
        );
      }
      await expect(store.list('users/u1')).rejects.toThrow(/invalid file prefix/);
    });

    it('hands out links that download without any Authorization header', async () => {
      await store.put('users/u2/exports/p.pdf', bytes('%PDF-link'), {
        contentType: 'application/pdf',
      });
      const link = await store.link('users/u2/exports/p.pdf', {
        ...pdf,
        disposition: 'attachment',
        expiresIn: 900,
      });
      expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(890_000);
      expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
      const res = await fetch(absolute(link.url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="growth-plan.pdf"');
      expect(await res.text()).toBe('%PDF-link');
      if (subject.name === 'local') {
        // The link is the permission: an app on another site may embed or save the file.
        expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
        expect(res.headers.get('cache-control')).toMatch(/^private, max-age=(89\d|900)$/);
      }
      const inline = await store.link('users/u2/exports/p.pdf', {
        filename: 'Plan für Café.pdf',
        contentType: 'application/pdf',
        disposition: 'inline',
        expiresIn: 60,
      });
      const shown = await fetch(absolute(inline.url));
      expect(shown.headers.get('content-disposition')).toBe('inline; filename="Plan f_r Caf_.pdf"');
    });

    it('refuses a forged or altered link, an expired one, and one whose file is gone', async () => {
      const link = (
        await store.link('users/u2/exports/p.pdf', {
          ...pdf,
          disposition: 'attachment',
          expiresIn: 900,
        })
      ).url;
      const url = new URL(absolute(link));
      const signatureParam = subject.name === 's3' ? 'X-Amz-Signature' : 'signature';
      const sig = url.searchParams.get(signatureParam)!;
      const flipped = new URL(url);
      flipped.searchParams.set(signatureParam, `${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`);
      const otherFile = new URL(url);
      otherFile.pathname = url.pathname.replace('users/u2/', 'users/u3/');
      const longer = new URL(url);
      longer.searchParams.set(
        subject.name === 's3' ? 'X-Amz-Expires' : 'expires',
        subject.name === 's3' ? '604800' : '99999999',
      );
      const [status, code] = subject.refused.forged;
      for (const forged of [flipped, otherFile, longer]) {
        const res = await fetch(forged);
        expect([res.status, await codeOf(res)], forged.pathname).toEqual([status, code]);
      }
      if (subject.name === 'local') {
        // (The S3 test server has no access control: a private bucket refuses this with a 403.)
        const bare = new URL(url);
        bare.search = '';
        const res = await fetch(bare);
        expect([res.status, await codeOf(res)]).toEqual([403, 'LINK_INVALID']);
      }

      const expired = await subject.pastStore(ctx.app).link('users/u2/exports/p.pdf', {
        ...pdf,
        disposition: 'attachment',
        expiresIn: 900,
      });
      expect(expired.expiresAt.getTime()).toBeLessThan(Date.now());
      const late = await fetch(absolute(expired.url));
      expect([late.status, await codeOf(late)]).toEqual(subject.refused.expired);

      await store.deletePrefix('users/u2/');
      const gone = await fetch(url);
      expect([gone.status, await codeOf(gone)]).toEqual(subject.refused.missing);
    });

    it('answers its start-up and readiness check', async () => {
      await expect(store.check()).resolves.toBeUndefined();
      const ready = await fetch(`${origin}/readyz`);
      expect((await ready.json()).checks.files).toBe('ok');
    });
  });
}

describe('S3 misconfigured', () => {
  const storeFor = (url: string) =>
    new S3FileStore({ location: parseS3Url(url), region: 'us-east-1' });

  it('names a missing bucket, and refused credentials, as configuration errors', async () => {
    const missing = storeFor(s3.url.replace('/quento-test', '/no-such-bucket'));
    await expect(missing.check()).rejects.toThrow(FileStoreMisconfigured);
    await expect(missing.check()).rejects.toThrow(
      /S3_URL: the bucket "no-such-bucket" does not exist/,
    );
    const wrongSecret = storeFor(s3.url.replace(`:${s3.secretAccessKey}@`, ':not-the-secret@'));
    await expect(wrongSecret.check()).rejects.toThrow(
      /access to the bucket "quento-test" was refused/,
    );
    await Promise.all([missing.close(), wrongSecret.close()]);
  });

  it('keeps the bucket under an optional key prefix', async () => {
    const shared = storeFor(`${s3.url.replace('/quento-test', '/other-bucket')}/staging`);
    await shared.put('users/u9/exports/x.md', bytes('# x'), { contentType: 'text/markdown' });
    const raw = storeFor(s3.url.replace('/quento-test', '/other-bucket'));
    expect(text(await raw.get('staging/users/u9/exports/x.md'))).toBe('# x');
    expect((await shared.list('users/u9/')).map((f) => f.key)).toEqual(['users/u9/exports/x.md']);
    await Promise.all([shared.close(), raw.close()]);
  });

  it('a stopped server is an error to retry, not a configuration error', async () => {
    const store = storeFor(s3.url);
    await s3.stop();
    try {
      const failure = await store.check().then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(FileStoreMisconfigured);
    } finally {
      await s3.start();
      await store.close();
    }
    await expect(store.check()).resolves.toBeUndefined();
  });
});
