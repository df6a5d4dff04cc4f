/**
 * The card fits the viewport: opened from a mark near the top, the middle and the bottom of a
 * desktop and a phone-sized viewport, in both browsers, its rectangle lies inside the viewport with
 * the margin, below a mark near the top and above one near the bottom.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { cardState, expectCardInViewport } from './support/page';
import { defineE2E, type E2E } from './harness';

const NAME = 'Mark Ruffalo';
const VIEWPORTS = [
  { width: 1200, height: 900 },
  { width: 360, height: 640 },
];
const SPOTS = ['start', 'center', 'end'] as const;

/** Scrolls the name's paragraph to `block` and gives the name's first line box. */
function markAt(page: Page, block: ScrollLogicalPosition) {
  return page.evaluate(
    (wanted, where) => {
      const paragraph = document.getElementById('name')!;
      paragraph.scrollIntoView({ block: where });
      const text = paragraph.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf(wanted));
      range.setEnd(text, text.data.indexOf(wanted) + wanted.length);
      const { left, top, bottom, width } = range.getClientRects()[0] as DOMRect;
      return { left, top, bottom, width };
    },
    NAME,
    block,
  );
}

async function openCardAt(t: E2E, page: Page, block: ScrollLogicalPosition) {
  await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
  await t.poll('the card to close', async () => ((await cardState(page)) === null ? true : undefined));
  const mark = await markAt(page, block);
  await page.mouse.move(mark.left + Math.min(mark.width / 2, 12), (mark.top + mark.bottom) / 2);
  await t.poll(`${NAME}'s card`, async () => (await cardState(page))?.text.includes(NAME) || undefined);
  return mark;
}

defineE2E('the card lies inside the viewport wherever its mark is, on a desktop and a phone', async (t) => {
  const page = await t.open('/pages/card-fit.html');
  await t.waitForTabReport(page);
  await page.bringToFront();
  for (const viewport of VIEWPORTS) {
    await page.setViewport(viewport);
    for (const spot of SPOTS) {
      const mark = await openCardAt(t, page, spot);
      const { card } = await expectCardInViewport(t, page);
      const where = `${viewport.width}x${viewport.height}, mark at ${spot}`;
      // Near the top it opens below the mark; near the bottom it flips above it.
      if (spot === 'start') expect(card.top, where).toBeGreaterThanOrEqual(mark.bottom);
      if (spot === 'end') expect(card.bottom, where).toBeLessThanOrEqual(mark.top);
      if (spot === 'end' && viewport.width === VIEWPORTS[0]!.width)
        await t.screenshot('card-fit-bottom', page);
    }
  }
  await t.screenshot('card-fit-phone', page);
  expect(await t.consoleErrors()).toEqual([]);
});
