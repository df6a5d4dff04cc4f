/**
 * End-to-end harness: the BUILT extension (.output/chrome-mv3, .output/firefox-mv3) in real
 * headless Chromium and Firefox ESR, driven by puppeteer-core.
 *
 * Writing a case
 * --------------
 *   import { expect } from 'vitest';
 *   import { defineE2E } from './harness';
 *
 *   defineE2E('content script reports the page', async (t) => {
 *     const page = await t.open('/pages/hello.html');
 *     const report = await t.waitForTabReport(page);
 *     expect(report.title).toBe('Hello from the e2e site');
 *   });
 *
 * Each defineE2E registers one vitest test per browser, under describe('chromium') and
 * describe('firefox'). Per test file there is one browser instance per browser (launched in
 * beforeAll, closed in afterAll even after failures) and one pair of local servers; every test gets
 * fresh pages, closed after it. Call defineE2E only at the top level of a *.e2e.ts file.
 *
 * What `t` offers (see E2E below for the types)
 * ---------------------------------------------
 *   t.browserName                 'chromium' | 'firefox'
 *   t.extension.id / .baseUrl     Chromium id or pinned Firefox UUID; 'chrome-extension://id/' or
 *   t.extension.url('popup.html')   'moz-extension://uuid/'
 *   t.server.origin / .url(path)  the local site: /pages/… = tests/e2e/pages, /shared/… = ../shared
 *   t.server.requests()           requests the site received during this test
 *   t.open(pathOrUrl, { beforeNavigate }?)  new tab, navigated, loaded → puppeteer Page;
 *                                 beforeNavigate(page) runs first (e.g. evaluateOnNewDocument)
 *   t.openPopup() / openOptions() popup.html / options.html in a new tab, once its root
 *   t.openExtensionPage(file)       [data-testid] rendered (popup is sized like a popup)
 *   t.background.evaluate(fn, …args)
 *       runs fn(api, …args) where the background runs: `api` is the promise-based extension
 *       namespace. Chromium: in the service worker itself. Firefox: BiDi has no handle on the event
 *       page, so in an extension page of the same extension: same APIs and storage, NOT the
 *       background's globals (`await api.runtime.getBackgroundPage()` returns the event page's
 *       window there if a case needs them). fn is serialised: it may use only its parameters;
 *       args and the result must be JSON values.
 *   t.extensionPage.evaluate(fn, …args)   the same, always in a harness-owned extension page
 *   t.sendToBackground(type, data) a typed protocol message (lib/messaging/protocol.ts) sent from an
 *                                   extension page (options.html), through the real runtime
 *                                   messaging, so handlers reserved to extension pages answer
 *   t.tabIdOf(page)               the tabs API id of a page opened by the test
 *   t.tabReport(page)             the background's getTabReport answer for that tab (or null);
 *   t.waitForTabReport(page)        waits until the report for the page's current URL is stored.
 *                                   (A popup opened as a tab sees itself as the active tab: ask
 *                                   about other pages this way.)
 *   t.textOf(page, selector)      waits for the selector, returns its textContent (polling, so it
 *                                   survives Firefox's document swaps)
 *   t.waitForRegistration(match)  waits until the background's registered content scripts cover
 *                                   the match pattern `match` (every site's, or one site's), or
 *                                   with null until none is registered
 *   t.screenshot(name, page?)     test-results/screenshots/<browser>-<name>.png (default: last
 *                                   page opened); a failing test also saves <browser>-FAILED-….png
 *   await t.consoleErrors()       console errors and uncaught exceptions during this test, from
 *                                   every page the harness opened and the background (Chromium's
 *                                   worker; Firefox's event page through hooks on its window)
 *   t.network.outbound()          requests during this test to any host but 127.0.0.1: seen by
 *                                   the pages (page requests, incl. content scripts), by Chromium's
 *                                   worker, and by the proxy sink every browser request goes
 *                                   through (it refuses them all). The browsers' own update/time/
 *                                   settings hosts (google, mozilla) are left out of the sink's part.
 *   t.poll(message, probe, opts)  retry until probe returns a value (not undefined/false)
 *
 * Corpus pages (/shared/corpus/news/…) reference their publishers' images and styles: those
 * requests show in t.network.outbound() (blocked), and Chromium logs each as a console error.
 * Filter them by URL when a case is about what the extension does.
 *
 * Known limits: in Firefox, background errors raised before the harness hooks the event page
 * (startup) are missed; content-script console output is seen only where the browser reports it
 * as the page's (Chromium does).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import type { browser as extensionBrowser } from 'wxt/browser';
import type { PageReport, Reply, ToBackground } from '../../lib/messaging/protocol';
import { extensionApi, launchBrowser, pollUntil, type BrowserSession, type Poll } from './support/browsers';
import { browserNames, screenshotsDir, type BrowserName } from './support/paths';
import {
  startOutboundSink,
  startSite,
  type OutboundSink,
  type ServedRequest,
  type SiteServer,
} from './support/server';

export type ExtensionApi = typeof extensionBrowser;
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ConsoleError {
  /** The page or worker URL the message came from. */
  source: string;
  text: string;
}

