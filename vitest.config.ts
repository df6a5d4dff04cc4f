import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and component tests: pure logic in Node, DOM code in happy-dom, idb on fake-indexeddb,
// extension APIs on WXT's fake browser. Real-browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', './tests/unit/support/fake-access.ts'],
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // The JSON report feeds the one-line summary .ci/run prints (scripts/test-summary.ts).
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
