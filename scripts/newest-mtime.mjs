// Shared by the build scripts: is a build older than the files it is made from? Built-ins only.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time among these files and folders (node_modules and dot-files left out). */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) {
        if (name !== 'node_modules' && !name.startsWith('.')) visit(join(path, name));
      }
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const path of paths) visit(path);
  return newest;
}