export interface OutboundEntry {
  url: string;
  host: string;
  /** Who saw it: a page's request event, Chromium's worker, or the proxy sink. */
  seenBy: 'page' | 'background' | 'sink';
}

export interface E2E {
  browserName: BrowserName;
  extension: { id: string; baseUrl: string; url(file: string): string };
  server: { origin: string; url(pathname: string): string; requests(): ServedRequest[] };
  open(pathOrUrl: string, options?: { beforeNavigate?: (page: Page) => Promise<unknown> }): Promise<Page>;
  /** The popup as a tab; `tabId` makes it describe that tab (as the toolbar popup describes the active one). */
  openPopup(options?: { tabId?: number; width?: number; height?: number }): Promise<Page>;
  openOptions(): Promise<Page>;
  openExtensionPage(file: string): Promise<Page>;
  background: { evaluate: Evaluate };
  extensionPage: { evaluate: Evaluate };
  sendToBackground<K extends keyof ToBackground>(
    type: K,
    data: ToBackground[K][0],
  ): Promise<Reply<ToBackground, K>>;
  tabIdOf(page: Page): Promise<number>;
  tabReport(page: Page): Promise<PageReport | null>;
  waitForTabReport(page: Page, poll?: Poll): Promise<PageReport>;
  textOf(page: Page, selector: string, poll?: Poll): Promise<string>;
  waitForRegistration(match: string | null, poll?: Poll): Promise<void>;
  screenshot(name: string, page?: Page): Promise<string>;
  consoleErrors(): Promise<ConsoleError[]>;
  network: { outbound(): OutboundEntry[] };
  poll: typeof pollUntil;
}

type Evaluate = <A extends Json[], R>(
  fn: (api: ExtensionApi, ...args: A) => R | Promise<R>,
  ...args: A
) => Promise<R>;

type Case = { name: string; fn: (t: E2E) => Promise<void>; browsers?: readonly BrowserName[] };

const cases: Case[] = [];
let registered = false;
let collected = false;

/**
 * `options.browsers` limits a case to the browsers whose behaviour it is about (e.g. Firefox's
 * revocable host access); by default a case runs in both.
 */
export function defineE2E(
  name: string,
  fn: (t: E2E) => Promise<void>,
  options: { browsers?: readonly BrowserName[] } = {},
): void {
  if (collected) throw new Error(`defineE2E('${name}') must be called at the top level of the test file`);
  cases.push({ name, fn, browsers: options.browsers });
  if (registered) return;
  registered = true;
  // vitest runs describe bodies after the file's top level, so they see every case of the file.
  for (const name of browserNames) describe(name, () => registerBrowser(name));
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/** Only network schemes count: extension, data and blob URLs never leave the browser. */
function outboundOf(url: string, seenBy: OutboundEntry['seenBy']): OutboundEntry | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(parsed.protocol)) return null;
  return isLoopback(parsed.hostname) ? null : { url, host: parsed.hostname, seenBy };
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '');
}

