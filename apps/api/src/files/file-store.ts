/**
 * Where exports and screenshots are kept: one contract, two stores (local disk under DATA_DIR,
 * the default; an S3-compatible bucket when S3_URL is set). Keys are the store's own layout
 * (`keys.ts`), never a user's input.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Writes the whole file, or nothing: a failed write leaves no partial file under the key. */
  put(key: string, body: Uint8Array, options: { contentType: string }): Promise<void>;
  /** The file's bytes, or null when there is none under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Every file whose key starts with `prefix`, with its size and when it was written. */
  list(prefix: string): Promise<StoredFile[]>;
  /** Deletes these files; keys with no file are skipped. */
  delete(keys: string[]): Promise<void>;
  /** Deletes every file whose key starts with `prefix` (a folder: ends with `/`); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * A link that downloads the file without the Authorization header until it expires: a
   * presigned GET (S3) or an HMAC-signed API path (local). `filename` and `contentType` are sent
   * back with the file; `disposition` says whether a browser saves it or shows it.
   */
  link(key: string, options: LinkOptions): Promise<SignedLink>;
  /**
   * Start-up and readiness: the bucket (or folder) is there and answers. Throws
   * FileStoreMisconfigured when it cannot work as configured (a missing bucket, refused
   * credentials), any other error when it is only unreachable for now.
   */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface StoredFile {
  key: string;
  size: number;
  lastModified: Date;
}

export interface LinkOptions {
  filename: string;
  contentType: string;
  disposition: 'attachment' | 'inline';
  /** Seconds the link stays valid. */
  expiresIn: number;
}

export interface SignedLink {
  /** Absolute (S3), or a path on this API (local: resolve it against the API's origin). */
  url: string;
  expiresAt: Date;
}

/** The store cannot work as configured: start-up stops with this message (it names the variable). */
export class FileStoreMisconfigured extends Error {
  override name = 'FileStoreMisconfigured';
}

/**
 * `attachment; filename="..."`. Our file names are ASCII (exports are slugs); anything else is
 * replaced by `_` rather than sent in the RFC 5987 form, whose quote characters some
 * S3-compatible servers sign differently from the SDK.
 */
export function contentDisposition(disposition: LinkOptions['disposition'], filename: string) {
  return `${disposition}; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}
