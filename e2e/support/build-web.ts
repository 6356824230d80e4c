import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.ts';

/** Vitest global setup: the web build the API serves, built once and reused while it is fresh. */
export default function setup() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-web.mjs'), '--strict'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the web build failed');
  if (!existsSync(join(root, 'apps', 'mobile', 'dist', 'index.html')))
    throw new Error('the web build left no apps/mobile/dist/index.html');
}
