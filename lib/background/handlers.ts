/**
 * The background's message handlers, kept free of listener plumbing so that unit tests call them
 * directly. Per-tab reports live in `storage.session`, which survives the service worker (or
 * Firefox's event page) being stopped, and is cleared when the browser closes. The data set and
 * the reading history live in the IndexedDB store (lib/store), settings in storage.local.
 */
import { browser, type Browser } from 'wxt/browser';
import { bundledData } from '../data/bundled';
import type { Status } from '../data/model';
import { sendToTab, type Handlers, type PageReport, type ToBackground } from '../messaging/protocol';
import { badgeFor } from './badge';
import { runLookup } from './lookup';
import { ensureContentScript } from './registration';
import { LOG_PREFIX, type StoreLog } from '../store/db';
import { clearHistory, historyForEntity, recentHistory, recordVisit } from '../store/history';
import { getEntity, getLetter, getTopic, searchPeople } from '../store/search';
import { readMeta } from '../store/seed';
import { getSettings, setSettings } from '../store/settings';
import { createStoreAccess, type StoreAccess } from '../store/store';
import { runDataUpdate, type FetchLike } from '../store/update';

type Sender = Browser.runtime.MessageSender;

export interface BackgroundDeps {
  store?: StoreAccess;
  fetch?: FetchLike;
  now?: () => number;
  log?: StoreLog;
}

export const tabKey = (tabId: number) => `tab:${tabId}`;

/**
 * History and settings changes are for our own pages only: a content script runs inside a web
 * page, and a compromised page process must not read where the user has been or turn things off.
 */
function isExtensionPage(sender: Sender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

function requireExtensionPage(sender: Sender, type: string): void {
  if (!isExtensionPage(sender)) throw new Error(`${type} is only answered to the extension's own pages`);
}

const clamp = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, Math.floor(value)))
    : fallback;

