import type { ReadStream } from 'node:fs';
import type { LocalFileStore } from '../../files/index.ts';
import type { LinkGrant } from '../../files/local-links.ts';
import { AppError, errors } from '../../lib/errors.ts';

/** Downloads from the local store by signed link: no account, the link is the permission. */
export class FilesService {
  constructor(private readonly store: LocalFileStore) {}

  /**
   * The file a link grants. A forged or altered link is a 403 LINK_INVALID, an expired one a 410
   * LINK_EXPIRED (checked after the signature), a genuine link to a deleted file a 404.
   */
  async open(
    key: string,
    query: Record<string, unknown>,
  ): Promise<{ grant: LinkGrant; stream: ReadStream; size: number }> {
    const check = this.store.checkLink(key, query);
    if (!check.ok) {
      throw check.reason === 'expired'
        ? new AppError('LINK_EXPIRED', 'This link has expired; ask Quento for a new one')
        : new AppError('LINK_INVALID', 'This link is not valid');
    }
    const file = await this.store.open(key);
    if (!file) throw errors.notFound('File');
    return { grant: check.grant, ...file };
  }
}
