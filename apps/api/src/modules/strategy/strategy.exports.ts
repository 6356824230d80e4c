import { randomUUID } from 'node:crypto';
import type { StrategyExport } from '@quento/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type FileStore, fileKeys } from '../../files/index.ts';
import type { FileLinks } from '../../files/links.ts';
import { unavailable } from '../../lib/unavailable.ts';
import type { ExportFile } from './export/index.ts';

/**
 * Keeps rendered exports in the file store and hands them out as links (valid for
 * FILE_LINK_TTL). Each new export deletes the user's exports whose links have expired: they can
 * no longer be downloaded, and a new export is a click away.
 */
export class ExportStore {
  constructor(
    private readonly files: FileStore,
    private readonly links: FileLinks,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Stores the file under the user's exports; a store that fails is a 503 with nothing kept. */
  async store(userId: string, file: ExportFile, origin: string): Promise<StrategyExport> {
    const extension = file.filename.slice(file.filename.lastIndexOf('.') + 1);
    const key = fileKeys.export(userId, randomUUID(), extension);
    await this.files
      .put(key, file.body, { contentType: file.content_type })
      .catch((err: unknown) => {
        this.log.error({ err }, 'export could not be stored');
        throw unavailable('file store');
      });
    await this.prune(userId, key);
    const link = await this.links
      .sign(
        key,
        { filename: file.filename, contentType: file.content_type, disposition: 'attachment' },
        origin,
      )
      .catch(async (err: unknown) => {
        await this.files.delete([key]).catch(() => undefined);
        throw err;
      });
    return {
      ...link,
      file_name: file.filename,
      content_type: file.content_type,
      size: file.body.length,
    };
  }

  /** Deletes the user's exports whose links have expired (best effort: a failure is logged). */
  private async prune(userId: string, keep: string): Promise<void> {
    try {
      const cutoff = Date.now() - this.links.ttlSeconds * 1000;
      const old = (await this.files.list(fileKeys.exports(userId))).filter(
        (f) => f.key !== keep && f.lastModified.getTime() < cutoff,
      );
      if (old.length) await this.files.delete(old.map((f) => f.key));
    } catch (err) {
      this.log.warn({ err }, 'old exports could not be pruned');
    }
  }
}
