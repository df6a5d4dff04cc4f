/**
 * The contract between the content script and the card script. The card's code (Preact, the
 * components, their CSS, positioning) is injected only when a card first opens, so pages where
 * nobody opens one never pay for it. Both scripts run in the extension's isolated world of the same
 * frame, which shares one global object the page cannot see: the card script publishes its API
 * there under a registry symbol.
 */
import type { MentionRef } from '../match';

export const CARD_API_KEY = Symbol.for('undersigned.card-api');

export interface CardRequest {
  ref: MentionRef;
  /** The mention's current box, read on every reposition (the page may scroll or reflow). */
  anchorRect: () => DOMRect;
  /** An element near the mention, for scroll-container tracking. */
  contextElement: Element | null;
  /** Opened from the keyboard: move focus into the card and give it back on close. */
  takeFocus: boolean;
  /** The letter paragraph most relevant to this mention, if known. */
  paragraph?: number;
  /** For a topic, the words as found on the page ("fair use"), shown as the card's heading. */
  term?: string;
  /**
   * Opened by the context-menu lookup: the selection as looked up. When `found` is false the
   * data has nobody by that name (`ref.id` is empty) and the card says "not found".
   */
  lookup?: { query: string; found: boolean };
}

export interface CardApi {
  open(request: CardRequest): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** Whether a node belongs to the card (for hover tracking and mutation filtering). */
  contains(node: Node | null): boolean;
}

export function publishedCardApi(): CardApi | undefined {
  return (globalThis as Record<symbol, CardApi | undefined>)[CARD_API_KEY];
}

export function publishCardApi(api: CardApi | undefined): void {
  (globalThis as Record<symbol, CardApi | undefined>)[CARD_API_KEY] = api;
}
