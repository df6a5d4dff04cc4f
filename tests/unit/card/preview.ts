/**
 * Visual check of the card: writes test-results/card-preview.html (via its vitest file, which
 * renders the real cards with the real CSS) and screenshots each row, light and dark side by side,
 * into test-results/card-preview/row-N.png, plus the first row with prefers-color-scheme: dark
 * emulated on an auto-themed copy. Run: npx tsx tests/unit/card/preview.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const html = resolve(repoRoot, 'test-results/card-preview.html');
const outDir = resolve(repoRoot, 'test-results/card-preview');

execFileSync('npx', ['vitest', 'run', 'tests/unit/card/preview.test.tsx', '--reporter=dot'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
mkdirSync(outDir, { recursive: true });

// An auto-themed copy (no forced data-theme) to check that prefers-color-scheme alone flips it.
const autoHtml = resolve(outDir, 'auto.html');
writeFileSync(
  autoHtml,
  readFileSync(html, 'utf8').replace(/data-theme="(light|dark)"/g, 'data-theme="auto"'),
);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 900, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  const rows = await page.$$('section.row');
  for (const [i, row] of rows.entries()) {
    await row.screenshot({ path: resolve(outDir, `row-${i}.png`) as `${string}.png` });
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await page.goto(pathToFileURL(autoHtml).href, { waitUntil: 'load' });
  await (
    await page.$('section.row')
  )?.screenshot({ path: resolve(outDir, 'auto-dark.png') as `${string}.png` });
  console.log(`${rows.length} rows → ${outDir}`);
} finally {
  await browser.close();
}
