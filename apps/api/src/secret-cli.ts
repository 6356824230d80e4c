import { ensureSecretFile } from './lib/secrets.ts';

/**
 * `npm run secret:init -w apps/api -- <file>`: creates the shared JWT secret file once (the compose
 * stack runs it before the API and the worker, which read it through JWT_SECRET_FILE).
 */
const file = process.argv[2] ?? process.env.JWT_SECRET_FILE;
if (!file) {
  console.error('[quento] usage: secret-cli <file> (or set JWT_SECRET_FILE)');
  process.exit(2);
}
console.log(
  ensureSecretFile(file)
    ? `[quento] wrote a new secret to ${file}`
    : `[quento] ${file} already holds a secret`,
);
