import { defineConfig } from 'vitest/config';

// Four projects: `unit` (npm test, fast), `browser` (real Chromium, npm run test:browser),
// `package` (the packed tarball installed into an empty project, npm run test:package),
// `conformance` (the generated suite itself, driven by `conformance run` or `npx vitest run --project conformance`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'test/package/tarball.test.ts'], testTimeout: 20000 } },
      { test: { name: 'package', include: ['test/package/tarball.test.ts'], testTimeout: 120000, hookTimeout: 300000 } },
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 60000 } },
      { test: { name: 'conformance', include: ['specs/**/*.spec.{ts,js}'], pool: 'threads', isolate: false, testTimeout: 30000, experimental: { fsModuleCache: true } } },
    ],
  },
});
