/**
 * The context-menu lookup: "Check “%s” in the letter's signatories" on selected text.
 *
 * Matching is deliberately stricter than the popup's search, because its answer is a card that
 * says "Signed the letter" next to the reader's own selection: a wrong "signed" about a real
 * person is the worst bug this extension can have, while a missed match only costs a retry.
 *   1. The selection, cleaned (surrounding quotes and brackets, trailing punctuation, a possessive
 *      "’s"/"'s"/"s’"), is folded and looked up in the name index: the exact name or an alias of
 *      exactly one entity. "Alfonso Cuaron" finds Alfonso Cuarón; "OSTP" finds the office.
 *   2. Else, a full name (two words or more) with ONE small typo in one long word (five letters or
 *      more) of a name or alias with as many words, if exactly one entity is that close:
 *      "Maggie Gylenhaal" finds Maggie Gyllenhaal. Searched among searchPeople's results.
 *   3. Nothing else. In particular a bare surname ("Scott", "Simon", "Wachowski") or a first name
 *      is never resolved to a person: the page may be about another Scott, and "Wachowski" names
 *      two people with different statuses. Those, and unknown names, get the "not found among the
 *      published names" card, which claims nothing about the person.
 */
import { browser, type Browser } from 'wxt/browser';
import { sendToTab, type LookupOutcome, type LookupResult } from '../messaging/protocol';
import { lookupItem } from '../messaging/storage';
import type { StoreDB } from '../store/db';
import { foldName } from '../store/fold';
import { editDistance, findByName, searchPeople } from '../store/search';
import { ensureContentScript } from './registration';

export const LOOKUP_MENU_ID = 'undersigned-lookup';

/** Longer selections are not a name; the card's heading shows at most this much. */
const MAX_QUERY_CHARS = 80;
const MAX_NAME_WORDS = 6;
/** Words shorter than this must be spelled exactly ("Lana" is not a typo of "Lily"). */
const MIN_TYPO_WORD = 5;

const OPENERS = `"'“‘«‹„‚([{`;
const CLOSERS = `"'”’»›)]}.,;:!?…`;

