/**
 * The one contract for everything that crosses between the content script, the popup, the options
 * page and the background:
 *   to-background.ts  messages the background handles: payload, reply, and each payload's check
 *   to-content.ts     messages the content script handles, the same way (small: it ships on pages)
 *   dispatch.ts       the one path from a listener to a handler, which refuses anything malformed
 *   storage.ts        every browser.storage key, typed and checked
 * This module is the senders' side: a message is `{ type, data }`, typed by the maps, so a sender
 * and its handler cannot drift apart. A refused message rejects the sender's promise.
 */
import { browser } from 'wxt/browser';
import { isRefusal, MessageRefused, type Payload, type Reply } from './dispatch';
import type { ToBackground } from './to-background';
import type { ToContent } from './to-content';

export type { Handlers, Message, Payload, Refusal, Reply } from './dispatch';
export { MessageRefused } from './dispatch';
export type { CardData, ExtensionInfo, LookupOutcome, LookupResult, ToBackground } from './to-background';
export type { LookupMessage, PageReport, ToContent } from './to-content';

function accepted<R>(reply: unknown): R {
  if (isRefusal(reply)) throw new MessageRefused(reply);
  return reply as R;
}

export async function sendToBackground<K extends keyof ToBackground>(
  type: K,
  data: Payload<ToBackground, K>,
): Promise<Reply<ToBackground, K>> {
  return accepted(await browser.runtime.sendMessage({ type, data }));
}

export async function sendToTab<K extends keyof ToContent>(
  tabId: number,
  type: K,
  data: Payload<ToContent, K>,
  options?: { frameId?: number },
): Promise<Reply<ToContent, K>> {
  const message = { type, data };
  // Only with a frame: an `options` argument of undefined is not the same as none in every browser.
  return accepted(
    await (options?.frameId === undefined
      ? browser.tabs.sendMessage(tabId, message)
      : browser.tabs.sendMessage(tabId, message, { frameId: options.frameId })),
  );
}
