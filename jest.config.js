/**
 * Four suites, named by file suffix: unit `*.spec.ts`, integration `*.int-spec.ts`
 * (real servers), end-to-end `*.e2e-spec.ts` (through HTTP), browser `*.browser-spec.ts` (the console in
 * Chromium). The integration and e2e suites share one
 * Temporal dev server per run, started by test/setup/global-setup.ts.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const common = {
  testEnvironment: 'node',
  transform,
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  // Real servers: a worker's first workflow task waits for the bundle to load.
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/quiet-worker-logs.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/quiet-worker-logs.ts'],
    },
    {
      // The web console in real Chromium against the real API on the time-skipping server.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup/quiet-worker-logs.ts'],
    },
  ],
};