/** The selection as a name: one line, no surrounding quotes or punctuation, no possessive. */
export function cleanSelection(text: string): string {
  let name = text.replace(/\s+/gu, ' ').trim();
  for (let changed = true; changed && name.length > 0;) {
    const before = name;
    while (name.length > 0 && OPENERS.includes(name[0]!)) name = name.slice(1);
    while (name.length > 0 && CLOSERS.includes(name[name.length - 1]!)) name = name.slice(0, -1);
    // Possessives: "Ruffalo’s", "Ruffalo's" (a bare trailing apostrophe is a closer above).
    name = name.replace(/[’']s$/u, '');
    name = name.trim();
    changed = name !== before;
  }
  return name.length > MAX_QUERY_CHARS ? `${name.slice(0, MAX_QUERY_CHARS - 1)}…` : name;
}

/** Total edit distance between two names of as many words, or null when any word is too far. */
function closeness(queryWords: readonly string[], labelWords: readonly string[]): number | null {
  if (queryWords.length !== labelWords.length) return null;
  let total = 0;
  for (let i = 0; i < queryWords.length; i++) {
    const q = queryWords[i]!;
    const l = labelWords[i]!;
    if (q === l) continue;
    if (q.length < MIN_TYPO_WORD || l.length < MIN_TYPO_WORD) return null;
    const d = editDistance(q, l, 1);
    if (d > 1) return null;
    total += d;
  }
  return total;
}

/** Looks a selected text up in the store by the rules above. Pure but for the database reads. */
export async function resolveLookup(db: StoreDB, text: string): Promise<LookupResult> {
  const query = cleanSelection(text);
  const none: LookupResult = { query, entityId: null, match: 'none' };
  const folded = foldName(query);
  if (folded === '' || query.endsWith('…')) return none;
  const words = folded.split(' ');
  if (words.length > MAX_NAME_WORDS) return none;

  const exact = await findByName(db, folded);
  if (exact.length === 1) return { query, entityId: exact[0]!.id, match: 'exact' };
  // Two entities share that name or alias: which one the page means is a guess, so say nothing.
  if (exact.length > 1 || words.length < 2) return none;

  const close = new Set<string>();
  for (const result of await searchPeople(db, query, 50)) {
    const labels = [result.entity.name, ...result.entity.aliases];
    if (labels.some((label) => closeness(words, foldName(label).split(' ')) === 1)) {
      close.add(result.entity.id);
    }
  }
  if (close.size !== 1) return none;
  const [id] = close;
  return { query, entityId: id!, match: 'close' };
}

export interface LookupDeps {
  db: () => Promise<StoreDB>;
  /** Tells the tab's frame to show the card; resolves true if a content script showed it. */
  showInPage?: (tabId: number, frameId: number, result: LookupResult) => Promise<boolean>;
  /** Opens the popup (with the stored result); resolves false when the browser refuses. */
  openPopup?: () => Promise<boolean>;
  now?: () => number;
}

const defaultShowInPage = async (tabId: number, frameId: number, result: LookupResult) => {
  const show = async () => {
    const reply = await sendToTab(
      tabId,
      'showLookup',
      { query: result.query, entityId: result.entityId },
      { frameId },
    );
    return reply?.ok === true;
  };
  try {
    return await show();
  } catch {
    // No content script answers. In the top frame, the menu click granted activeTab: run it there
    // (it shows the card without scanning the page, if the settings keep the site off). Otherwise
    // a PDF viewer, a restricted page or a frame it does not run in: the popup answers.
    if (frameId !== 0 || !(await ensureContentScript(tabId))) return false;
    return show().catch(() => false);
  }
};

/**
 * Opens the toolbar popup; false when the browser refuses. Firefox allows it only while handling
 * the click (before any await), so the menu handler calls it first when the page cannot host a card.
 */
export function openPopupNow(): Promise<boolean> {
  try {
    return browser.action.openPopup().then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

/**
 * The menu click's whole path: resolve, show next to the selection, else store for the popup and
 * open it. Exported for the e2e suite, which cannot click a native menu headless.
 */
export interface LookupTarget {
  tabId: number;
  frameId: number;
  text: string;
  /** False when the page is known to refuse content scripts (see pageCanHostCard). */
  pageCanHost?: boolean;
}

export async function runLookup(deps: LookupDeps, target: LookupTarget): Promise<LookupOutcome> {
  const result = await resolveLookup(await deps.db(), target.text);
  const showInPage = deps.showInPage ?? defaultShowInPage;
  const tryPage = target.tabId >= 0 && target.pageCanHost !== false;
  if (tryPage && (await showInPage(target.tabId, target.frameId, result))) {
    return { ...result, shownIn: 'page' };
  }
  // Where the popup finds it (components/popup/LookupPanel.tsx).
  await lookupItem.set({ ...result, at: (deps.now ?? Date.now)() });
  return { ...result, shownIn: (await (deps.openPopup ?? openPopupNow)()) ? 'popup' : 'nowhere' };
}

type Menus = Pick<typeof Browser.contextMenus, 'create' | 'removeAll'>;

/**
 * Creates the menu item, replacing any left from before: Chrome keeps menus across restarts and
 * updates (a second create with the same id is an error), Firefox's event page must create them on
 * every start. Removing first makes both cases the same.
 */
export async function registerLookupMenu(menus: Menus, title: string): Promise<void> {
  await menus.removeAll();
  await new Promise<void>((resolve) => {
    menus.create({ id: LOOKUP_MENU_ID, title, contexts: ['selection'] }, () => {
      // Read lastError so Chrome does not log it as unchecked; a failure leaves no menu, no crash.
      void browser.runtime.lastError;
      resolve();
    });
  });
}

/** Hosts where browsers never run extensions' content scripts (their add-on stores). */
const RESTRICTED_HOSTS = new Set([
  'chromewebstore.google.com',
  'chrome.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
]);

/**
 * Whether a content script can be running in a frame at this URL: not on the browser's own pages,
 * the add-on stores, or a PDF (shown by the browser's viewer). A guess from the URL only, made
 * before any await; runLookup still falls back to the popup when no content script answers.
 */
export function pageCanHostCard(url: string | undefined): boolean {
  if (!url) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) return false;
  if (RESTRICTED_HOSTS.has(parsed.hostname)) return false;
  return !/\.pdf$/i.test(parsed.pathname);
}

/** A menu click that is ours, on a selection in a tab (not e.g. in the browser's own UI). */
export function lookupTargetOf(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): LookupTarget | null {
  if (info.menuItemId !== LOOKUP_MENU_ID || typeof info.selectionText !== 'string') return null;
  return {
    tabId: tab?.id ?? -1,
    frameId: info.frameId ?? 0,
    text: info.selectionText,
    pageCanHost: pageCanHostCard(info.frameUrl ?? info.pageUrl),
  };
}
