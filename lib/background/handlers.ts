/**
 * The background's message handlers, kept free of listener plumbing so that unit tests call them
 * directly; lib/messaging/dispatch.ts checks every message before it reaches one. Per-tab reports
 * live in `storage.session`, which survives the service worker (or Firefox's event page) being
 * stopped, and is cleared when the browser closes. The data set and the reading history live in
 * the IndexedDB store (lib/store), settings in storage.local (lib/settings).
 *
 * Grouped by what they serve: the data set's facts, the tabs' pages, and the extension's own
 * pages' private business (history, settings, updates).
 */
import { browser, type Browser } from 'wxt/browser';
import { bundledData } from '../data/bundled';
import type { Status } from '../data/model';
import { isExtensionPage, type Handlers } from '../messaging/dispatch';
import { sendToTab, type ExtensionInfo, type PageReport, type ToBackground } from '../messaging/protocol';
import { tabReportItem } from '../messaging/storage';
import { getSettings, setSettings } from '../settings/settings';
import { LOG_PREFIX, type StoreDB, type StoreLog } from '../store/db';
import { clearHistory, historyForEntity, recentHistory, recordVisit } from '../store/history';
import { getEntity, getLetter, getTopic, searchPeople } from '../store/search';
import { readMeta } from '../store/seed';
import { createStoreAccess, type StoreAccess } from '../store/store';
import { runDataUpdate, type FetchLike } from '../store/update';
import { badgeFor } from './badge';
import { runLookup } from './lookup';
import { ensureContentScript } from './registration';

type Sender = Browser.runtime.MessageSender;

export interface BackgroundDeps {
  store?: StoreAccess;
  fetch?: FetchLike;
  now?: () => number;
  log?: StoreLog;
}

/** What every group of handlers works with. */
interface Context {
  db: () => Promise<StoreDB>;
  log: StoreLog;
  now: () => number;
  fetch: FetchLike;
}

/**
 * History and settings changes are for our own pages only: a content script runs inside a web
 * page, and a compromised page process must not read where the user has been or turn things off.
 * (dispatch refuses these first; the check stays here for direct callers.)
 */
function requireExtensionPage(sender: Sender, type: string): void {
  if (!isExtensionPage(sender)) throw new Error(`${type} is only answered to the extension's own pages`);
}

/** A count the sender may choose, within what the background is willing to return. */
const clamp = (value: number | undefined, min: number, max: number, fallback: number) =>
  value === undefined ? fallback : Math.min(max, Math.max(min, Math.floor(value)));

export function createBackgroundHandlers(deps: BackgroundDeps = {}): Handlers<ToBackground, Sender> {
  const log = deps.log ?? console;
  const store = deps.store ?? createStoreAccess({ loadBundled: () => bundledData, log });
  const context: Context = {
    db: () => store.get(),
    log,
    now: deps.now ?? Date.now,
    fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
  };
  return { ...dataHandlers(context), ...tabHandlers(context), ...privateHandlers(context) };
}

type Group<K extends keyof ToBackground> = Pick<Handlers<ToBackground, Sender>, K>;

/** The installed data set: its version and facts, people, topics and the letter. */
function dataHandlers({
  db,
  log,
}: Context): Group<
  'getInfo' | 'searchPeople' | 'getEntity' | 'getLetter' | 'getCardData' | 'getLookupCardData'
