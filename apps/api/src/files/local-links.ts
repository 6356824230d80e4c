import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { LinkOptions } from './file-store.ts';
import { isValidKey } from './keys.ts';

/** The API path that serves local files by signed link (modules/files/files.routes.ts). */
export const LOCAL_FILES_PATH = '/api/v1/files';

/** What a valid link grants: one file, with the name and type it is sent under. */
export interface LinkGrant {
  key: string;
  filename: string;
  contentType: string;
  disposition: LinkOptions['disposition'];
  expiresAt: Date;
}

export type LinkCheck =
  | { ok: true; grant: LinkGrant }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Signs and checks the local store's download links: HMAC-SHA256 over the key, the expiry, the
 * file name, the type and the disposition, with a key derived from the server secret (HKDF, its
 * own label, so a link signature is never a valid token MAC or the reverse). The signature travels
 * in the query string, which the request log leaves out.
 */
export class LocalLinkSigner {
  readonly #key: Buffer;

  constructor(
    serverSecret: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {
    this.#key = Buffer.from(hkdfSync('sha256', serverSecret, '', 'quento:file-links:v1', 32));
  }

  #mac(fields: string[]): Buffer {
    return createHmac('sha256', this.#key).update(JSON.stringify(fields)).digest();
  }

  /** The path and query of a link to `key`, valid for `expiresIn` seconds from now. */
  sign(key: string, options: LinkOptions): { path: string; expiresAt: Date } {
    const expires = Math.floor(this.now() / 1000) + options.expiresIn;
    const fields = [
      key,
      String(expires),
      options.filename,
      options.contentType,
      options.disposition,
    ];
    const query = new URLSearchParams({
      expires: String(expires),
      name: options.filename,
      type: options.contentType,
      disposition: options.disposition,
      signature: this.#mac(fields).toString('base64url'),
    });
    return { path: `${LOCAL_FILES_PATH}/${key}?${query}`, expiresAt: new Date(expires * 1000) };
  }

  /**
   * Checks a link: the signature first (in constant time), then the expiry, so a forged link
   * learns nothing about which keys exist or when links end.
   */
  check(key: string, query: Record<string, unknown>): LinkCheck {
    const field = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
    const expires = field('expires');
    const filename = field('name');
    const contentType = field('type');
    const disposition = field('disposition');
    const signature = field('signature');
    if (
      !isValidKey(key) ||
      !expires ||
      !/^\d{1,12}$/.test(expires) ||
      filename === undefined ||
      contentType === undefined ||
      (disposition !== 'attachment' && disposition !== 'inline') ||
      !signature ||
      !/^[A-Za-z0-9_-]{43}$/.test(signature)
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const expected = this.#mac([key, expires, filename, contentType, disposition]);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'invalid' };
    }
    const expiresAt = new Date(Number(expires) * 1000);
    if (expiresAt.getTime() <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: { key, filename, contentType, disposition, expiresAt } };
  }
}
