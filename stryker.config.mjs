// @ts-check
/**
 * Mutation testing of the modules where a silent bug costs money or parcels (DESIGN.md, "Tests"). Run it with
 * `npm run mutation` (all modules) or `npm run mutation -- --mutate 'shared/**\/*.ts'`; it is too slow for CI.
 * The report per module goes to docs/mutation.md (npm run mutation:report), the raw JSON to reports/.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // forks: native modules (better-sqlite3, serialport) are not built for worker threads.
  vitest: { configFile: 'vitest.mutation.config.ts', pool: 'forks' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  mutate: [
    'shared/{scan,verify,weight,security}/**/*.ts',
    'shared/contract/{invoke,issues,errors}.ts',
    'electron/carriers/signatures.ts',
    'electron/carriers/selection.ts',
    'electron/carriers/adapters/*.ts',
    'electron/labels/languages/*.ts',
    'electron/server/*.ts',
    'electron/store/repos/*.ts',
    '!**/*.test.ts',
    '!**/index.ts',
  ],
  ignorePatterns: [
    '/out',
    '/dist',
    '/test-results',
    '/playwright-report',
    '/reports',
    '/docs',
    '/e2e',
    '/bench',
  ],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
