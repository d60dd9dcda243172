// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';

/** Node built-ins and I/O libraries: forbidden where code must be pure and replayable. */
const ioModules = [
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'crypto',
  'worker_threads',
  'cluster',
  'process',
  'timers',
  'timers/*',
  'stream',
  'readline',
  'zlib',
  'node:*',
  'pg',
  '@electric-sql/*',
  '@kurrent/*',
  '@nestjs/*',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  'axios',
  'undici',
];

const restrictedGlobals = [
  { name: 'Date', message: 'No clock in deterministic code: take `now` as an input.' },
  { name: 'setTimeout', message: 'Use a durable timer (workflow sleep) or take time as an input.' },
  { name: 'setInterval', message: 'Use a durable timer (workflow sleep) or take time as an input.' },
  { name: 'process', message: 'No environment access in deterministic code.' },
  { name: 'fetch', message: 'No I/O in deterministic code.' },
  { name: 'require', message: 'No dynamic loading in deterministic code.' },
];

/**
 * The modules that load a heavy dependency on first use, by `require` of a fixed path that the workflow
 * bundle contains (decision 0131): every workflow in the sandbox evaluates its own copy of each module
 * it imports, and these dependencies (zod with the pack's schema, the ed25519 curve) were most of a
 * cached workflow's memory while only the first validation of a pack, or a ledger, uses them.
 */
const loadedOnFirstUse = [
  'domain/policy/define-policy-pack.ts',
  'workflows/audit/checkpoint-ledger-rules.ts',
];

/** domain/ and workflows/ get no clock, randomness or I/O of their own (docs/architecture.md, "Layers and the one import rule"). */
const determinismRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ioModules, message: 'No I/O in deterministic code: pass it in from activities/ or apps/.' },
      ],
    },
  ],
  'no-restricted-globals': ['error', ...restrictedGlobals],
  'no-restricted-properties': [
    'error',
    {
      object: 'Math',
      property: 'random',
      message: 'No randomness in deterministic code: take ids as inputs.',
    },
    { object: 'crypto', property: 'randomUUID', message: 'No randomness in deterministic code.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'tools/**',
      'data/**',
      'coverage/**',
      'scripts/*.js',
      '*.config.*',
      '.dependency-cruiser.js',
      'apps/console/dist/**',
      'apps/console/src/api/generated/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-console': 'off',
    },
  },
  // The lifecycle benchmark's bare workflows run in the same sandbox as ours, under the same rules.
  {
    files: ['domain/**/*.ts', 'workflows/**/*.ts', 'bench/lifecycle/bare-town/**/*.ts'],
    rules: determinismRules,
  },
  {
    files: loadedOnFirstUse,
    rules: {
      'no-restricted-globals': ['error', ...restrictedGlobals.filter(({ name }) => name !== 'require')],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The web console: hooks used as React requires, and every text a person reads in the catalogues
    // (src/i18n/locales), none written into a component.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-text-only',
          'jsx-attributes': { include: ['title', 'alt', 'aria-label', 'placeholder', 'label'] },
        },
      ],
    },
  },
  {
    // Temporal replaces Date inside the workflow sandbox with the replay-safe workflow-task time; this one
    // file is the only place workflows read it, so every other workflow file stays clock-free.
    files: ['workflows/workflow-clock.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // HTTP and JSON bodies under test are untyped by nature; the assertions are what check them.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
