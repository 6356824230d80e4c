#!/usr/bin/env node
// Builds the API once into apps/api/dist (one esbuild bundle per entry: main, worker, migrate-cli)
// when it is missing or older than its sources, so that `npm start` runs plain JavaScript instead
// of compiling TypeScript at every start. The workspace packages (contracts, analyzer, engine, url) are bundled
// in; every npm dependency stays an import of node_modules, so heavy ones that the code imports
// lazily are still loaded only when used. `npm run build -w apps/api` builds unconditionally.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps', 'api');
const dist = join(api, 'dist');
const stamp = join(dist, '.quento-build-stamp');
const force = process.argv.includes('--force');

/** The newest modification time among the files the build is made from. */
const newestSource = () =>
  newestMtime([
    join(api, 'src'),
    join(api, 'package.json'),
    join(api, 'drizzle'),
    join(root, 'packages', 'contracts', 'src'),
    join(root, 'packages', 'analyzer', 'src'),
    join(root, 'packages', 'engine', 'src'),
    join(root, 'packages', 'url', 'src'),
    join(root, 'package-lock.json'),
    fileURLToPath(import.meta.url),
  ]);

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (!force && built > 0 && built >= newestSource()) process.exit(0);

const started = Date.now();
const { build } = await import('esbuild');
rmSync(dist, { recursive: true, force: true }); // chunk names change: no stale ones left behind
await build({
  absWorkingDir: api,
  entryPoints: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    'migrate-cli': 'src/db/migrate-cli.ts',
    'pglite-template': 'src/db/pglite-template-cli.ts',
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      // Our own workspace packages are bundled; node_modules stays outside the bundle.
      name: 'external-node-modules',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@quento/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
console.log(`[quento] API built in ${Date.now() - started} ms (apps/api/dist)`);
// The embedded database's template (skipped at once when it exists for these migrations).
const template = spawnSync(process.execPath, [join(dist, 'pglite-template.js')], {
  stdio: 'inherit',
});
if (template.status !== 0) {
  console.error('[quento] the PGlite template failed; a new data folder runs initdb instead');
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
