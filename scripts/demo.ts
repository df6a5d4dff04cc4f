/**
 * npm run demo: builds the Chrome extension, chooses "Annotate every site" on its welcome page,
 * opens the seed article (a local copy) in real headless Chromium with the extension loaded, hovers
 * a signatory, opens the popup and the options page, and writes screenshots of each to
 * demo-screenshots/. Nothing is fetched from the internet. Chromium's permission prompt cannot be
 * answered under automation, so the build is loaded with the access granted
 * (scripts/lib/granted-build.ts).
 *
 *   npm run demo                 # build, then screenshots
 *   npm run demo -- --no-build   # reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from './lib/chromium';
import { chromiumBuildWithHostAccess } from './lib/granted-build';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, 'demo-screenshots');
const extension = resolve(root, '.output/chrome-mv3');
const seed = readFileSync(resolve(root, 'tests/fixtures/pages/seed.html'));

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build:chrome'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
mkdirSync(outDir, { recursive: true });

const server = createServer((request, response) => {
  if (request.url === '/article.html') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(seed);
  } else response.writeHead(404).end();
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const articleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article.html`;

const granted = chromiumBuildWithHostAccess(extension);
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  pipe: true,
  enableExtensions: [granted.dir],
  defaultViewport: { width: 1100, height: 760 },
  args: [...CHROMIUM_FLAGS],
});

const shots: string[] = [];
async function shoot(page: Page, name: string): Promise<void> {
  const path = resolve(outDir, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  shots.push(path);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe().catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

try {
  const worker = await (
    await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'))
  ).worker();
  if (!worker) throw new Error('The extension did not start');
  const extensionId = new URL(worker.url()).host;

  // What a new user sees first: the welcome page, and the one click that turns annotation on.
  const welcome = await browser.newPage();
  await welcome.goto(`chrome-extension://${extensionId}/welcome.html`, { waitUntil: 'load' });
  await welcome.bringToFront();
  await welcome.click('[data-testid="welcome-every-site"]');
  await until('the welcome page to confirm', () =>
    welcome.evaluate(() => document.querySelector('[data-testid="welcome-result"]')?.textContent?.trim()),
  );
  await shoot(welcome, '0-welcome');
  await welcome.close();

  const page = await browser.newPage();
  await page.goto(articleUrl, { waitUntil: 'load' });
  await until('the marks', () =>
    page.evaluate(() => (CSS.highlights.get('undersigned-signed')?.size ?? 0) > 0),
  );
  await shoot(page, '1-page-with-marks');

  // Rest the pointer on a signatory's name, as a reader would.
  const point = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf('Cate Blanchett');
      if (at < 0) continue;
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 'Cate Blanchett'.length);
      const rect = range.getClientRects()[0] as DOMRect;
      return { x: rect.left + 12, y: rect.top + rect.height / 2 };
    }
    return null;
  });
  if (!point) throw new Error('The seed article no longer names Cate Blanchett');
  await page.mouse.move(point.x, point.y);
  await until('the card', () =>
    page.evaluate(() => !!document.querySelector('undersigned-card')?.shadowRoot?.querySelector('h2')),
  );
  await shoot(page, '2-card');

  const tabId = await worker.evaluate(async (url) => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
    ).chrome;
    return (await api.tabs.query({ url }))[0]?.id ?? -1;
  }, articleUrl);
  const popup = await browser.newPage();
  await popup.setViewport({ width: 400, height: 600 });
  // ?tabId=: the popup opened as a page would otherwise describe its own tab.
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`, { waitUntil: 'load' });
  await until('the popup', () => popup.$('[data-testid="popup"]'));
  await new Promise((r) => setTimeout(r, 500));
  await shoot(popup, '3-popup');

  const options = await browser.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`, { waitUntil: 'load' });
  await until('the options page', () => options.$('[data-testid="options"]'));
  await shoot(options, '4-options');

  console.log(`Screenshots in ${outDir}:\n${shots.map((s) => `  ${s}`).join('\n')}`);
} finally {
  await browser.close();
  granted.remove();
  server.close();
}
