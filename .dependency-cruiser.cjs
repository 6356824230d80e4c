/**
 * Import rules, checked in `npm test` (`npm run lint:deps`). Imports run one way: apps ->
 * packages; contracts and url depend on nothing of ours; the app never reaches server code; in the
 * API, routes -> services -> repositories; no cycles anywhere.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties modules together so that neither can change or load alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'The API modules and ai/ depend one way too: analysis and strategy, or ai and strategy, must not need each other.',
      scope: 'folder',
      from: { path: '^apps/api/src/(modules|ai)(/|$)' },
      to: { circular: true },
    },
    {
      name: 'packages-never-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'analyzer-never-imports-engine',
      severity: 'error',
      comment: 'The engine builds on the analyzer (its audit ids and catalogue), never the reverse.',
      from: { path: '^packages/analyzer/' },
      to: { path: '^packages/engine/' },
    },
    {
      name: 'contracts-and-url-import-nothing-of-ours',
      severity: 'error',
      comment: 'The lowest layers: every other part of Quento builds on them.',
      from: { path: '^packages/(contracts|url)/' },
      to: { path: '^(apps|packages|e2e|bench)/', pathNot: '^packages/$1/' },
    },
    {
      name: 'engine-does-no-io',
      severity: 'error',
      comment: 'The strategy engine is pure: no network, files, database or child processes.',
      from: { path: '^packages/engine/src/' },
      to: {
        dependencyTypes: ['core', 'npm'],
        path: '^(node:)?(fs|net|http|https|http2|dgram|dns|child_process|worker_threads|tls)$|^(pg|undici|ioredis|drizzle-orm|playwright-core)(/|$)',
      },
    },
    {
      name: 'engine-reads-only-the-analyzer-catalogue',
      severity: 'error',
      comment: 'The engine needs audit ids, titles and weights, never the crawler (@quento/analyzer/catalogue).',
      from: { path: '^packages/engine/src/' },
      to: { path: '^packages/analyzer/src/(index|analyze|cli|runner)\\.ts$|^packages/analyzer/src/(net|crawl)/' },
    },
    {
      name: 'app-never-imports-server-code',
      severity: 'error',
      comment: 'The app talks to the API over HTTP/WS through the contracts only.',
      from: { path: '^apps/mobile/' },
      to: { path: '^(apps/api|packages/(analyzer|engine))/' },
    },
    {
      name: 'repositories-only-query',
      severity: 'error',
      comment: 'A repository never calls a service, a route or a socket handler.',
      from: { path: '^apps/api/src/.+\\.repository\\.ts$' },
      to: { path: '\\.(service|routes|ws|runner|verifier)\\.ts$' },
    },
    {
      name: 'services-never-import-routes',
      severity: 'error',
      from: { path: '^apps/api/src/.+\\.(service|runner|verifier)\\.ts$' },
      to: { path: '\\.(routes|ws)\\.ts$' },
    },
    {
      name: 'routes-delegate-to-services',
      severity: 'error',
      comment: 'Routes validate and delegate; they never query (types are fine).',
      from: { path: '^apps/api/src/.+\\.(routes|ws)\\.ts$' },
      to: { path: '(\\.repository\\.ts|/db/client\\.ts|/db/schema\\.ts)$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-api-code-never-imports-modules',
      severity: 'error',
      comment: 'ai/, lib/, db/, events/, jobs/ and files/ serve the modules; they never reach into one.',
      from: { path: '^apps/api/src/(ai|lib|db|events|jobs|files)/' },
      to: { path: '^apps/api/src/modules/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests may reach anywhere they need to seed and assert; the rules are about the product code.
    exclude: { path: '(^|/)(node_modules|dist|\\.expo|coverage|__tests__)/|\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
