/**
 * Messages handled by the background (lib/background/handlers.ts): each type's payload and reply,
 * and beside them the check every payload passes before a handler sees it (lib/messaging/dispatch.ts).
 */
import type { DataBundle, Entity, Letter, Topic } from '../data/model';
import type { MentionRef } from '../match';
import type { Settings } from '../settings/model';
import type { HistoryEntry } from '../store/history';
import type { PeopleSearchResult } from '../store/search';
import type { Contract } from './dispatch';
import { isMentionRef, type PageReport } from './to-content';

export type { PageReport };
import {
  arrayOf,
  isBoolean,
  isFiniteNumber,
  isInteger,
  isNone,
  isRecord,
  isString,
  optional,
  shape,
  type Guard,
} from './guards';

/** Which extension and data set run, and the facts about the data the popup and options show. */
export interface ExtensionInfo {
  extensionVersion: string;
  dataVersion: string;
  signatoriesPublished: number;
  /** The installed letter; null when the store has none. */
  letter: Letter | null;
  counts: DataBundle['counts'];
  /** The data set's compilation date (ISO). */
  dataDate: string;
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

/** Why a downloaded data set was refused (lib/store/update.ts). */
export type RejectReason = 'too-large' | 'invalid-json' | 'wrong-schema' | 'not-newer';

/** What a data update check did: the checkDataUpdate reply, and the last one kept in storage. */
export type UpdateResult =
  | { status: 'disabled' }
  | { status: 'updated'; version: string }
  | { status: 'not-modified' }
  | { status: 'rejected'; reason: RejectReason; detail: string }
  | { status: 'failed'; detail: string };

/** Messages handled by the background: type → [payload, reply]. */
export interface ToBackground {
  /** Popup/options/content: which extension and data version is running, with the data's facts. */
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

const isMentionCount = shape({ id: isString, mentions: isFiniteNumber });

export const isPageReport: Guard<PageReport> = shape({
  url: isString,
  title: isString,
  people: arrayOf(isMentionCount, 10_000),
  topics: arrayOf(isMentionCount, 10_000),
  classification: shape({ aiCopyright: isBoolean, letter: isBoolean, otherInitiative: isBoolean }),
  unmarked: optional(shape({ topicsOffPage: isFiniteNumber, hiddenByLevel: isFiniteNumber })),
});

const isTabId = shape({ tabId: isInteger });

export const toBackground: Contract<ToBackground> = {
  payloads: {
    getInfo: isNone,
    reportPage: isPageReport,
    getTabReport: isTabId,
    searchPeople: shape({ query: isString, limit: optional(isFiniteNumber) }),
    getEntity: shape({ id: isString }),
    getLetter: isNone,
    getHistory: shape({
      entityId: optional(isString),
      since: optional(isFiniteNumber),
      limit: optional(isFiniteNumber),
    }),
    clearHistory: isNone,
    getSettings: isNone,
    // Each field is checked (and an invalid one dropped) by setSettings itself.
    setSettings: (value): value is Partial<Settings> => isRecord(value),
    checkDataUpdate: isNone,
    getCardData: shape({ ref: isMentionRef }),
    scanTab: isTabId,
    injectCard: isNone,
    getLookupCardData: isNone,
    lookupSelection: shape({ tabId: isInteger, frameId: isInteger, text: isString }),
  },
  extensionPagesOnly: [
    'getHistory',
    'clearHistory',
    'setSettings',
    'checkDataUpdate',
    'scanTab',
    'lookupSelection',
  ],
};
