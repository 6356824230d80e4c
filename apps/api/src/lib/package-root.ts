import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API package's folder (apps/api), found from wherever this code runs: its sources
 * (src/lib/) or the built bundle (dist/), whose files sit at another depth.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('the API package folder was not found');
    dir = parent;
  }
  return dir;
}

export const apiPackageRoot = findPackageRoot();