function registerBrowser(browserName: BrowserName): void {
  collected = true;
  let session: BrowserSession | undefined;
  let site: SiteServer | undefined;
  let sink: OutboundSink | undefined;
  const consoleLog: ConsoleError[] = [];
  const outboundLog: OutboundEntry[] = [];
  let testPages: Page[] = [];
  // Where this test's share of each log starts.
  let marks = { console: 0, outbound: 0, served: 0, sink: 0 };

  const need = () => {
    if (!session || !site || !sink) throw new Error(`${browserName} did not start (see beforeAll)`);
    return { session, site, sink };
  };

  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      consoleLog.push({ source: message.location().url || page.url(), text: message.text() });
    });
    page.on('pageerror', (error) => {
      consoleLog.push({ source: page.url(), text: `uncaught: ${String(error)}` });
    });
    page.on('request', (request) => {
      const entry = outboundOf(request.url(), 'page');
      if (entry) outboundLog.push(entry);
    });
  };

  const watchWorker = (worker: WebWorker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') consoleLog.push({ source: worker.url(), text: message.text() });
    });
    worker.on('error', (error) => {
      consoleLog.push({ source: worker.url(), text: `uncaught: ${String(error)}` });
    });
    // Requests the worker itself makes (fetch from the background) never show on a page.
    worker.client.on('Network.requestWillBeSent', (event) => {
      const entry = outboundOf(event.request.url, 'background');
      if (entry) outboundLog.push(entry);
    });
    worker.client.send('Network.enable').catch((error: unknown) => {
      consoleLog.push({ source: 'harness', text: `could not watch the worker's network: ${String(error)}` });
    });
  };

  const evaluateWith =
    (run: (expression: string) => Promise<unknown>): Evaluate =>
    async (fn, ...args) => {
      const call = `(${fn.toString()})(${extensionApi}, ...${JSON.stringify(args)})`;
      return (await run(call)) as Awaited<ReturnType<typeof fn>>;
    };

  const newPage = async (): Promise<Page> => {
    const page = await need().session.browser.newPage();
    watchPage(page);
    testPages.push(page);
    return page;
  };

  const t: E2E = {
    browserName,
    extension: {
      get id() {
        return need().session.extensionId;
      },
      get baseUrl() {
        return need().session.extensionBaseUrl;
      },
      url: (file) => need().session.extensionBaseUrl + file.replace(/^\//, ''),
    },
    server: {
      get origin() {
        return need().site.origin;
      },
      url: (pathname) => need().site.url(pathname),
      requests: () => need().site.requests.slice(marks.served),
    },
    async open(pathOrUrl, options) {
      const url = /^[a-z-]+:/i.test(pathOrUrl) ? pathOrUrl : need().site.url(pathOrUrl);
      const page = await newPage();
      // E.g. page.evaluateOnNewDocument: a main-world script that runs before the page's own.
      await options?.beforeNavigate?.(page);
      await need().session.navigate(page, url);
      return page;
    },
    async openExtensionPage(file) {
      const page = await newPage();
      await need().session.navigate(page, t.extension.url(file));
      return page;
    },
    async openPopup({ tabId, width = 380, height = 560 } = {}) {
      const page = await newPage();
      // A real popup is a small window; render it at that size so screenshots look like one.
      await page.setViewport({ width, height });
      const file = tabId === undefined ? 'popup.html' : `popup.html?tabId=${tabId}`;
      await need().session.navigate(page, t.extension.url(file));
      await t.textOf(page, '[data-testid="popup"]');
      return page;
    },
    async openOptions() {
      const page = await t.openExtensionPage('options.html');
      await t.textOf(page, '[data-testid="options"]');
      return page;
    },
    background: { evaluate: evaluateWith((expression) => need().session.evaluateInBackground(expression)) },
    extensionPage: {
      evaluate: evaluateWith((expression) => need().session.evaluateInExtensionPage(expression)),
    },
    sendToBackground: (type, data) =>
      t.extensionPage.evaluate((api, message) => api.runtime.sendMessage(message), {
        type,
        data,
      } as unknown as Json) as Promise<Reply<ToBackground, typeof type>>,
    async tabIdOf(page) {
      const url = page.url();
      const byUrl = await t.background.evaluate(
        // Filtered here: match patterns cannot express every URL (ports in Firefox, queries).
        async (api, wanted) =>
          (await api.tabs.query({})).filter((tab) => tab.url === wanted).map((tab) => tab.id ?? -1),
        url,
      );
      if (byUrl.length === 1 && byUrl[0] !== undefined && byUrl[0] >= 0) return byUrl[0];
      // Chromium hides tab URLs without the "tabs" permission (and a URL may be open twice):
      // find the tab by focus instead.
      await page.bringToFront();
      const active = await t.background.evaluate(async (api) =>
        (await api.tabs.query({ active: true, lastFocusedWindow: true })).map((tab) => ({
          id: tab.id ?? -1,
          url: tab.url ?? null,
        })),
      );
      const [tab] = active;
      if (active.length !== 1 || !tab || tab.id < 0) {
        throw new Error(`Expected one active tab, got ${JSON.stringify(active)}`);
      }
      if (tab.url !== null && tab.url !== url) throw new Error(`The active tab is ${tab.url}, not ${url}`);
      return tab.id;
    },
    async tabReport(page) {
      return t.sendToBackground('getTabReport', { tabId: await t.tabIdOf(page) });
    },
    async waitForTabReport(page, poll) {
      const tabId = await t.tabIdOf(page);
      return pollUntil(
        `the background has no report for tab ${tabId} (${page.url()})`,
        async () => {
          const report = await t.sendToBackground('getTabReport', { tabId });
          return report?.url === page.url() ? report : undefined;
        },
        poll,
      );
    },
    async waitForRegistration(match, poll) {
      await pollUntil(
        match === null ? 'no registered content script' : `a content script registered for ${match}`,
        async () => {
          const matches = await t.extensionPage.evaluate(async (api) => {
            const scripts = await api.scripting.getRegisteredContentScripts();
            return scripts.flatMap((script) => script.matches ?? []);
          });
          return (match === null ? matches.length === 0 : matches.includes(match)) || undefined;
        },
        poll,
      );
    },
    textOf(page, selector, poll) {
      return pollUntil(
        `${selector} in ${page.url()}`,
        () =>
          page.evaluate((s) => {
            const element = document.querySelector(s);
            return element ? (element.textContent ?? '') : undefined;
          }, selector),
        poll,
      );
    },
    async screenshot(name, page = testPages.at(-1)) {
      if (!page) throw new Error('screenshot: no page is open');
      mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `${browserName}-${safeName(name)}.png`);
      await page.screenshot({ path: file as `${string}.png` });
      return file;
    },
    async consoleErrors() {
      consoleLog.push(...(await need().session.takeBackgroundErrors()));
      return consoleLog.slice(marks.console);
    },
    network: {
      outbound() {
        const { session, sink } = need();
        const fromSink = sink.requests
          .slice(marks.sink)
          .filter((request) => !session.isBrowserOwnHost(request.host))
          .map((request): OutboundEntry => ({ url: request.target, host: request.host, seenBy: 'sink' }));
        return [...outboundLog.slice(marks.outbound), ...fromSink];
      },
    },
    poll: pollUntil,
  };

  beforeAll(async () => {
    site = await startSite();
    sink = await startOutboundSink();
    session = await launchBrowser(browserName, sink);
    session.onPage = watchPage;
    session.onWorker = watchWorker;
    await session.watchBackground();
    // Every file starts as a user who chose "Annotate every site" on the welcome page.
    await session.grantEverySite();
  });

  afterAll(async () => {
    // Each step runs even if an earlier one fails, so no browser or port outlives the file.
    const steps = [session?.close(), site?.close(), sink?.close()];
    session = site = sink = undefined;
    const results = await Promise.allSettled(steps);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  beforeEach(async () => {
    const { site, sink } = need();
    // A restarted service worker is a new worker: watch it before the test starts.
    await need().session.watchBackground();
    // Background errors from before this test belong to no test; drop them.
    await need().session.takeBackgroundErrors();
    marks = {
      console: consoleLog.length,
      outbound: outboundLog.length,
      served: site.requests.length,
      sink: sink.requests.length,
    };
  });

  afterEach(async () => {
    const pages = testPages;
    testPages = [];
    await Promise.allSettled(pages.map((page) => (page.isClosed() ? undefined : page.close())));
  });

  for (const { name, fn, browsers } of cases) {
    if (browsers && !browsers.includes(browserName)) continue;
    it(name, async () => {
      try {
        await fn(t);
      } catch (error) {
        const page = testPages.at(-1);
        if (page && !page.isClosed()) await t.screenshot(`FAILED-${name}`, page).catch(() => {});
        throw error;
      }
    });
  }
}
