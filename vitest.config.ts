import { defineConfig } from 'vitest/config';

// Three projects: `unit` (npm test, fast), `browser` (real Chromium, npm run test:browser),
// `conformance` (the generated suite itself, driven by `conformance run` or `npx vitest run --project conformance`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'], testTimeout: 20000 } },
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 60000 } },
      { test: { name: 'conformance', include: ['specs/**/*.spec.ts'], pool: 'threads', isolate: false, testTimeout: 30000, experimental: { fsModuleCache: true } } },
    ],
  },
});
