import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import house from './build/eslint/doors.mjs';

// The plan of the house (docs/architecture.md), enforced: which room may import which, where SQL and the Electron API
// may live, and that a room is entered only through its index.ts. A breach fails `npm run lint`.

/** The rooms under electron/ and the rooms each one must never import (lower rooms never import higher ones). */
const NEVER = {
  log: [
    'threads',
    'config',
    'store',
    'devices',
    'labels',
    'carriers',
    'intake',
    'reports',
    'station',
    'server',
    'cli',
    'main',
  ],
  config: ['store', 'devices', 'labels', 'carriers', 'intake', 'reports', 'station', 'server', 'cli', 'main'],
  store: ['devices', 'labels', 'carriers', 'intake', 'reports', 'station', 'server', 'cli', 'main'],
  devices: ['store', 'carriers', 'intake', 'reports', 'station', 'server', 'cli', 'main'],
  labels: ['store', 'devices', 'carriers', 'intake', 'reports', 'station', 'server', 'cli', 'main'],
  carriers: ['devices', 'labels', 'intake', 'reports', 'station', 'server', 'cli', 'main'],
  intake: ['devices', 'labels', 'carriers', 'reports', 'station', 'server', 'cli', 'main'],
  reports: ['devices', 'labels', 'carriers', 'intake', 'station', 'server', 'cli', 'main'],
  station: ['server', 'cli', 'main'],
  server: ['cli', 'main'],
  cli: ['main'],
  threads: [
    'config',
    'store',
    'devices',
    'labels',
    'carriers',
    'intake',
    'reports',
    'station',
    'server',
    'cli',
    'main',
  ],
};

const ELECTRON_API = {
  name: 'electron',
  message: 'Only electron/main and electron/preload import electron.',
};
const SQLITE = {
  name: 'better-sqlite3',
  message: 'SQL lives in electron/store: add a repository method there.',
};
const roomPattern = (room, from) => ({
  regex: `^(\\.\\./)+${room}(/.*)?$`,
  message: `${from} never imports ${room} (see docs/architecture.md: lower rooms never import higher ones).`,
});

/** Every rule of no-restricted-imports for one part of the tree (ESLint replaces, never merges, a rule's options). */
const restricted = ({ electronApi = false, sqlite = false, never = [], from = '', extra = [] }) => [
  'error',
  {
    paths: [...(electronApi ? [] : [ELECTRON_API]), ...(sqlite ? [] : [SQLITE])],
    patterns: [...never.map((r) => roomPattern(r, from)), ...extra],
  },
];

// Statements as this code base writes them (upper-case keywords), not English that happens to start with "update".
const SQL_TEXT =
  '/^\\s*(SELECT\\s.*FROM\\s|INSERT\\s+(OR\\s+[A-Z]+\\s+)?INTO\\s|UPDATE\\s+[a-z_]+\\s+SET\\s|DELETE\\s+FROM\\s|CREATE\\s+(TABLE|INDEX|UNIQUE)|DROP\\s+(TABLE|INDEX)|ALTER\\s+TABLE|PRAGMA\\s)/';
const NO_SQL = [
  'error',
  {
    selector: `Literal[value=${SQL_TEXT}], TemplateElement[value.raw=${SQL_TEXT}]`,
    message: 'SQL lives in electron/store: add a repository method there.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]',
    message: 'Statements are prepared in electron/store only: add a repository method there.',
  },
  {
    selector: "NewExpression[callee.name='ContractError'][arguments.0.value='refused']",
    message:
      'A refusal has a kind the screens word in their language: throw refuse(kind, params) (shared/contract).',
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist', 'test-results', 'playwright-report', 'reports', '.stryker-tmp'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { house },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Device and printer code strips control bytes on purpose: they are what an injection would use.
      'no-control-regex': 'off',
      'no-restricted-imports': restricted({}),
      'house/doors': 'error',
    },
  },
  // Production code outside the store writes no SQL. Tests and benches are rigs: they may plant rows and read them back.
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    ignores: ['electron/store/**', '**/*.test.ts', 'electron/testing/**', 'electron/**/testing/**'],
    rules: { 'no-restricted-syntax': NO_SQL },
  },
  ...Object.entries(NEVER).map(([room, never]) => ({
    files: [`electron/${room}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restricted({ never, from: room, sqlite: room === 'store' }) },
  })),
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'e2e/electron*.ts'],
    rules: {
      'no-restricted-imports': restricted({ electronApi: true, never: NEVER.cli.concat([]), from: 'main' }),
    },
  },
  // Tests and rigs may open the database directly (faults are planted there); they still never load Electron.
  {
    files: ['**/*.test.ts', 'bench/**/*.ts', 'electron/testing/**/*.ts', 'electron/**/testing/**/*.ts'],
    ignores: ['electron/main/**'],
    rules: { 'no-restricted-imports': restricted({ sqlite: true }) },
  },
  // shared/ runs in the page and in Node: it imports neither side, nor Node's own modules.
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted({
        extra: [
          {
            regex: '^(\\.\\./)+(electron|renderer)(/.*)?$',
            message: 'shared/ imports neither electron/ nor renderer/.',
          },
          { regex: '^node:', message: 'shared/ runs in the page too: no Node modules.' },
        ],
      }),
    },
  },
  // The page talks to the station only through the contract (shared/); it never imports the main side.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restricted({
        extra: [
          {
            regex: '^(\\.\\./)+electron(/.*)?$',
            message: 'The page reaches the station only through shared/contract.',
          },
          { regex: '^node:', message: 'The page runs sandboxed: no Node modules.' },
        ],
      }),
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js', '.ci/**/*.js', 'build/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', TextDecoder: 'readonly' },
    },
  },
);
