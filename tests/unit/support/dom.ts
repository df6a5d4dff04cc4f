/** DOM set-up for the tests of lib/dom: a page from constant markup, and a mention's text. */
import type { DomMention } from '../../../lib/dom/scan-dom';

/** Builds a test page from constant markup (test fixtures only; the extension never does this). */
export function page(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

/** The page text a mention covers, read back through its DOM positions. */
export function textOf(m: DomMention): string {
  if (m.startNode === m.endNode) return m.startNode.data.slice(m.startOffset, m.endOffset);
  const range = m.startNode.ownerDocument.createRange();
  range.setStart(m.startNode, m.startOffset);
  range.setEnd(m.endNode, m.endOffset);
  return range.toString();
}
