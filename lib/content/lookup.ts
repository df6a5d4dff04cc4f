/**
 * The context-menu lookup's card in the page: opened next to the reader's selection, for any text
 * (the page scan need not have marked it). The background has already resolved the selection; this
 * only places the card. Where there is no selection left (the page cleared it), the card opens at
 * the top of the viewport.
 */
import { isLookupMessage, type LookupMessage } from '../messaging/to-content';
import type { CardApi, CardRequest } from './card-api';

/** The payload (the contract's showLookup) as a lookup, or null when it is not one. */
export function toLookupMessage(data: unknown): LookupMessage | null {
  return isLookupMessage(data) ? { query: data.query, entityId: data.entityId } : null;
}

/** The selection's box now, or a point near the top of the viewport when it is gone. */
function selectionAnchor(doc: Document): { anchorRect: () => DOMRect; contextElement: Element | null } {
  const selection = doc.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  const fallback = () => new DOMRect((doc.defaultView?.innerWidth ?? 800) / 2 - 160, 16, 0, 0);
  if (!range || range.collapsed) return { anchorRect: fallback, contextElement: null };
  const start = range.startContainer;
  const contextElement = start.nodeType === 1 ? (start as Element) : start.parentElement;
  return {
    // A cloned range follows its text when the page reflows; a detached one falls back.
    anchorRect: () => {
      const rect = range.getBoundingClientRect();
      return range.startContainer.isConnected && (rect.width > 0 || rect.height > 0) ? rect : fallback();
    },
    contextElement,
  };
}

export function lookupRequest(doc: Document, message: LookupMessage): CardRequest {
  return {
    // An unknown name has no entity: the card shows "not found among the published names".
    ref: { kind: 'entity', id: message.entityId ?? '' },
    lookup: { query: message.query, found: message.entityId !== null },
    takeFocus: false,
    ...selectionAnchor(doc),
  };
}

/** Opens the lookup card; resolves false when the card could not be loaded in this frame. */
export async function showLookup(
  doc: Document,
  data: unknown,
  loadCard: () => Promise<CardApi>,
  signal: AbortSignal,
): Promise<boolean> {
  const message = toLookupMessage(data);
  if (!message || signal.aborted) return false;
  const request = lookupRequest(doc, message);
  try {
    const card = await loadCard();
    if (signal.aborted) return false;
    await card.open(request);
    return true;
  } catch {
    return false;
  }
}
