/**
 * Renders assets/icon.svg to the PNG sizes the manifests use (assets/public/icon/<size>.png),
 * with the same Debian Chromium the e2e tests use. Run after changing the SVG; the PNGs are
 * committed so a build needs no browser.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(resolve(root, 'assets/icon.svg'), 'utf8');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  for (const size of [16, 32, 48, 96, 128]) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({
      path: resolve(root, `assets/public/icon/${size}.png`) as `${string}.png`,
      omitBackground: true,
    });
  }
} finally {
  await browser.close();
}
console.log('Rendered assets/public/icon/{16,32,48,96,128}.png');
