// `node --import ./test/support/record-imports.mjs ...`: appends every module URL the process loads
// through the ESM loader to the file in RECORD_IMPORTS_FILE (the runtime test reads it).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(process.env.RECORD_IMPORTS_FILE, url + '\\n');
      return next(url, context);
    }`)}`,
);
