import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiPackageRoot } from '../lib/package-root.ts';
import { openDatabase } from './client.ts';
import { migrationsFolder, runMigrations } from './migrate.ts';

// PGlite's initdb (the WASM bootstrap of a new cluster) is most of a first start: 5-10 s here.
// A migrated, cleanly closed data folder made once per PGlite version and set of migrations is
// copied into a new data folder instead (as PostgreSQL itself copies template1), in well under a
// second. Nothing in it belongs to a user: it is the empty schema.

/** The template folder for this PGlite version and these migrations. */
export function pgliteTemplateDir(): string {
  const hash = createHash('sha256');
  const pglite = join(
    dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))),
    '..',
    'package.json',
  );
  hash.update(readFileSync(pglite));
  for (const name of readdirSync(migrationsFolder).sort()) {
    if (name.endsWith('.sql')) hash.update(name).update(readFileSync(join(migrationsFolder, name)));
  }
  const key = hash.digest('hex').slice(0, 16);
  return join(apiPackageRoot, 'node_modules', '.cache', 'quento', `pglite-template-${key}`);
}

/** Creates the template when it is missing (the API's build step runs this). */
export async function ensurePgliteTemplate(): Promise<string> {
  const dir = pgliteTemplateDir();
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  // Made aside and renamed, so a build stopped half-way never leaves a broken template.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const handle = await openDatabase({ pgliteDir: partial });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}

/**
 * Seeds an empty PGlite data folder from the template, when one was built. Returns whether it
 * did; without a template PGlite runs initdb itself as before.
 */
export function seedFromTemplate(dataDir: string): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const template = pgliteTemplateDir();
  if (!existsSync(join(template, 'PG_VERSION'))) return false;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false; // not ours to fill
  cpSync(template, dataDir, { recursive: true });
  return true;
}