> {
  const letterFacts = async () => {
    const database = await db();
    const [meta, letter] = await Promise.all([readMeta(database), getLetter(database)]);
    return meta && letter ? { database, letter, counts: meta.counts, dataDate: meta.compiled } : null;
  };
  return {
    getInfo: async () => {
      const extensionVersion = browser.runtime.getManifest().version;
      try {
        const database = await db();
        const [meta, letter] = await Promise.all([readMeta(database), getLetter(database)]);
        if (meta) return infoOf(extensionVersion, { ...meta, letter });
      } catch (error) {
        log.warn(`${LOG_PREFIX} getInfo fell back to the bundled data: ${String(error)}`);
      }
      return infoOf(extensionVersion, bundledData);
    },
    searchPeople: async ({ query, limit }) => {
      // (Also for direct callers: dispatch has checked it for messages.)
      if (typeof query !== 'string') return [];
      return searchPeople(await db(), query, clamp(limit, 1, 50, 20));
    },
    getEntity: async ({ id }) => getEntity(await db(), id),
    getLetter: async () => getLetter(await db()),
    getCardData: async ({ ref }) => {
      const facts = await letterFacts();
      if (!facts) return null;
      const { database, ...card } = facts;
      const entity = ref.kind === 'entity' ? await getEntity(database, ref.id) : null;
      const topic = ref.kind === 'topic' ? await getTopic(database, ref.id) : null;
      return entity || topic ? { entity, topic, ...card } : null;
    },
    getLookupCardData: async () => {
      const facts = await letterFacts();
      if (!facts) return null;
      const { database: _database, ...card } = facts;
      return { entity: null, topic: null, ...card };
    },
  };
}

function infoOf(
  extensionVersion: string,
  data: Pick<ExtensionInfo, 'letter' | 'counts'> & { version: string; compiled: string },
): ExtensionInfo {
  return {
    extensionVersion,
    dataVersion: data.version,
    signatoriesPublished: data.counts.signatoriesPublished,
    letter: data.letter,
    counts: data.counts,
    dataDate: data.compiled,
  };
}

/** The tabs' pages: their reports (and badge), and the scripts injected into them. */
function tabHandlers({
  db,
  log,
  now,
}: Context): Group<'reportPage' | 'getTabReport' | 'scanTab' | 'injectCard'> {
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
    reportPage: async (report, sender) => {
      const tabId = sender.tab?.id;
      // Only the top frame speaks for the tab; frames' reports would overwrite it.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return { ok: true } as const;
      await tabReportItem(tabId).set(report);
      await showBadge(tabId, report).catch((error: unknown) =>
        log.warn(`${LOG_PREFIX} could not update the badge: ${String(error)}`),
      );
      // Private windows leave no history; nor do pages where nobody was found.
      if (!sender.tab?.incognito && report.people.length > 0) {
        try {
          if ((await getSettings()).history) await recordVisit(await db(), report, { now: now() });
        } catch (error) {
          // History is a convenience: failing to write it must not fail the page's report.
          log.warn(`${LOG_PREFIX} could not record a history entry: ${String(error)}`);
        }
      }
      return { ok: true } as const;
    },
    getTabReport: ({ tabId }) => tabReportItem(tabId).get(),
    scanTab: async ({ tabId }, sender) => {
      requireExtensionPage(sender, 'scanTab');
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
  };
}

/** The extension's own pages' business: reading history, settings, data updates, lookups. */
function privateHandlers({
  db,
  log,
  now,
  fetch,
}: Context): Group<
  'getHistory' | 'clearHistory' | 'getSettings' | 'setSettings' | 'checkDataUpdate' | 'lookupSelection'
> {
  return {
    getHistory: async ({ entityId, since, limit }, sender) => {
      requireExtensionPage(sender, 'getHistory');
      const query = { since, limit: clamp(limit, 1, 500, 50) };
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
    checkDataUpdate: async (_data, sender) => {
      requireExtensionPage(sender, 'checkDataUpdate');
      return runDataUpdate({ db: await db(), fetch, now: now(), log });
    },
    lookupSelection: async (target, sender) => {
      // The context menu calls runLookup itself; this door is for the extension's own pages only
      // (a page must not make us open cards or the popup in other tabs).
      requireExtensionPage(sender, 'lookupSelection');
      const { tabId, frameId, text } = target;
      return runLookup({ db }, { tabId, frameId, text: text.slice(0, 1000) });
    },
  };
}
