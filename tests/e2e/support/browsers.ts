/**
 * Launches one real browser with the built extension loaded, and hides the differences between
 * Chromium (CDP, background = service worker) and Firefox ESR (WebDriver BiDi, background = event
 * page, moz-extension:// navigation that never fires `load`). Used by ../harness.ts only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';
import { CHROMIUM_FLAGS } from '../../../scripts/lib/chromium';
import { chromiumBuildWithHostAccess } from '../../../scripts/lib/granted-build';
import { assertRunnable, browserExecutables, extensionBuilds, type BrowserName } from './paths';
import type { OutboundSink } from './server';

/** Hosts the browsers contact on their own (updates, time, remote settings), never the extension. */
const browserOwnHosts: Record<BrowserName, RegExp> = {
  chromium: /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$/,
  firefox: /(^|\.)(mozilla\.com|mozilla\.org|mozilla\.net|firefox\.com|dummy\.test)$/,
};

export function isBrowserOwnHost(name: BrowserName, host: string): boolean {
  return browserOwnHosts[name].test(host);
}

/** The promise-based extension namespace in any extension context (Chromium has both names). */
export const extensionApi = '(globalThis.browser ?? globalThis.chrome)';

export interface Poll {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Retries `probe` until it returns a value other than undefined/false, or throws `message`. */
export async function pollUntil<T>(
  message: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 15_000, intervalMs = 100 }: Poll = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      // Firefox throws while a document is being swapped; the next round sees the new one.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms: ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface BrowserSession {
  name: BrowserName;
  browser: Browser;
  /** Chromium's extension id, or the pinned Firefox UUID: the host of the extension's URLs. */
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBaseUrl: string;
  isBrowserOwnHost(host: string): boolean;
  /** Navigates `page` and resolves once the new document has loaded (also for moz-extension://). */
  navigate(page: Page, url: string): Promise<void>;
  /**
   * Evaluates `expression` (a JS expression, may be a promise) where the extension's background
   * runs: the service worker in Chromium. Firefox exposes no handle on its event page, so there it
   * runs in an extension page of the same extension (same APIs and storage, not the same globals).
   */
  evaluateInBackground<R>(expression: string): Promise<R>;
  /** Evaluates `expression` in an extension page kept open for the harness (options.html). */
  evaluateInExtensionPage<R>(expression: string): Promise<R>;
  /**
   * Makes sure the recorders watch the live background: Chromium's current worker, or in Firefox
   * hooks on the event page's console.error and error events (it may have been restarted).
   */
  watchBackground(): Promise<void>;
  /** Firefox: the background errors the hooks caught since the last call. Chromium: none (events). */
  takeBackgroundErrors(): Promise<{ source: string; text: string }[]>;
  /**
   * What a new user does first: on the welcome page, "Annotate every site", then waits until the
   * content script is registered. Firefox answers the real permission prompt (pref); Chromium's
   * build already has the access (see scripts/lib/granted-build.ts), so its request resolves at once.
   */
  grantEverySite(): Promise<void>;
  /** Called for every page and worker the session opens, so the recorders can watch them. */
  onPage?: (page: Page, label: string) => void;
  onWorker?: (worker: WebWorker, label: string) => void;
  close(): Promise<void>;
}

