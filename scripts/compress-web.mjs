#!/usr/bin/env node
// Writes .br and .gz siblings next to the web build's text files (over 1 kB), so the API can send
// them pre-compressed (@fastify/static `preCompressed`) instead of compressing on every request.
// Built-ins only. Usage: node scripts/compress-web.mjs [dir]   (default: apps/mobile/dist)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? join(root, 'apps', 'mobile', 'dist'));
const EXTENSIONS = new Set(['.js', '.css', '.html', '.json', '.svg']);
const MIN_BYTES = 1024;

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** A sibling that is at least as new as its source is kept: a rebuild rewrites only what changed. */
function fresh(source, target) {
  try {
    return statSync(target).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

let count = 0;
let before = 0;
let afterBr = 0;
let afterGz = 0;
const started = Date.now();
for (const path of files(dir)) {
  if (!EXTENSIONS.has(extname(path))) continue;
  const size = statSync(path).size;
  if (size <= MIN_BYTES) continue;
  let data;
  if (!fresh(path, `${path}.br`)) {
    data = readFileSync(path);
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: size,
        },
      }),
    );
  }
  if (!fresh(path, `${path}.gz`)) {
    data ??= readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  }
  count += 1;
  before += size;
  afterBr += statSync(`${path}.br`).size;
  afterGz += statSync(`${path}.gz`).size;
}
const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(
  `[quento] compressed ${count} files in ${dir}: ${kB(before)} -> ${kB(afterBr)} brotli, ` +
    `${kB(afterGz)} gzip (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
