import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { FileStore } from './file-store.ts';
import { LocalLinkSigner } from './local-links.ts';
import { LocalFileStore } from './local-store.ts';
import { parseS3Url } from './s3-url.ts';

export { contentDisposition, type FileStore, FileStoreMisconfigured } from './file-store.ts';
export { fileKeys } from './keys.ts';
export { LocalFileStore } from './local-store.ts';

/**
 * The configured store: an S3-compatible bucket when S3_URL is set (the AWS SDK is imported here
 * and nowhere else, so without S3_URL it never loads), else DATA_DIR/files.
 */
export async function createFileStore(
  config: Config,
  serverSecret: Uint8Array,
): Promise<FileStore> {
  if (config.S3_URL) {
    const { S3FileStore } = await import('./s3-store.ts');
    return new S3FileStore({
      location: parseS3Url(config.S3_URL),
      region: config.S3_REGION,
      publicEndpoint: config.S3_PUBLIC_URL && new URL(config.S3_PUBLIC_URL).origin,
    });
  }
  return new LocalFileStore(join(config.DATA_DIR, 'files'), new LocalLinkSigner(serverSecret));
}
