/**
 * The background's message handlers, kept free of listener plumbing so that unit tests call them
 * directly. Per-tab reports live in `storage.session`, which survives the service worker (or
 * Firefox's event page) being stopped, and is cleared when the browser closes.
 */
import { browser, type Browser } from 'wxt/browser';
import { bundledData } from '../data/bundled';
import type { Handlers, PageReport, ToBackground } from '../messaging/protocol';

type Sender = Browser.runtime.MessageSender;

const tabKey = (tabId: number) => `tab:${tabId}`;

export function createBackgroundHandlers(): Handlers<ToBackground, Sender> {
  return {
    getInfo: () => ({
      extensionVersion: browser.runtime.getManifest().version,
      dataVersion: bundledData.version,
      signatoriesPublished: bundledData.counts.signatoriesPublished,
    }),
    reportPage: async (report, sender) => {
      const tabId = sender.tab?.id;
      // Only the top frame speaks for the tab; frames' reports would overwrite it.
      if (tabId !== undefined && (sender.frameId ?? 0) === 0) {
        await browser.storage.session.set({ [tabKey(tabId)]: report });
      }
      return { ok: true } as const;
    },
    getTabReport: async ({ tabId }) => {
      const key = tabKey(tabId);
      const stored = await browser.storage.session.get(key);
      return (stored[key] as PageReport | undefined) ?? null;
    },
  };
}
