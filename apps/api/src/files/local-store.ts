import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { FileStore, LinkOptions, SignedLink, StoredFile } from './file-store.ts';
import { assertKey, assertPrefix } from './keys.ts';
import type { LinkCheck, LocalLinkSigner } from './local-links.ts';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files on local disk under `root` (DATA_DIR/files): the embedded default. Not shared between
 * machines: with several API instances use the S3-compatible store.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;

  constructor(
    readonly root: string,
    private readonly signer: LocalLinkSigner,
  ) {}

  #path(key: string): string {
    return join(this.root, ...assertKey(key).split('/'));
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    // Written beside, then renamed over: a reader sees the old file or the whole new one.
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(partial, body);
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    return readFile(this.#path(key)).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw err;
    });
  }

  /** A stream of the file and its size, for serving it; null when there is none. */
  async open(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    const path = this.#path(key);
    const info = await stat(path).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw err;
    });
    if (!info?.isFile()) return null;
    return { stream: createReadStream(path), size: info.size };
  }

  async list(prefix: string): Promise<StoredFile[]> {
    const dir = this.#path(assertPrefix(prefix).slice(0, -1));
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
      (err: unknown) => {
        if (isMissing(err)) return [];
        throw err;
      },
    );
    const files: StoredFile[] = [];
    for (const e of entries) {
      if (!e.isFile() || e.name.endsWith('.partial')) continue;
      const path = join(e.parentPath, e.name);
      const info = await stat(path).catch(() => null);
      if (!info) continue; // deleted meanwhile
      const key = relative(this.root, path).split(sep).join('/');
      files.push({ key, size: info.size, lastModified: info.mtime });
    }
    return files.sort((a, b) => a.key.localeCompare(b.key));
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await rm(this.#path(key), { force: true });
  }

  /** Whether a link to one of these files is genuine and unexpired (the download route asks). */
  checkLink(key: string, query: Record<string, unknown>): LinkCheck {
    return this.signer.check(key, query);
  }

  async deletePrefix(prefix: string): Promise<number> {
    const files = await this.list(prefix);
    await rm(this.#path(assertPrefix(prefix).slice(0, -1)), { recursive: true, force: true });
    return files.length;
  }

  async link(key: string, options: LinkOptions): Promise<SignedLink> {
    const { path, expiresAt } = this.signer.sign(assertKey(key), options);
    return { url: path, expiresAt };
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }

  async close(): Promise<void> {}
}
