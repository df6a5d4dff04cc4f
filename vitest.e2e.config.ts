import { defineConfig } from 'vitest/config';

// Real-browser tests: the built extension in headless Chromium and Firefox ESR (tests/e2e/harness.ts).
// Run through `npm run test:e2e`, which checks the browsers and builds first.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    // Two browsers per file already fill a 2-core machine.
    fileParallelism: false,
    // Firefox alone can take 10 s to start on a cold profile.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Shows each test under its browser (chromium > …, firefox > …); the JSON feeds
    // scripts/test-summary.ts, which prints CI's closing line.
    reporters: ['verbose', ['json', { outputFile: 'test-results/e2e.json' }]],
  },
});
