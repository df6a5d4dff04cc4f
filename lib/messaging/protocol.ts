/**
 * Every message exchanged between the content script, the popup, the options page and the
 * background, in one place. A message is `{ type, data }`; the map below gives each type's payload
 * and reply, so a sender and its handler cannot drift apart.
 *
 * Direction is part of the name's section: "to background" messages are handled by
 * entrypoints/background, "to content" ones by entrypoints/content.
 */
import { browser } from 'wxt/browser';

/** What the content script found on a page, as the background and the popup see it. */
export interface PageReport {
  url: string;
  title: string;
  /** Entity ids with how many times each is mentioned on the page. */
  people: { id: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  classification: { aiCopyright: boolean; letter: boolean; otherInitiative: boolean };
}

export interface ExtensionInfo {
  extensionVersion: string;
  dataVersion: string;
  signatoriesPublished: number;
}

/** Messages handled by the background: type → [payload, reply]. */
export interface ToBackground {
  /** Popup/options/content: which extension and data version is running. */
  getInfo: [null, ExtensionInfo];
  /** Content script: the results of scanning the page it runs in (the tab comes from the sender). */
  reportPage: [PageReport, { ok: true }];
  /** Popup: what the content script reported for a tab, if anything. */
  getTabReport: [{ tabId: number }, PageReport | null];
}

/** Messages handled by the content script in a tab. */
export interface ToContent {
  /** Popup: report the page again (used when the popup opens). */
  getReport: [null, PageReport];
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
): Promise<Reply<ToContent, K>> {
  return (await browser.tabs.sendMessage(tabId, { type, data })) as Reply<ToContent, K>;
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