export function createBackgroundHandlers(deps: BackgroundDeps = {}): Handlers<ToBackground, Sender> {
  const log = deps.log ?? console;
  const now = deps.now ?? Date.now;
  const store = deps.store ?? createStoreAccess({ loadBundled: () => bundledData, log });
  const db = () => store.get();

  async function showBadge(tabId: number, report: PageReport): Promise<void> {
    const settings = await getSettings();
    const database = await db();
    const statuses = new Map<string, Status>();
    for (const { id } of report.people) {
      const entity = await getEntity(database, id);
      if (entity) statuses.set(id, entity.status);
    }
    const badge = badgeFor(report, (id) => statuses.get(id));
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#1e3a8a' });
    await browser.action.setBadgeText({ tabId, text: settings.badge ? badge.text : '' });
    await browser.action.setTitle({ tabId, title: badge.title });
  }

  return {
    getInfo: async () => {
      const extensionVersion = browser.runtime.getManifest().version;
      try {
        const meta = await readMeta(await db());
        if (meta) {
          return {
            extensionVersion,
            dataVersion: meta.version,
            signatoriesPublished: meta.counts.signatoriesPublished,
          };
        }
      } catch (error) {
        log.warn(`${LOG_PREFIX} getInfo fell back to the bundled data: ${String(error)}`);
      }
      return {
        extensionVersion,
        dataVersion: bundledData.version,
        signatoriesPublished: bundledData.counts.signatoriesPublished,
      };
    },
    reportPage: async (report, sender) => {
      const tabId = sender.tab?.id;
      // Only the top frame speaks for the tab; frames' reports would overwrite it.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return { ok: true } as const;
      await browser.storage.session.set({ [tabKey(tabId)]: report });
      await showBadge(tabId, report).catch((error: unknown) =>
        log.warn(`${LOG_PREFIX} could not update the badge: ${String(error)}`),
      );
      // Private windows leave no history; nor do pages where nobody was found.
      if (!sender.tab?.incognito && Array.isArray(report.people) && report.people.length > 0) {
        try {
          if ((await getSettings()).history) await recordVisit(await db(), report, { now: now() });
        } catch (error) {
          // History is a convenience: failing to write it must not fail the page's report.
          log.warn(`${LOG_PREFIX} could not record a history entry: ${String(error)}`);
        }
      }
      return { ok: true } as const;
    },
    getTabReport: async ({ tabId }) => {
      const key = tabKey(tabId);
      const stored = await browser.storage.session.get(key);
      return (stored[key] as PageReport | undefined) ?? null;
    },
    searchPeople: async ({ query, limit }) => {
      if (typeof query !== 'string') return [];
      return searchPeople(await db(), query, clamp(limit, 1, 50, 20));
    },
    getEntity: async ({ id }) => (typeof id === 'string' ? getEntity(await db(), id) : null),
    getLetter: async () => getLetter(await db()),
    getHistory: async ({ entityId, since, limit }, sender) => {
      requireExtensionPage(sender, 'getHistory');
      const query = {
        since: typeof since === 'number' && Number.isFinite(since) ? since : undefined,
        limit: clamp(limit, 1, 500, 50),
      };
      return typeof entityId === 'string'
        ? historyForEntity(await db(), entityId, query)
        : recentHistory(await db(), query);
    },
    clearHistory: async (_data, sender) => {
      requireExtensionPage(sender, 'clearHistory');
      await clearHistory(await db());
      return { ok: true } as const;
    },
    getSettings: () => getSettings(),
    setSettings: async (patch, sender) => {
      requireExtensionPage(sender, 'setSettings');
      return setSettings(patch);
    },
    getCardData: async ({ ref }) => {
      if (!ref || typeof ref.id !== 'string' || (ref.kind !== 'entity' && ref.kind !== 'topic')) return null;
      const database = await db();
      const [meta, letter] = await Promise.all([readMeta(database), getLetter(database)]);
      if (!meta || !letter) return null;
      const entity = ref.kind === 'entity' ? await getEntity(database, ref.id) : null;
      const topic = ref.kind === 'topic' ? await getTopic(database, ref.id) : null;
      if (!entity && !topic) return null;
      return { entity, topic, letter, counts: meta.counts, dataDate: meta.compiled };
    },
    getLookupCardData: async () => {
      const database = await db();
      const [meta, letter] = await Promise.all([readMeta(database), getLetter(database)]);
      if (!meta || !letter) return null;
      return { entity: null, topic: null, letter, counts: meta.counts, dataDate: meta.compiled };
    },
    lookupSelection: async (target, sender) => {
      // The context menu calls runLookup itself; this door is for the extension's own pages only
      // (a page must not make us open cards or the popup in other tabs).
      requireExtensionPage(sender, 'lookupSelection');
      const { tabId, frameId, text } = (target ?? {}) as Partial<typeof target>;
      if (!Number.isInteger(tabId) || !Number.isInteger(frameId) || typeof text !== 'string') {
        throw new Error('lookupSelection needs { tabId, frameId, text }');
      }
      return runLookup({ db }, { tabId: tabId!, frameId: frameId!, text: text.slice(0, 1000) });
    },
    scanTab: async (data, sender) => {
      requireExtensionPage(sender, 'scanTab');
      const tabId = clamp(data?.tabId, 0, Number.MAX_SAFE_INTEGER, -1);
      if (tabId < 0 || !(await ensureContentScript(tabId))) return { ok: false };
      try {
        return await sendToTab(tabId, 'scanPage', null);
      } catch {
        return { ok: false };
      }
    },
    injectCard: async (_data, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { ok: false };
      // Into the asking frame only, in the content script's isolated world.
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender.frameId ?? 0] },
        files: ['/content-scripts/card.js'],
      });
      return { ok: true };
    },
    checkDataUpdate: async (_data, sender) => {
      requireExtensionPage(sender, 'checkDataUpdate');
      return runDataUpdate({
        db: await db(),
        fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
        now: now(),
        log,
      });
    },
  };
}
