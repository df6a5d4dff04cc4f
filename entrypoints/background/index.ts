/**
 * The background: the only place that owns extension-wide state. It answers the popup and the
 * content scripts through the typed contract in lib/messaging (every message checked by its one
 * dispatch), and is the only context that opens the IndexedDB store (lib/store).
 *
 * main() registers every listener synchronously, at its top, so a waking worker gets its event:
 *   lifecycle    install, start-up, settings and permission changes, the data-update alarm
 *   lookups      the context menu's "Check “%s” in the letter's signatories"
 *   tabs         a tab's report is forgotten when the tab leaves its page
 *   commands     the keyboard shortcuts that walk the marks
 *   messages     lib/background/handlers.ts through lib/messaging/dispatch.ts
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { readAccess } from '../../lib/access/permissions';
import { DATA_UPDATE_ALARM, syncDataUpdateAlarm } from '../../lib/background/data-updates';
import { createBackgroundHandlers } from '../../lib/background/handlers';
import { lookupTargetOf, openPopupNow, registerLookupMenu, runLookup } from '../../lib/background/lookup';
import {
  createRegistrationSync,
  ensureContentScript,
  injectIntoOpenTabs,
} from '../../lib/background/registration';
import { bundledData } from '../../lib/data/bundled';
import { listen } from '../../lib/messaging/dispatch';
import { sendToTab } from '../../lib/messaging/protocol';
import { tabReportItem } from '../../lib/messaging/storage';
import { toBackground } from '../../lib/messaging/to-background';
import { getSettings, onSettingsChanged } from '../../lib/settings/settings';
import { LOG_PREFIX } from '../../lib/store/db';
import { createStoreAccess, type StoreAccess } from '../../lib/store/store';
import { runDataUpdate } from '../../lib/store/update';
import { t } from '../../lib/ui/i18n';

export default defineBackground({
  // Firefox MV3 runs this as a non-persistent event page, Chrome as a service worker: either may
  // be stopped at any time, so nothing that matters is kept only in memory.
  type: 'module',
  main() {
    // The bundle is imported statically: Chrome forbids import() in service workers, so it cannot
    // be a lazy chunk. It is only read (copied into the store) when a seeding needs it.
    const store = createStoreAccess({ loadBundled: () => bundledData, log: console });
    listenForLifecycle(store);
    listenForLookups(store);
    listenForTabs();
    listenForCommands();
    listen(toBackground, createBackgroundHandlers({ store, log: console }));
  },
});

const reportStoreError = (error: unknown) =>
  console.error(`${LOG_PREFIX} could not prepare the store`, error);

/** Install, start-up, settings and permission changes, and the daily data-update alarm. */
function listenForLifecycle(store: StoreAccess): void {
  // Chrome keeps context menus across restarts, Firefox's event page recreates them on start:
  // registering replaces any existing item, so doing it on both events is safe in both browsers.
  const createMenu = async () => {
    try {
      await registerLookupMenu(browser.contextMenus, t('lookupMenuTitle'));
    } catch (error) {
      console.warn(`${LOG_PREFIX} could not create the lookup menu`, error);
    }
  };
  // Data updates (off by default): a daily alarm while the user has them on.
  const scheduleUpdates = () =>
    getSettings()
      .then(syncDataUpdateAlarm)
      .catch((error: unknown) => console.warn(`${LOG_PREFIX} could not schedule data updates`, error));
  // Where the content script runs by itself: the mode, the allow list and the granted access.
  const loadAccess = async () => ({ settings: await getSettings(), access: await readAccess() });
  const syncContentScript = createRegistrationSync(loadAccess);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // Install and update are when the bundled data can change: install it if its version differs.
    if (reason === 'install' || reason === 'update') store.syncBundled().catch(reportStoreError);
    void createMenu();
    void scheduleUpdates();
    void syncContentScript();
    // No host access is asked for at install: the welcome page explains and offers it.
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.runtime.onStartup.addListener(() => {
    // Opening repairs a corrupted or deleted database from the bundled data, with a log line.
    store.get().catch(reportStoreError);
    void createMenu();
    void scheduleUpdates();
    void syncContentScript();
  });
  onSettingsChanged((settings) => {
    void syncDataUpdateAlarm(settings).catch(reportStoreError);
    void syncContentScript();
  });
  // Granted (welcome page, popup, options) or revoked (Firefox's add-ons manager, Chrome's site
  // access menu): follow it. A grant also annotates the open tabs it covers, without a reload.
  browser.permissions.onAdded.addListener(() => {
    void syncContentScript()
      .then(loadAccess)
      .then(({ settings, access }) => injectIntoOpenTabs(access, settings))
      .catch(reportStoreError);
  });
  browser.permissions.onRemoved.addListener(() => void syncContentScript().catch(reportStoreError));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== DATA_UPDATE_ALARM) return;
    void store
      .get()
      .then((db) => runDataUpdate({ db, fetch: (input, init) => fetch(input, init), log: console }))
      .catch((error: unknown) => console.warn(`${LOG_PREFIX} the data update check failed`, error));
  });
}

/** "Check “%s” in the letter's signatories": the card next to the selection, else the popup. */
function listenForLookups(store: StoreAccess): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const target = lookupTargetOf(info, tab);
    if (!target) return;
    // Firefox opens the popup only during the click's handler, before any await: when the page
    // cannot host the card, open it now; it shows the answer once stored.
    const popup = target.pageCanHost ? null : openPopupNow();
    runLookup({ db: () => store.get(), openPopup: popup ? () => popup : undefined }, target).catch(
      (error: unknown) => console.warn(`${LOG_PREFIX} the lookup failed`, error),
    );
  });
}

/** A tab's report describes one page: forget it when the tab leaves that page or closes. */
function listenForTabs(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // (A load, not only a URL change: a reload is a new page too, and needs no "tabs" permission.)
    if (change.status === 'loading') void tabReportItem(tabId).remove();
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabReportItem(tabId).remove());
}

/**
 * Keyboard access to the marks: highlights cannot take focus, so a shortcut walks them.
 * (Firefox for Android has no commands API; the popup's list is the way there.)
 */
function listenForCommands(): void {
  browser.commands?.onCommand.addListener((command) => {
    const step = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (step === 0) return;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => (tab?.id === undefined ? undefined : focusMentionIn(tab.id, step)))
      .catch(() => undefined);
  });
}

async function focusMentionIn(tabId: number, step: 1 | -1): Promise<void> {
  const moved = await sendToTab(tabId, 'focusMention', { step }).catch(() => null);
  if (moved?.ok) return;
  // Not read yet ("only when I click", or no access): the shortcut grants activeTab, so it
  // reads the page first, like "Scan this page". A restricted page stays as it is.
  if (!(await ensureContentScript(tabId))) return;
  await sendToTab(tabId, 'scanPage', null);
  await sendToTab(tabId, 'focusMention', { step });
}
