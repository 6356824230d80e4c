// Run by the API's build step (scripts/build-api.mjs): makes the migrated PGlite template that a
// new embedded data folder is copied from, when this PGlite version and these migrations have none.
import { ensurePgliteTemplate } from './pglite-template.ts';

const started = Date.now();
const dir = await ensurePgliteTemplate();
console.log(`[quento] PGlite template ready in ${Date.now() - started} ms (${dir})`);
