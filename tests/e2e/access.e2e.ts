/**
 * The permission model (issue #6) in real browsers: the built manifest asks for no site access,
 * the welcome page opens on install, "Scan this page" reads a page the settings keep off, "Always
 * run on this site" makes it run there by itself, and in Firefox, where the user can revoke host
 * access at any time, the popup notices and offers it again.
 *
 * Every file starts after the welcome page's "Annotate every site" (harness.ts); each case here
 * restores that state when it ends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { defineE2E, type E2E } from './harness';
import { extensionBuilds } from './support/paths';

const SEED = '/fixtures/seed.html';

function signedMarks(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('undersigned-signed')?.size ?? 0);
}

/** The popup describing `page`, once its site-access panel is there, in front (clicks need it). */
async function openPopupFor(t: E2E, page: Page): Promise<Page> {
  const popup = await t.openPopup({ tabId: await t.tabIdOf(page), height: 600 });
  await t.textOf(popup, '[data-testid="site-access"]');
  await popup.bringToFront();
  return popup;
}

/** Loads the seed article and checks that, as the settings say, nothing reads it. */
async function openUnread(t: E2E): Promise<Page> {
  const page = await t.open(SEED);
  // The content script would report within a second of document_idle: give it two.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await signedMarks(page)).toBe(0);
  expect(await t.tabReport(page)).toBeNull();
  return page;
}

async function restoreEverySite(t: E2E): Promise<void> {
  await t.sendToBackground('setSettings', { mode: 'everywhere', allowList: [], denyList: [] });
  await t.waitForRegistration('*://*/*');
}

defineE2E('the built manifest asks for no site access, and installing opens the welcome page', async (t) => {
  const build = t.browserName === 'chromium' ? extensionBuilds.chromium : extensionBuilds.firefox;
  const manifest = JSON.parse(readFileSync(path.join(build, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(manifest.host_permissions).toBeUndefined();
  expect(manifest.content_scripts).toBeUndefined();
  expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
  expect(manifest.permissions).toEqual(expect.arrayContaining(['activeTab', 'scripting', 'storage']));
  // The install opened the welcome page by itself (the harness then used its own copy).
  const welcomeUrl = t.extension.url('welcome.html');
  const open = await t.extensionPage.evaluate((api) =>
    (api as unknown as { extension: { getViews(f: object): Window[] } }).extension
      .getViews({ type: 'tab' })
      .map((view) => view.location.href),
  );
  expect(open).toContain(welcomeUrl);
});

defineE2E('only when I click: the page is read after "Scan this page", not before', async (t) => {
  await t.sendToBackground('setSettings', { mode: 'on-click' });
  try {
    await t.waitForRegistration(null);
    const page = await openUnread(t);
    const popup = await openPopupFor(t, page);
    expect(await popup.$eval('[data-testid="site-access"]', (e) => e.getAttribute('data-kind'))).toBe('off');
    expect(await t.textOf(popup, '[data-testid="site-access"]')).toContain('runs only when you ask');
    await popup.click('[data-testid="scan-page"]');
    // The popup shows the roster it now has, and the page is marked.
    await t.textOf(popup, '[data-testid="roster-people"]');
    expect(await t.textOf(popup, '[data-testid="page-summary"]')).toMatch(/^11 signatories/);
    await page.bringToFront();
    await t.poll('the marks after the scan', async () => ((await signedMarks(page)) > 0 ? true : undefined));
    await t.screenshot('popup-scanned-on-click', popup);
  } finally {
    await restoreEverySite(t);
  }
});

defineE2E('"Always run on this site" marks the page now and on every later visit', async (t) => {
  await t.sendToBackground('setSettings', { mode: 'allowed-sites', allowList: [] });
  try {
    await t.waitForRegistration(null);
    const page = await openUnread(t);
    const popup = await openPopupFor(t, page);
    expect(await t.textOf(popup, '[data-testid="site-access"]')).toContain(
      '127.0.0.1 is not one of your sites',
    );
    await t.screenshot('popup-site-not-allowed', popup);
    await popup.click('[data-testid="always-run-here"]');
    await page.bringToFront();
    await t.poll('the marks now', async () => ((await signedMarks(page)) > 0 ? true : undefined));
    const settings = await t.sendToBackground('getSettings', null);
    expect(settings.mode).toBe('allowed-sites');
    expect(settings.allowList).toEqual(['127.0.0.1']);
    await t.waitForRegistration('*://127.0.0.1/*');
    // A later visit is read by the registered script, with no click.
    const again = await t.open(SEED);
    await t.poll('the marks on a new visit', async () => ((await signedMarks(again)) > 0 ? true : undefined));
  } finally {
    await restoreEverySite(t);
  }
});

defineE2E(
  'revoked access (Firefox) is noticed: pages stay unread and the popup offers it again',
  async (t) => {
    const removed = await t.extensionPage.evaluate((api) => api.permissions.remove({ origins: ['*://*/*'] }));
    expect(removed).toBe(true);
    try {
      await t.waitForRegistration(null);
      const page = await openUnread(t);
      const popup = await openPopupFor(t, page);
      expect(await popup.$eval('[data-testid="site-access"]', (e) => e.getAttribute('data-kind'))).toBe(
        'no-access',
      );
      expect(await t.textOf(popup, '[data-testid="access-lost"]')).toContain('Access to all websites is off');
      await t.screenshot('popup-access-revoked', popup);
      // The real permissions.request runs; the pref answers its prompt (support/browsers.ts).
      await popup.click('[data-testid="allow-every-site"]');
      await page.bringToFront();
      await t.poll('the marks after granting again', async () =>
        (await signedMarks(page)) > 0 ? true : undefined,
      );
      const options = await t.openOptions();
      expect(await options.$('[data-testid="access-missing"]')).toBeNull();
    } finally {
      // Granting again needs a user gesture: the welcome page's button, clicked.
      const granted = await t.extensionPage.evaluate((api) =>
        api.permissions.contains({ origins: ['*://*/*'] }),
      );
      if (!granted) {
        const welcome = await t.open(t.extension.url('welcome.html'));
        await welcome.bringToFront();
        await welcome.click('[data-testid="welcome-every-site"]');
      }
      await restoreEverySite(t);
    }
  },
  // Chromium cannot revoke the access the suite's build is loaded with (scripts/lib/granted-build.ts).
  { browsers: ['firefox'] },
);

defineE2E(
  'the welcome page’s click annotates tabs that were already open, without a reload',
  async (t) => {
    expect(await t.extensionPage.evaluate((api) => api.permissions.remove({ origins: ['*://*/*'] }))).toBe(
      true,
    );
    await t.waitForRegistration(null);
    const page = await openUnread(t);
    const welcome = await t.open(t.extension.url('welcome.html'));
    await welcome.bringToFront();
    // The real permissions.request; the pref answers its prompt (support/browsers.ts).
    await welcome.click('[data-testid="welcome-every-site"]');
    // The status line is there (empty) from the start: wait for its text, not for the element.
    const result = await t.poll('the welcome page’s answer', () =>
      welcome.evaluate(
        () => document.querySelector('[data-testid="welcome-result"]')?.textContent?.trim() || undefined,
      ),
    );
    expect(result).toContain('annotates every site');
    await page.bringToFront();
    await t.poll('the open tab’s marks', async () => ((await signedMarks(page)) > 0 ? true : undefined));
    expect((await t.waitForTabReport(page)).people.map((p) => p.id)).toContain('ben-stiller');
    await restoreEverySite(t);
  },
  // Only Firefox can take the access away first (see the case above).
  { browsers: ['firefox'] },
);