/** The gecko id the UUID pref is keyed by, read from the build that is actually loaded. */
function geckoIdOfBuild(): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionBuilds.firefox, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionBuilds.firefox}/manifest.json has no gecko id`);
  return id;
}

// A fixed UUID keeps moz-extension:// URLs stable across runs and screenshots.
const firefoxExtensionUuid = 'b1e5c0de-5e1f-4a11-9e2e-00000000e2e0';

export async function launchBrowser(name: BrowserName, sink: OutboundSink): Promise<BrowserSession> {
  assertRunnable(name);
  return name === 'chromium' ? launchChromium(sink) : launchFirefox(sink);
}

async function launchChromium(sink: OutboundSink): Promise<BrowserSession> {
  // Chromium's permission prompt cannot be answered under automation: load the build with the
  // host access the user would grant (same code; scripts/lib/granted-build.ts).
  const granted = chromiumBuildWithHostAccess(extensionBuilds.chromium);
  const browser = await puppeteer.launch({
    executablePath: browserExecutables.chromium,
    headless: true,
    // Puppeteer loads unpacked extensions only over a pipe (it adds the debugging switch itself).
    pipe: true,
    enableExtensions: [granted.dir],
    // Loopback stays direct (Chromium's implicit bypass); everything else goes to the sink.
    args: [...CHROMIUM_FLAGS, `--proxy-server=http://${sink.host}`],
  });
  try {
    const isOurWorkerTarget = (target: Target) =>
      target.type() === 'service_worker' &&
      target.url().startsWith('chrome-extension://') &&
      target.url().endsWith('/background.js');
    const workerTarget = await browser.waitForTarget(isOurWorkerTarget, { timeout: 30_000 });
    const extensionId = new URL(workerTarget.url()).host;
    const extensionBaseUrl = `chrome-extension://${extensionId}/`;
    const session = createSession({
      name: 'chromium',
      browser,
      extensionId,
      extensionBaseUrl,
      navigate: async (page, url) => {
        await page.goto(url, { waitUntil: 'load' });
      },
      cleanup: granted.remove,
    });
    const watchedWorkers = new WeakSet<WebWorker>();
    // The service worker may be stopped when idle and restarted later: always use the live one.
    const currentWorker = async (): Promise<WebWorker> => {
      let target = browser.targets().find(isOurWorkerTarget);
      if (!target) {
        // A stopped worker restarts for any event: send it a message.
        await session.evaluateInExtensionPage(
          `${extensionApi}.runtime.sendMessage({ type: 'getInfo', data: null })`,
        );
        target = await browser.waitForTarget(isOurWorkerTarget, { timeout: 10_000 });
      }
      const worker = await target.worker();
      if (!worker) throw new Error(`No worker behind the service worker target ${target.url()}`);
      if (!watchedWorkers.has(worker)) {
        watchedWorkers.add(worker);
        session.onWorker?.(worker, 'background');
      }
      return worker;
    };
    session.evaluateInBackground = async <R>(expression: string) =>
      (await (await currentWorker()).evaluate(expression)) as R;
    session.watchBackground = async () => {
      await currentWorker();
    };
    return session;
  } catch (error) {
    await browser.close().catch(() => {});
    granted.remove();
    throw error;
  }
}

async function launchFirefox(sink: OutboundSink): Promise<BrowserSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserExecutables.firefox,
    headless: true,
    // Without it WebDriver BiDi refuses to navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoIdOfBuild()]: firefoxExtensionUuid }),
      // Everything but loopback goes to the sink, which records and refuses it.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': sink.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': sink.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
      // Fewer of Firefox's own connections, so the sink's log stays readable.
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.http.speculative-parallel-limit': 0,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // permissions.request() is answered "allow" without showing its prompt: the welcome page's
      // and the popup's real request code runs, and no automation can click browser UI.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    await browser.installExtension(extensionBuilds.firefox);
    const extensionBaseUrl = `moz-extension://${firefoxExtensionUuid}/`;
    const session = createSession({
      name: 'firefox',
      browser,
      extensionId: firefoxExtensionUuid,
      extensionBaseUrl,
      navigate: async (page, url) => {
        if (!url.startsWith('moz-extension://')) {
          await page.goto(url, { waitUntil: 'load' });
          return;
        }
        // BiDi never reports `load` for moz-extension:// documents: fire, then poll the document.
        page.goto(url).catch(() => {});
        await pollUntil(
          `${url} did not load`,
          () =>
            page.evaluate(
              (expected) => location.href === expected && document.readyState === 'complete',
              url,
            ),
          { timeoutMs: 20_000 },
        );
      },
    });
    session.evaluateInBackground = (expression) => session.evaluateInExtensionPage(expression);
    session.watchBackground = async () => {
      await session.evaluateInExtensionPage(hookFirefoxBackground);
    };
    session.takeBackgroundErrors = () => session.evaluateInExtensionPage(takeFirefoxBackgroundErrors);
    return session;
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

