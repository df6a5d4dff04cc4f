/** The foundation: each part of the built extension starts and talks to the others, in both browsers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { defineE2E } from './harness';
import { repoRoot } from './support/paths';

const bundledDataVersion = (
  JSON.parse(readFileSync(path.join(repoRoot, 'assets/data/bundle.json'), 'utf8')) as { version: string }
).version;

defineE2E('the content script reports a local page to the background', async (t) => {
  const page = await t.open('/pages/hello.html');
  const tabId = await t.tabIdOf(page);

  // The background keeps the report in storage.session under tab:<id>; read it there directly.
  const stored = await t.poll('the report in storage.session', () =>
    t.background.evaluate(
      async (api, key) => (await api.storage.session.get(key))[key] as unknown,
      `tab:${tabId}`,
    ),
  );
  expect(stored).toMatchObject({ url: t.server.url('/pages/hello.html'), title: 'Hello from the e2e site' });

  // And the protocol answers the same for that tab.
  const report = await t.waitForTabReport(page);
  expect(report.url).toBe(t.server.url('/pages/hello.html'));
  expect(report.title).toBe('Hello from the e2e site');
  expect(t.server.requests().map((request) => request.path)).toContain('/pages/hello.html');
});

defineE2E('the background answers getInfo with the bundled data version', async (t) => {
  const info = await t.sendToBackground('getInfo', null);
  expect(info.dataVersion).toBe(bundledDataVersion);
  expect(info.extensionVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(info.signatoriesPublished).toBeGreaterThan(0);
});

defineE2E('the popup renders with the data version', async (t) => {
  const popup = await t.openPopup();
  const footer = await t.textOf(popup, '[data-testid="data-version"]');
  expect(footer).toContain(bundledDataVersion);
  await t.screenshot('popup', popup);
});

defineE2E('the options page renders', async (t) => {
  const options = await t.openOptions();
  expect(await t.textOf(options, '[data-testid="options"] h1')).not.toBe('');
  expect(await t.textOf(options, '[data-testid="data-version"]')).toContain(bundledDataVersion);
  await t.screenshot('options', options);
});

defineE2E('nothing leaves 127.0.0.1 and the extension logs no error', async (t) => {
  const page = await t.open('/pages/hello.html');
  await t.waitForTabReport(page);
  await t.openPopup();
  await t.openOptions();
  await t.sendToBackground('getInfo', null);

  expect(t.network.outbound()).toEqual([]);
  expect(await t.consoleErrors()).toEqual([]);
});

// The two guards above pass vacuously if the recorders see nothing: prove they see, and block.
defineE2E(
  'harness self-check: outbound requests are recorded and blocked, console errors collected',
  async (t) => {
    const page = await t.open('/pages/outbound.html');
    await t.poll('the page request to outbound.example', () =>
      t.network.outbound().some((entry) => entry.host === 'outbound.example' && entry.seenBy === 'page'),
    );
    await t.poll('the proxy sink refusing outbound.example', () =>
      t.network.outbound().some((entry) => entry.host === 'outbound.example' && entry.seenBy === 'sink'),
    );
    // Refused by the sink, so the image never loaded.
    expect(await page.$eval('#outbound', (image) => (image as HTMLImageElement).naturalWidth)).toBe(0);
    await t.poll('the page console error', async () =>
      (await t.consoleErrors()).some((entry) => entry.text.includes('e2e console probe')),
    );

    // An error logged by the background is collected (Firefox: through the event page's window).
    await t.background.evaluate(async (api) => {
      let background: { console: Console } = globalThis;
      try {
        // The polyfill's types call it a Window without `console`; it is the page's global.
        background = ((await api.runtime.getBackgroundPage()) as unknown as typeof background) ?? globalThis;
      } catch {
        // Chromium's service worker has no background page: it is the background.
      }
      background.console.error('e2e background probe');
    });
    await t.poll('the background console error', async () =>
      (await t.consoleErrors()).some(
        (entry) => entry.text.includes('e2e background probe') && entry.source.includes('background'),
      ),
    );

    // A request from an extension context is caught too (Chromium: the worker itself).
    const outcome = await t.background.evaluate(() =>
      fetch('http://background.example/ping').then(
        (response) => `status ${response.status}`,
        () => 'failed',
      ),
    );
    expect(outcome).not.toBe('status 200');
    await t.poll('the extension-context request to background.example', () =>
      t.network.outbound().some((entry) => entry.host === 'background.example' && entry.seenBy !== 'sink'),
    );
    await t.poll('the proxy sink refusing background.example', () =>
      t.network.outbound().some((entry) => entry.host === 'background.example' && entry.seenBy === 'sink'),
    );
  },
);
