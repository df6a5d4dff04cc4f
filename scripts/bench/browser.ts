/**
 * Headless Chromium for the bench (launch code from shared/notes/toolchain.md). One place to
 * launch so a later "extension cost" measurement can start a second browser with the built
 * extension (puppeteer's `enableExtensions` + `pipe: true`) and reuse openOfflinePage().
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../lib/chromium';

export interface LaunchOptions {
  /** Extra Chromium flags (e.g. --js-flags=... for an experiment). */
  extraArgs?: string[];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const args = [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])];
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    args,
    defaultViewport: { width: 1280, height: 900 },
  });
}

/** A page whose only reachable host is 127.0.0.1: every other request is aborted. */
export async function openOfflinePage(browser: Browser): Promise<{ page: Page; blocked: () => number }> {
  const page = await browser.newPage();
  let blocked = 0;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) {
      void request.continue();
      return;
    }
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // Unparseable URL: treat as external.
    }
    if (host === '127.0.0.1') void request.continue();
    else {
      blocked++;
      void request.abort('blockedbyclient');
    }
  });
  return { page, blocked: () => blocked };
}