// BiDi cannot see Firefox's event page, but extension pages can reach its window: wrap its
// console.error and listen for its uncaught errors. Errors before the first hook are missed.
const hookFirefoxBackground = `(async () => {
  const bg = await browser.runtime.getBackgroundPage();
  if (!bg || bg.__e2eErrors) return;
  const errors = (bg.__e2eErrors = []);
  const source = bg.location.href;
  const original = bg.console.error;
  bg.console.error = function (...parts) {
    errors.push({ source, text: parts.map(String).join(' ') });
    return original.apply(this, parts);
  };
  bg.addEventListener('error', (event) => errors.push({ source, text: 'uncaught: ' + event.message }));
  bg.addEventListener('unhandledrejection', (event) =>
    errors.push({ source, text: 'unhandled rejection: ' + String(event.reason) }));
})()`;

const takeFirefoxBackgroundErrors = `(async () => {
  const bg = await browser.runtime.getBackgroundPage();
  return bg && bg.__e2eErrors ? bg.__e2eErrors.splice(0).map((e) => ({ source: e.source, text: e.text })) : [];
})()`;

interface SessionBase {
  name: BrowserName;
  browser: Browser;
  extensionId: string;
  extensionBaseUrl: string;
  navigate(page: Page, url: string): Promise<void>;
  /** Runs after the browser closed (temporary copies of the build). */
  cleanup?: () => void;
}

function createSession(base: SessionBase): BrowserSession {
  let helperPage: Promise<Page> | undefined;
  const openHelperPage = async (session: BrowserSession): Promise<Page> => {
    const page = await base.browser.newPage();
    session.onPage?.(page, 'harness extension page');
    const url = base.extensionBaseUrl + 'options.html';
    await base.navigate(page, url);
    await pollUntil('the extension API in the harness page', () =>
      page.evaluate(`${extensionApi}.runtime.id`),
    );
    return page;
  };
  const session: BrowserSession = {
    ...base,
    isBrowserOwnHost: (host) => isBrowserOwnHost(base.name, host),
    // Replaced per browser right after creation.
    evaluateInBackground: () => Promise.reject(new Error('background evaluation is not wired')),
    watchBackground: async () => {},
    takeBackgroundErrors: async () => [],
    async evaluateInExtensionPage<R>(expression: string): Promise<R> {
      helperPage ??= openHelperPage(session);
      let page = await helperPage;
      if (page.isClosed()) {
        helperPage = openHelperPage(session);
        page = await helperPage;
      }
      return (await page.evaluate(expression)) as R;
    },
    async grantEverySite() {
      const page = await base.browser.newPage();
      session.onPage?.(page, 'welcome page');
      try {
        await base.navigate(page, base.extensionBaseUrl + 'welcome.html');
        await page.waitForSelector('[data-testid="welcome-every-site"]');
        // The install opened its own welcome tab in front; clicks need this one in front.
        await page.bringToFront();
        await page.click('[data-testid="welcome-every-site"]');
        await pollUntil('the welcome page to confirm access to every site', () =>
          page.evaluate(() => document.querySelector('[data-testid="welcome-result"]')?.textContent?.trim()),
        );
        await pollUntil('the content script to be registered for every site', () =>
          session.evaluateInExtensionPage<boolean>(
            `${extensionApi}.scripting.getRegisteredContentScripts().then((s) => s.some((x) => x.matches.includes('*://*/*')))`,
          ),
        );
      } finally {
        await page.close();
      }
    },
    async close() {
      try {
        await base.browser.close();
      } finally {
        base.cleanup?.();
      }
    },
  };
  return session;
}
