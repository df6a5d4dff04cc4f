/**
 * What the e2e tests read from a page (in its main world) and from the toolbar: the marked texts,
 * the open card, where a text is, selecting it, and the badge.
 */
import type { Page } from 'puppeteer-core';
import type { E2E } from '../harness';

/** Every marked text on the page, as "highlight-name:text", as the page itself sees the registry. */
export function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((highlight, name) => {
      for (const r of highlight as unknown as Iterable<AbstractRange>) {
        // The highlighter paints StaticRanges, which have no toString.
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(`${name}:${range.toString().replace(/\s+/g, ' ')}`);
      }
    });
    return out.sort();
  });
}

export function badgeText(t: E2E, tabId: number): Promise<string> {
  return t.background.evaluate((api, id) => api.action.getBadgeText({ tabId: id }), tabId);
}

/** The open card's text and the test id of its root, read through its open shadow root. */
export function cardState(page: Page): Promise<{ testId: string | null; text: string } | null> {
  return page.evaluate(() => {
    const host = document.querySelector('undersigned-card');
    const root = host?.shadowRoot?.querySelector('[role="dialog"]');
    return root ? { testId: root.getAttribute('data-testid'), text: root.textContent ?? '' } : null;
  });
}

/**
 * Finds the first occurrence of `text` in the page and either selects it (as a reader's drag
 * would) or scrolls it into view and gives the centre of its first line box (a name may wrap, and
 * the middle of its bounding box is then between lines). One in-page function for both, since
 * page.evaluate cannot call helpers of the test.
 */
function atText(page: Page, text: string, action: 'point' | 'select') {
  return page.evaluate(
    (wanted, act) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        if (act === 'select') {
          const selection = document.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          return null;
        }
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0] as DOMRect;
        return { x: rect.left + Math.min(rect.width / 2, 12), y: rect.top + rect.height / 2 };
      }
      throw new Error(`"${wanted}" is not on the page`);
    },
    text,
    action,
  );
}

/** The centre of the first occurrence of `text` in the page, scrolled into view. */
export async function pointOf(page: Page, text: string): Promise<{ x: number; y: number }> {
  return (await atText(page, text, 'point'))!;
}

/** Selects the first occurrence of `text` in the page. */
export async function selectText(page: Page, text: string): Promise<void> {
  await atText(page, text, 'select');
}

/**
 * Hover needs the page in front: hit-testing runs in animation frames, which browsers pause in
 * background tabs (and the harness opens extension pages of its own).
 */
export async function inFront(page: Page): Promise<Page> {
  await page.bringToFront();
  return page;
}

/** The card's distance from every viewport edge (entrypoints/card.content.tsx), in CSS px. */
export const CARD_MARGIN = 8;

export interface CardGeometry {
  card: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
}

/** The open card's rectangle (inside its shadow root) and the viewport it must fit, or null. */
export function cardGeometry(page: Page): Promise<CardGeometry | null> {
  return page.evaluate(() => {
    const root = document.querySelector('undersigned-card')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!root) return null;
    const { left, top, right, bottom } = root.getBoundingClientRect();
    const html = document.documentElement;
    return {
      card: { left, top, right, bottom },
      viewport: { width: html.clientWidth, height: html.clientHeight },
    };
  });
}

/** Where a card's rectangle leaves the viewport less the margin ('' when it fits). */
export function cardOverflow({ card, viewport }: CardGeometry, margin = CARD_MARGIN): string {
  // Half a pixel for subpixel layout.
  const slack = margin - 0.5;
  const out = [
    card.left < slack && `left ${card.left}`,
    card.top < slack && `top ${card.top}`,
    card.right > viewport.width - slack && `right ${card.right} of ${viewport.width}`,
    card.bottom > viewport.height - slack && `bottom ${card.bottom} of ${viewport.height}`,
  ];
  return out.filter(Boolean).join(', ');
}

/**
 * Waits for the open card to settle inside the viewport with the margin (it is placed a frame
 * after it renders, and again when its data arrives) and fails with where it sticks out.
 */
export async function expectCardInViewport(t: E2E, page: Page): Promise<CardGeometry> {
  let last: CardGeometry | null = null;
  try {
    return await t.poll(
      'the card inside the viewport',
      async () => {
        const previous = JSON.stringify(last);
        last = await cardGeometry(page);
        // Settled: the same rectangle twice in a row, so a card that grows later is not passed early.
        const settled = JSON.stringify(last) === previous;
        return last && settled && !cardOverflow(last) ? last : undefined;
      },
      { timeoutMs: 3_000 },
    );
  } catch {
    const where = last ? cardOverflow(last) : 'no card open';
    throw new Error(`The card is not inside the viewport with a ${CARD_MARGIN} px margin: ${where}`);
  }
}
