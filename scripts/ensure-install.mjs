#!/usr/bin/env node
// Installs what a fresh clone is missing, using only Node's built-ins, so that `npm start` and
// `npm test` work straight after `git clone`. Re-installs when package-lock.json changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.quento-install-stamp');
const wantChromium = process.argv.includes('--chromium');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

const digest = createHash('sha256').update(readFileSync(lock)).digest('hex');
const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (current !== digest) {
  console.log('[quento] installing dependencies (npm ci)...');
  if (!run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])) {
    console.error('[quento] npm ci failed');
    process.exit(1);
  }
  writeFileSync(stamp, digest);
}

// Rendered crawling and browser tests need Chromium. Install it from Debian when we can.
if (wantChromium && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[quento] installing chromium (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const opts = { cwd: root, stdio: 'inherit', env };
    spawnSync('apt-get', ['update', '-qq'], opts);
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], opts);
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.warn('[quento] chromium is not installed: rendered-mode tests will fail');
  }
}
