import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real S3-compatible server on loopback for the tests: @20minutes/s3rver, a maintained fork of
 * s3rver that checks SigV4 signatures (header and presigned query) and link expiry. (s3rver 3.7.1
 * itself accepts any SigV4 signature, so a forged link would pass.) One correction is applied
 * here: the fork builds the canonical URI of bucket-level requests (ListObjectsV2, HeadBucket)
 * without the trailing slash the AWS SDK sends and signs (`/bucket/`), and so refuses them; the
 * path as sent is used instead, as S3 does.
 */
const require = createRequire(import.meta.url);

interface KoaContext {
  path: string;
  headers: Record<string, string>;
}
interface S3rverServer {
  middleware: Array<(ctx: KoaContext, next: () => Promise<unknown>) => unknown>;
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
interface CanonicalRequest {
  uri: string;
  headers: Record<string, string>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;

const S3rver = require('@20minutes/s3rver') as S3rverClass;
const v4 = require('@20minutes/s3rver/lib/signature/v4.js') as {
  getStringToSign: (request: CanonicalRequest, signature: unknown) => string;
};
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};

const rawPaths = new WeakMap<object, string>();
let patched = false;
function patchCanonicalUri() {
  if (patched) return;
  patched = true;
  const original = v4.getStringToSign;
  v4.getStringToSign = (request, signature) => {
    const raw = rawPaths.get(request.headers);
    const uri = raw?.endsWith('/') && !request.uri.endsWith('/') ? `${request.uri}/` : request.uri;
    return original({ ...request, uri }, signature);
  };
}

export interface S3TestServer {
  /** S3_URL for the API: http://ACCESS:SECRET@127.0.0.1:port/bucket */
  url: string;
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Stops answering (the port closes) until `start` is called again; the files stay. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server with `buckets` (default one, `quento-test`) and its own random credentials. */
export async function startS3(buckets = ['quento-test']): Promise<S3TestServer> {
  patchCanonicalUri();
  const directory = mkdtempSync(join(tmpdir(), 'quento-s3-'));
  const accessKeyId = `quento-${randomBytes(4).toString('hex')}`;
  const secretAccessKey = randomBytes(24).toString('base64url');
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  let port = 0;
  let server: S3rverServer | null = null;
  const start = async () => {
    const s = new S3rver({
      port,
      address: '127.0.0.1',
      directory,
      silent: true,
      configureBuckets: buckets.map((name) => ({ name })),
    });
    s.middleware.unshift((ctx, next) => {
      rawPaths.set(ctx.headers, ctx.path);
      return next();
    });
    port = (await s.run()).port;
    server = s;
  };
  await start();
  const stop = async () => {
    await server?.close();
    server = null;
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const bucket = buckets[0] ?? 'quento-test';
  return {
    url: `http://${accessKeyId}:${secretAccessKey}@127.0.0.1:${port}/${bucket}`,
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
