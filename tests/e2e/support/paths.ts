/** Where the e2e suite finds the repo, the shared research folder, the builds and the browsers. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../../../scripts/lib/chromium';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// CI clones the repo with shared/ as a read-only sibling, so never an absolute /work path.
export const sharedRoot = path.resolve(repoRoot, '../shared');
export const pagesRoot = path.resolve(repoRoot, 'tests/e2e/pages');
/** The engine's golden fixture pages (the seed article as a page), shared with the unit tests. */
export const fixturesRoot = path.resolve(repoRoot, 'tests/fixtures/pages');
export const screenshotsDir = path.resolve(repoRoot, 'test-results/screenshots');

export type BrowserName = 'chromium' | 'firefox';
export const browserNames: readonly BrowserName[] = ['chromium', 'firefox'];

export const extensionBuilds: Record<BrowserName, string> = {
  chromium: path.resolve(repoRoot, '.output/chrome-mv3'),
  firefox: path.resolve(repoRoot, '.output/firefox-mv3'),
};

export const browserExecutables: Record<BrowserName, string> = {
  chromium: chromiumPath(),
  firefox: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
};

/** Fails early with the command that fixes it, rather than with a puppeteer stack trace. */
export function assertRunnable(name: BrowserName): void {
  const build = extensionBuilds[name];
  if (!existsSync(path.join(build, 'manifest.json'))) {
    throw new Error(
      `The ${name} build is missing (${build}/manifest.json). Run \`npm run build\` first, ` +
        'or run the suite with `npm run test:e2e`, which builds.',
    );
  }
  const executable = browserExecutables[name];
  if (!existsSync(executable)) {
    throw new Error(
      `${name} not found at ${executable}. Run \`bash scripts/ensure-browsers.sh\`, or set ` +
        `${name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'} to the browser binary.`,
    );
  }
}
