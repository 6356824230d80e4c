import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { createFileStore, type FileStore, FileStoreMisconfigured } from '../files/index.ts';
import { FileLinks } from '../files/links.ts';
import { resolveServerSecret } from '../lib/secrets.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Exports and screenshots: DATA_DIR/files, or the S3-compatible bucket of S3_URL. */
    files: FileStore;
    fileLinks: FileLinks;
  }
}

const START_CHECK_MS = 5_000;

/**
 * External layer: the file store. A bucket that is missing or refuses the credentials stops
 * start-up with a message naming S3_URL; a store that does not answer yet is reported, and
 * /readyz says so until it does (exports and screenshots fail meanwhile; the rest works).
 */
export default fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const files = await createFileStore(config, resolveServerSecret(config));
    app.decorate('files', files);
    app.decorate('fileLinks', new FileLinks(files, config.FILE_LINK_TTL, config.PUBLIC_API_URL));
    app.addHook('onClose', () => files.close());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in time')), START_CHECK_MS);
    });
    try {
      await Promise.race([files.check(), timeout]);
    } catch (err) {
      if (err instanceof FileStoreMisconfigured) throw err;
      app.log.warn({ err, store: files.kind }, 'file store unavailable; retrying on use');
    } finally {
      clearTimeout(timer);
    }
  },
  { name: 'files' },
);
