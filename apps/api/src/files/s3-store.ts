import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  contentDisposition,
  type FileStore,
  FileStoreMisconfigured,
  type LinkOptions,
  type SignedLink,
  type StoredFile,
} from './file-store.ts';
import { assertKey, assertPrefix } from './keys.ts';
import { describeS3Url, type S3Location } from './s3-url.ts';

export interface S3StoreOptions {
  location: S3Location;
  region: string;
  /** The origin links point at, when clients reach the store elsewhere (S3_PUBLIC_URL). */
  publicEndpoint?: string | undefined;
  /** The clock links are signed with (tests sign in the past to get expired links). */
  now?: () => number;
}

/**
 * An S3-compatible bucket (Amazon S3, MinIO, Ceph, R2, ...) through @aws-sdk/client-s3. Loaded
 * only when S3_URL is set: nothing of the SDK is imported otherwise.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly #client: S3Client;
  // Presigning is local arithmetic; a second client only when links name another endpoint.
  readonly #signer: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #now: () => number;
  readonly #where: string;

  constructor(options: S3StoreOptions) {
    const { location } = options;
    const base: S3ClientConfig = {
      region: options.region,
      forcePathStyle: location.forcePathStyle,
      ...(location.credentials ? { credentials: location.credentials } : {}),
      // Checksums only where S3 requires them: not every S3-compatible server knows the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
    };
    this.#client = new S3Client({
      ...base,
      ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    });
    this.#signer = options.publicEndpoint
      ? new S3Client({ ...base, endpoint: options.publicEndpoint })
      : this.#client;
    this.#bucket = location.bucket;
    this.#prefix = location.prefix;
    this.#now = options.now ?? Date.now;
    this.#where = describeS3Url(location);
  }

  async put(key: string, body: Uint8Array, options: { contentType: string }): Promise<void> {
    // A single PUT: S3 stores the object whole or not at all.
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#prefix + assertKey(key),
        Body: body,
        ContentType: options.contentType,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const res = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + assertKey(key) }),
      );
      return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
    } catch (err) {
      if (err instanceof NoSuchKey) return null;
      throw err;
    }
  }

  async list(prefix: string): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: this.#prefix + assertPrefix(prefix),
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        files.push({
          key: o.Key.slice(this.#prefix.length),
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return files;
  }

  async delete(keys: string[]): Promise<void> {
    // DeleteObjects takes at most 1,000 keys a request; a key with no object is no error.
    for (let i = 0; i < keys.length; i += 1000) {
      const res = await this.#client.send(
        new DeleteObjectsCommand({
          Bucket: this.#bucket,
          Delete: {
            Objects: keys.slice(i, i + 1000).map((k) => ({ Key: this.#prefix + assertKey(k) })),
            Quiet: true,
          },
        }),
      );
      if (res.Errors?.length) {
        throw new Error(`S3 refused to delete ${res.Errors.length} files (${res.Errors[0]?.Code})`);
      }
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const files = await this.list(prefix);
    await this.delete(files.map((f) => f.key));
    return files.length;
  }

  async link(key: string, options: LinkOptions): Promise<SignedLink> {
    const signingDate = new Date(this.#now());
    const url = await getSignedUrl(
      this.#signer,
      new GetObjectCommand({
        Bucket: this.#bucket,
        Key: this.#prefix + assertKey(key),
        ResponseContentDisposition: contentDisposition(options.disposition, options.filename),
        ResponseContentType: options.contentType,
      }),
      { expiresIn: options.expiresIn, signingDate },
    );
    return { url, expiresAt: new Date(signingDate.getTime() + options.expiresIn * 1000) };
  }

  async check(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      if (status === 404) {
        throw new FileStoreMisconfigured(
          `S3_URL: the bucket "${this.#bucket}" does not exist (${this.#where}); create it first`,
        );
      }
      if (status === 403 || status === 401) {
        throw new FileStoreMisconfigured(
          `S3_URL: access to the bucket "${this.#bucket}" was refused (${this.#where}); check the credentials`,
        );
      }
      if ((err as Error).name === 'CredentialsProviderError') {
        throw new FileStoreMisconfigured(
          'S3_URL: no credentials (put ACCESS:SECRET@ in the URL, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
        );
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    this.#client.destroy();
    if (this.#signer !== this.#client) this.#signer.destroy();
  }
}
