/**
 * Where the S3-compatible store is, read from S3_URL (no SDK needed to read it):
 *
 * - `http(s)://ACCESS:SECRET@host:port/bucket[/prefix]`: a custom endpoint (MinIO, Ceph, R2, ...),
 *   path-style addressing. Without `ACCESS:SECRET@`, the SDK's standard chain supplies the
 *   credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, a role).
 * - `s3://bucket[/prefix]`: Amazon S3 itself, virtual-hosted addressing, credentials from the
 *   standard chain; S3_REGION names the bucket's region.
 *
 * User name and password are percent-decoded (a secret with `/` or `+` is written `%2F`, `%2B`).
 */
export interface S3Location {
  /** The custom endpoint's origin; undefined for Amazon S3. */
  endpoint?: string;
  bucket: string;
  /** Prepended to every key (empty, or ending in `/`): several deployments can share a bucket. */
  prefix: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

// S3's bucket naming rules: 3-63 characters, lower-case letters, digits, dots and hyphens.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]+$/;

export class S3UrlError extends Error {}

/** Parses S3_URL; the error message never repeats the URL (it may hold a secret). */
export function parseS3Url(value: string): S3Location {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new S3UrlError('must be an http(s)://ACCESS:SECRET@host/bucket or s3://bucket URL');
  }
  const s3 = url.protocol === 's3:';
  if (!s3 && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new S3UrlError('must start with http://, https:// or s3://');
  }
  // In s3://bucket/prefix the bucket is the host; in http(s) URLs it is the first path segment.
  const segments = (s3 ? [url.hostname, ...url.pathname.split('/')] : url.pathname.split('/'))
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const [bucket, ...prefix] = segments;
  if (!bucket) throw new S3UrlError('names no bucket (…/bucket)');
  if (!BUCKET.test(bucket)) {
    throw new S3UrlError('bucket names are 3-63 lower-case letters, digits, dots and hyphens');
  }
  if (prefix.some((p) => !PREFIX_SEGMENT.test(p) || p === '..' || p === '.')) {
    throw new S3UrlError('the key prefix after the bucket may hold letters, digits, . _ - only');
  }
  if (url.search || url.hash) throw new S3UrlError('takes no query string or fragment');
  const user = decodeURIComponent(url.username);
  const secret = decodeURIComponent(url.password);
  if (Boolean(user) !== Boolean(secret)) {
    throw new S3UrlError('give both ACCESS:SECRET@ or neither (then the AWS variables are read)');
  }
  if (s3 && user) {
    throw new S3UrlError('s3:// takes no credentials: use the AWS variables or a role');
  }
  return {
    ...(s3 ? {} : { endpoint: url.origin }),
    bucket,
    prefix: prefix.length ? `${prefix.join('/')}/` : '',
    ...(user ? { credentials: { accessKeyId: user, secretAccessKey: secret } } : {}),
    forcePathStyle: !s3,
  };
}

/** S3_URL with its secret masked, for logs and start-up lines. */
export function describeS3Url(location: S3Location): string {
  const where = location.endpoint ?? 'Amazon S3';
  return `${where}, bucket ${location.bucket}${location.prefix ? `, prefix ${location.prefix}` : ''}`;
}
