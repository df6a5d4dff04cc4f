/**
 * Keeps the content script registered exactly where the user's mode and the granted site access
 * allow (lib/access/sites.ts), and injects it into a tab on request ("Scan this page").
 *
 * The content script is not in the manifest: a static `<all_urls>` entry would make the browser
 * ask for "read and change all your data on all websites" at install. It is registered at run time
 * with scripting.registerContentScripts (persisted across restarts by both browsers), and synced
 * whenever the settings or the granted permissions change.
 */
import { browser } from 'wxt/browser';
import {
  CONTENT_SCRIPT_ID,
  hasAccessTo,
  registrationMatches,
  scannableHost,
  type GrantedAccess,
} from '../access/sites';
import { sendToTab } from '../messaging/protocol';
import { LOG_PREFIX } from '../store/db';
import { shouldScanHost, type Settings } from '../settings/settings';

/** The built content script (WXT's output path for entrypoints/content). */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';

/** The scripting calls registration needs: the real API in the extension, a fake in tests. */
export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[] }[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
}

interface RegisteredScript {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** Both lists are small and come sorted from registrationMatches; the browser's may not be. */
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Registers, updates or unregisters the content script so that it matches `registrationMatches`.
 * Returns the patterns now registered.
 */
export async function syncRegistration(
  scripting: ScriptingLike,
  settings: Settings,
  access: GrantedAccess,
): Promise<string[]> {
  const wanted = registrationMatches(settings, access);
  const [current] = await scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (wanted.length === 0) {
    if (current) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    return [];
  }
  const script: RegisteredScript = {
    id: CONTENT_SCRIPT_ID,
    // Registered paths are relative to the extension root, without a leading slash.
    js: [CONTENT_SCRIPT_FILE.slice(1)],
    matches: wanted,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
  if (!current) await scripting.registerContentScripts([script]);
  else if (!sameSet(current.matches ?? [], wanted)) await scripting.updateContentScripts([script]);
  return wanted;
}

/** One sync at a time: settings and permission events can arrive together. */
export function createRegistrationSync(load: () => Promise<{ settings: Settings; access: GrantedAccess }>) {
  let queue: Promise<unknown> = Promise.resolve();
  return (): Promise<string[]> => {
    const run = queue.then(async () => {
      const { settings, access } = await load();
      return syncRegistration(browser.scripting as unknown as ScriptingLike, settings, access);
    });
    queue = run.catch((error: unknown) =>
      console.warn(`${LOG_PREFIX} could not register the content script`, error),
    );
    return run;
  };
}

/** Whether the tab already runs our content script (it answers getReport). */
async function isRunning(tabId: number): Promise<boolean> {
  try {
    const report = await sendToTab(tabId, 'getReport', null);
    return typeof report === 'object' && report !== null;
  } catch {
    return false;
  }
}

/**
 * Runs the content script in a tab that does not have it yet: "Scan this page" (through activeTab
 * or a site grant), and open tabs right after the user grants access. False when the browser
 * refuses (no access, a restricted page).
 */
export async function ensureContentScript(tabId: number): Promise<boolean> {
  if (await isRunning(tabId)) return true;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
  } catch {
    return false;
  }
  // The script answers once its (async) start has read the settings.
  for (let waited = 0; waited < 3000; waited += 50) {
    if (await isRunning(tabId)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** After a grant: annotate the readable open tabs now, without waiting for the user to reload them. */
export async function injectIntoOpenTabs(access: GrantedAccess, settings: Settings): Promise<number> {
  const tabs = await browser.tabs.query({});
  let injected = 0;
  for (const tab of tabs) {
    const host = scannableHost(tab.url);
    if (tab.id === undefined || host === null || !hasAccessTo(access, host)) continue;
    if (!shouldScanHost(settings, host)) continue;
    if (await ensureContentScript(tab.id)) injected++;
  }
  return injected;
}
