/**
 * Every message exchanged between the content script, the popup, the options page and the
 * background, in one place. A message is `{ type, data }`; the map below gives each type's payload
 * and reply, so a sender and its handler cannot drift apart.
 *
 * Direction is part of the name's section: "to background" messages are handled by
 * entrypoints/background, "to content" ones by entrypoints/content.
 */
import { browser } from 'wxt/browser';
import type { DataBundle, Entity, Letter, Topic } from '../data/model';
import type { MentionRef } from '../match';
import type { HistoryEntry } from '../store/history';
import type { PeopleSearchResult } from '../store/search';
import type { Settings } from '../store/settings';
import type { UpdateResult } from '../store/update';

/** What the content script found on a page, as the background and the popup see it. */
export interface PageReport {
  url: string;
  title: string;
  /**
   * What the page shows: the people and topics marked under the reader's mark level, each with how
   * many times it is marked (the badge, the popup, the export and the history count only these).
   */
  people: { id: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  classification: { aiCopyright: boolean; letter: boolean; otherInitiative: boolean };
  /**
   * Found but not marked, as numbers of distinct ids: topics on a page not about AI and copyright
   * (never marked there), and organisations and topics the mark level leaves out.
   */
  unmarked?: { topicsOffPage: number; hiddenByLevel: number };
}

export interface ExtensionInfo {
  extensionVersion: string;
  dataVersion: string;
  signatoriesPublished: number;
}

/** Everything a card shows, from the installed data set. */
export interface CardData {
  entity: Entity | null;
  topic: Topic | null;
  letter: Letter;
  counts: DataBundle['counts'];
  /** The data set's compilation date, shown in the card's footer. */
  dataDate: string;
}

/** Messages handled by the background: type → [payload, reply]. */
export interface ToBackground {
  /** Popup/options/content: which extension and data version is running. */
  getInfo: [null, ExtensionInfo];
  /** Content script: the results of scanning the page it runs in (the tab comes from the sender). */
  reportPage: [PageReport, { ok: true }];
  /** Popup: what the content script reported for a tab, if anything. */
  getTabReport: [{ tabId: number }, PageReport | null];
  /** Popup: people whose name or alias matches, forgiving case, accents and small typos; best first. */
  searchPeople: [{ query: string; limit?: number }, PeopleSearchResult[]];
  /** Popup, card: one person or organisation of the installed data set. */
  getEntity: [{ id: string }, Entity | null];
  /** Popup: the letter as the installed data set describes it. */
  getLetter: [null, Letter | null];
  /**
   * Popup (extension pages only): reading history, newest first; for one entity when `entityId`
   * is given ("where did I read about X"), else the most recent pages. `since` is ms since epoch.
   */
  getHistory: [{ entityId?: string; since?: number; limit?: number }, HistoryEntry[]];
  /** Options/popup (extension pages only): forget the whole reading history. */
  clearHistory: [null, { ok: true }];
  /** Any context: the settings in force (content scripts may also read storage.local directly). */
  getSettings: [null, Settings];
  /** Options/popup (extension pages only): change some settings; replies with all of them. */
  setSettings: [Partial<Settings>, Settings];
  /** Options (extension pages only): check the data update URL now. */
  checkDataUpdate: [null, UpdateResult];
  /** Card script: what to show for a person or topic found on the page. */
  getCardData: [{ ref: MentionRef }, CardData | null];
  /**
   * Popup (extension pages only), "Scan this page": run the content script in the tab if it does
   * not run there yet (activeTab or a site grant lets the background inject it), then scan.
   * `ok: false` when the browser refuses: no access to the page, or a restricted page.
   */
  scanTab: [{ tabId: number }, { ok: boolean }];
  /** Content script: inject the card script into the sender's frame (first card on a page). */
  injectCard: [null, { ok: boolean }];
  /** Card script: the letter facts a "not found" lookup card shows (no person, no topic). */
  getLookupCardData: [null, CardData | null];
  /**
   * Extension pages only (the e2e suite; the context menu calls the same function directly):
   * look a selected text up and show the answer in that frame, or in the popup.
   */
  lookupSelection: [{ tabId: number; frameId: number; text: string }, LookupOutcome];
}

/** A selection looked up in the store (lib/background/lookup.ts). */
export interface LookupResult {
  /** The selection as shown to the reader, trimmed of quotes and possessives. */
  query: string;
  /** The one person or organisation it names, or null when the data has nobody by that name. */
  entityId: string | null;
  /** How it matched: the exact name or an alias (folded), one small typo in a full name, or not. */
  match: 'exact' | 'close' | 'none';
}

/** Where a lookup's answer was shown. */
export interface LookupOutcome extends LookupResult {
  shownIn: 'page' | 'popup' | 'nowhere';
}

/** Messages handled by the content script in a tab. */
export interface ToContent {
  /** Popup: report the page again (used when the popup opens). */
  getReport: [null, PageReport];
  /** Popup ("Scan this page"): read and mark this page even if the settings would not. */
  scanPage: [null, { ok: boolean }];
  /** Background (keyboard command): move to the next or previous mention and open its card. */
  focusMention: [{ step: 1 | -1 }, { ok: boolean }];
  /** Popup: scroll to the first mention of a person or topic and open its card. */
  revealMention: [{ ref: MentionRef }, { ok: boolean }];
  /** Background (context menu): open the card for a looked-up selection next to the selection. */
  showLookup: [{ query: string; entityId: string | null }, { ok: boolean }];
}

export type Message<Map, K extends keyof Map = keyof Map> = K extends keyof Map
  ? { type: K; data: Payload<Map, K> }
  : never;
type Payload<Map, K extends keyof Map> = Map[K] extends [infer P, unknown] ? P : never;
export type Reply<Map, K extends keyof Map> = Map[K] extends [unknown, infer R] ? R : never;

export type Handlers<Map, Sender> = {
  [K in keyof Map]: (data: Payload<Map, K>, sender: Sender) => Reply<Map, K> | Promise<Reply<Map, K>>;
};

export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  data: Payload<ToBackground, K>,
): Promise<Reply<ToBackground, K>> {
  return (await browser.runtime.sendMessage({ type, data })) as Reply<ToBackground, K>;
}

export async function sendToTab<K extends keyof ToContent>(
  tabId: number,
  type: K,
  data: Payload<ToContent, K>,
  options?: { frameId?: number },
): Promise<Reply<ToContent, K>> {
  const message = { type, data };
  // Only with a frame: an `options` argument of undefined is not the same as none in every browser.
  return (await (options?.frameId === undefined
    ? browser.tabs.sendMessage(tabId, message)
    : browser.tabs.sendMessage(tabId, message, { frameId: options.frameId }))) as Reply<ToContent, K>;
}

/** A message's outer shape, checked before any handler sees it: pages can post anything. */
export function isMessageOf<Map extends object>(
  handlers: Map,
  value: unknown,
): value is { type: keyof Map & string; data: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(handlers, type);
}
