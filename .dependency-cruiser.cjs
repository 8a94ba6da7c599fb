/**
 * The one-way house (docs/architecture.md, issue 17): which part may import which. Checked by
 * test/architecture/dependencies.test.ts on every `npm test`; run by hand with `npm run deps`.
 * Type-only imports count (tsPreCompilationDeps): the layout is what is checked, not the bundle.
 * Tests (test/ and *.test.ts beside a file) may import anything.
 */
const TESTS = ['^test/', '\\.test\\.tsx?$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may reach itself through its imports (the part-level check is in the test).',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing',
      severity: 'error',
      comment: 'src/domain holds the shared types at the bottom: it imports nothing of the project.',
      from: { path: '^src/domain/' },
      to: { path: '^(src|adapters|rules|bench|scripts)/', pathNot: '^src/domain/' },
    },
    {
      name: 'detection-no-io',
      severity: 'error',
      comment: 'src/detection and rules are pure: no database, HTTP or adapter code.',
      from: { path: '^(src/detection|rules)/', pathNot: TESTS },
      to: {
        path: [
          '^src/(db|http|routes|web|cases|delivery|audit|ledger|auth|deps|app|runtime|server|registry)([./]|$)',
          '^adapters/',
          'node_modules/(hono|@hono|better-sqlite3|drizzle-orm|@slack|botbuilder)/',
        ],
      },
    },
    {
      name: 'detection-not-rules',
      severity: 'error',
      comment: 'The engine receives its rules (createDetector); rules/ depends on detection, never the reverse.',
      from: { path: '^src/detection/', pathNot: TESTS },
      to: { path: '^rules/' },
    },
    {
      name: 'adapter-not-adapter',
      severity: 'error',
      comment: 'No adapter imports another adapter (adapters/*.ts at the root are shared helpers).',
      from: { path: '^adapters/([^/]+)/', pathNot: TESTS },
      to: { path: '^adapters/[^/]+/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'schema-imports-domain-only',
      severity: 'error',
      comment: 'src/db/schema (one file per table) imports only src/domain and the other tables.',
      from: { path: '^src/db/schema/' },
      to: { path: '^(src|adapters|rules)/', pathNot: '^src/(domain|db/schema)/' },
    },
    {
      name: 'pg-schema-imports-domain-only',
      severity: 'error',
      comment: 'src/db/pg-schema (the PostgreSQL mirror, one file per table) imports only src/domain and its own tables.',
      from: { path: '^src/db/pg-schema/' },
      to: { path: '^(src|adapters|rules)/', pathNot: '^src/(domain|db/pg-schema)/' },
    },
    {
      name: 'core-not-adapters',
      severity: 'error',
      comment:
        'The core never imports an adapter: only the composition root (registry, runtime) and the console pages that show an adapter\'s tables (web) do.',
      from: { path: '^src/', pathNot: ['^src/(registry|runtime|server|web|cli|demo|main)([./]|$)', ...TESTS] },
      to: { path: '^adapters/' },
    },
    {
      name: 'nothing-imports-the-root',
      severity: 'error',
      comment: 'Only entry points import the modules that assemble the app (app, registry, runtime, server).',
      from: { path: '^(src|adapters|rules)/', pathNot: ['^src/(app|registry|runtime|server|cli|demo|main)([./]|$)', ...TESTS] },
      to: { path: '^src/(app|registry|runtime|server)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
