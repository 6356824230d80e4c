import type { FileLink } from '@quento/contracts';
import type { FileStore, LinkOptions } from './file-store.ts';

/**
 * Hands out links to stored files, valid for FILE_LINK_TTL seconds. A local store's links are
 * paths on this API: they are made absolute with the origin the client reached the API at (or
 * PUBLIC_API_URL), so they work in a share sheet or an image tag on a device too.
 */
export class FileLinks {
  constructor(
    private readonly store: FileStore,
    readonly ttlSeconds: number,
    /** PUBLIC_API_URL: when set, links are built on it whatever origin the request came to. */
    private readonly apiUrl?: string | undefined,
  ) {}

  async sign(
    key: string,
    options: Omit<LinkOptions, 'expiresIn'>,
    origin: string,
  ): Promise<FileLink> {
    const link = await this.store.link(key, { ...options, expiresIn: this.ttlSeconds });
    const base = this.apiUrl ?? origin;
    return { url: new URL(link.url, base).href, expires_at: link.expiresAt.toISOString() };
  }
}
