#!/usr/bin/env node
// Builds the app's web version (apps/mobile/dist) when it is missing or older than its sources,
// then pre-compresses it; `npm start` runs this before the API, which serves the build at `/`.
// A cold build takes minutes on a small machine, so it says what it is doing while it runs.
// Built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mobile = join(root, 'apps', 'mobile');
const dist = join(mobile, 'dist');
const stamp = join(dist, '.quento-build-stamp');
const PROGRESS_EVERY_MS = 10_000;
// Tests and benchmarks need the build: with --strict a failure is an error, not a warning.
const strict = process.argv.includes('--strict');

// API-only work (and the runtime benchmark on a machine without a build) can skip the check.
if (process.env.SKIP_WEB_BUILD === '1') {
  console.log('[quento] SKIP_WEB_BUILD=1: the web app is not built or checked');
  process.exit(0);
}

if (!existsSync(join(mobile, 'package.json'))) {
  console.log('[quento] no apps/mobile yet: the API starts without the web app');
  process.exit(0);
}

/** The newest modification time among the files the web build is made from. */
function newestSource() {
  return newestMtime([
    ...['app', 'src', 'assets', 'public', 'metro'].map((folder) => join(mobile, folder)),
    ...['app.json', 'package.json', 'babel.config.js', 'metro.config.js'].map((f) =>
      join(mobile, f),
    ),
    join(root, 'packages', 'contracts', 'src'),
  ]);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

// Up to date: a finished build (index.html, compressed, stamped) newer than every source.
const built = Math.min(mtime(join(dist, 'index.html')), mtime(stamp));
if (built > 0 && built >= newestSource()) {
  console.log('[quento] web app is up to date (apps/mobile/dist)');
  process.exit(0);
}

console.log(
  '[quento] building the web app (a cold build takes a few minutes on 2 cores; later starts reuse it)...',
);
const started = Date.now();
// Metro redraws its progress bar with carriage returns and colours: keep the last plain line.
let lastLine = '';
const output = [];
const remember = (chunk) => {
  for (const piece of chunk.toString('utf8').split(/[\r\n]+/)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
    const line = piece.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim();
    if (!line) continue;
    lastLine = line;
    output.push(line);
    if (output.length > 40) output.shift();
  }
};
const child = spawn(
  'npx',
  ['--no-install', 'expo', 'export', '--platform', 'web', '--output-dir', 'dist'],
  {
    cwd: mobile,
    env: {
      ...process.env,
      EXPO_OFFLINE: '1',
      EXPO_NO_TELEMETRY: '1',
      EXPO_NO_DEPENDENCY_VALIDATION: '1',
      CI: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
child.stdout.on('data', remember);
child.stderr.on('data', remember);
const seconds = () => Math.round((Date.now() - started) / 1000);
const timer = setInterval(() => {
  console.log(
    `[quento] still building the web app (${seconds()} s): ${lastLine || 'starting Metro'}`,
  );
}, PROGRESS_EVERY_MS);

const code = await new Promise((resolveCode) => {
  child.on('error', (err) => {
    output.push(String(err));
    resolveCode(1);
  });
  child.on('close', (status) => resolveCode(status ?? 1));
});
clearInterval(timer);

if (code !== 0 || !existsSync(join(dist, 'index.html'))) {
  console.error(
    `[quento] the web build failed (exit ${code}) after ${seconds()} s; its last lines:`,
  );
  for (const line of output.slice(-20)) console.error(`  ${line}`);
  if (strict) process.exit(1);
  console.error('[quento] the API starts without a fresh web app; fix the build and restart');
  process.exit(0);
}
console.log(`[quento] web app built in ${seconds()} s`);
const compressed = spawnSync(process.execPath, [join(root, 'scripts', 'compress-web.mjs'), dist], {
  stdio: 'inherit',
});
if (compressed.status === 0) {
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  console.error('[quento] compressing the web build failed; it is served uncompressed');
  if (strict) process.exit(1);
}
