/**
 * The one way a message reaches a handler, in the background and in the content script alike:
 * the sender must be this extension, the message `{ type, data }` a known type whose payload
 * passes the contract's check, and a message reserved to the extension's own pages must come from
 * one. Anything else is refused with a reply saying why, before any handler runs; a handler that
 * fails is refused the same way, so nothing a sender does surfaces as an error in a listener.
 */
import { browser, type Browser } from 'wxt/browser';
import { isRecord, type Guard } from './guards';

export type Sender = Browser.runtime.MessageSender;

export type Payload<Map, K extends keyof Map> = Map[K] extends [infer P, unknown] ? P : never;
export type Reply<Map, K extends keyof Map> = Map[K] extends [unknown, infer R] ? R : never;
export type Message<Map, K extends keyof Map = keyof Map> = K extends keyof Map
  ? { type: K; data: Payload<Map, K> }
  : never;

export type Handlers<Map, S = Sender> = {
  [K in keyof Map]: (data: Payload<Map, K>, sender: S) => Reply<Map, K> | Promise<Reply<Map, K>>;
};

/** A message map's runtime half: each type's payload check, and who may send it. */
export interface Contract<Map> {
  payloads: { [K in keyof Map]-?: Guard<Payload<Map, K>> };
  /** Types answered only to the extension's own pages: a content script runs inside a web page. */
  extensionPagesOnly?: readonly (keyof Map)[];
}

/** The reply to a message that was not handled, and why. */
export interface Refusal {
  refused: 'malformed' | 'unknown-type' | 'not-allowed' | 'failed';
  detail: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return isRecord(value) && typeof value.refused === 'string' && typeof value.detail === 'string';
}

/** Our own pages (popup, options, welcome), as opposed to a content script in a web page. */
export function isExtensionPage(sender: Sender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

const refuse = (refused: Refusal['refused'], detail: string): Promise<Refusal> =>
  Promise.resolve({ refused, detail });

/**
 * Checks `message` against `contract` and runs its handler. Returns undefined (no reply at all)
 * for a sender that is not this extension; otherwise a promise of the reply or of a Refusal.
 */
export function dispatch<Map>(
  contract: Contract<Map>,
  handlers: Handlers<Map>,
  message: unknown,
  sender: Sender,
): Promise<unknown> | undefined {
  if (sender.id !== browser.runtime.id) return undefined;
  if (!isRecord(message) || typeof message.type !== 'string') {
    return refuse('malformed', 'a message is { type, data }');
  }
  const type = message.type as keyof Map & string;
  if (!Object.prototype.hasOwnProperty.call(contract.payloads, type)) {
    return refuse('unknown-type', `no message type "${type.slice(0, 60)}"`);
  }
  if (!contract.payloads[type](message.data)) return refuse('malformed', `${type}: unexpected payload`);
  if (contract.extensionPagesOnly?.includes(type) && !isExtensionPage(sender)) {
    return refuse('not-allowed', `${type} is only answered to the extension's own pages`);
  }
  const handler = handlers[type] as (data: unknown, sender: Sender) => unknown;
  return (async () => {
    try {
      return await handler(message.data, sender);
    } catch (error) {
      return { refused: 'failed', detail: String(error) } satisfies Refusal;
    }
  })();
}

/** Answers runtime messages through `dispatch`; returns the function that stops listening. */
export function listen<Map>(contract: Contract<Map>, handlers: Handlers<Map>): () => void {
  const onMessage = (message: unknown, sender: Sender) => dispatch(contract, handlers, message, sender);
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

/** A refusal received by a sender, as the error its promise rejects with. */
export class MessageRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
    this.name = 'MessageRefused';
  }
}
