// Import rules (npm run lint:deps, part of npm test): dependency-cruiser checks the rules in
// .dependency-cruiser.cjs file by file; then the same graph, collapsed to its parts (each API
// module, each top-level API folder, each package, the app), must have no cycles either: a cycle
// between analysis and strategy runs through different files, so no file-level check sees it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');

const ROOTS = [
  'apps/api/src',
  'apps/mobile/src',
  'apps/mobile/app',
  'packages/contracts/src',
  'packages/analyzer/src',
  'packages/engine/src',
  'packages/url/src',
];

/** The part a file belongs to, or null for files outside the checked roots (node_modules). */
function partOf(path) {
  const m =
    /^apps\/api\/src\/modules\/[^/]+/.exec(path) ??
    /^apps\/api\/src\/[^/]+/.exec(path) ??
    /^apps\/[^/]+/.exec(path) ??
    /^packages\/[^/]+/.exec(path);
  return m ? m[0] : null;
}

const roots = ROOTS.filter((r) => existsSync(r));
const result = await cruise(roots, {
  ...config.options,
  validate: true,
  ruleSet: { forbidden: config.forbidden },
});
const out = result.output;
const violations = out.summary.violations.filter((v) => v.rule.severity === 'error');
for (const v of violations) {
  const via = v.cycle ? ` (${v.cycle.map((c) => c.name ?? c).join(' -> ')})` : '';
  console.error(`${v.rule.name}: ${v.from} -> ${v.to}${via}`);
}

// Collapse to parts; type-only imports carry no code and do not make a cycle.
const edges = new Map();
for (const mod of out.modules) {
  const from = partOf(mod.source);
  if (!from) continue;
  for (const dep of mod.dependencies) {
    const to = partOf(dep.resolved);
    if (!to || to === from || dep.dependencyTypes.includes('type-only')) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${mod.source} -> ${dep.resolved}`);
  }
}
const cycles = [];
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, 'open');
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
for (const cycle of cycles) {
  const steps = cycle.slice(1).map((to, i) => `  ${edges.get(cycle[i]).get(to)}`);
  console.error(`no-part-cycles: ${cycle.join(' -> ')}\n${steps.join('\n')}`);
}

const problems = violations.length + cycles.length;
console.log(
  problems === 0
    ? `lint:deps: no violations (${out.summary.totalCruised} modules, ${edges.size} parts)`
    : `lint:deps: ${problems} violations`,
);
process.exit(problems === 0 ? 0 : 1);
