/**
 * What is marked, in both browsers: by default the seed article marks people and organisations and
 * each topic once; "people only" set in storage repaints the open tab without a reload; the badge
 * and the report count exactly what is marked; a single-outlet signatory has its own highlight;
 * and on a page not about AI and copyright the popup says topics are not marked, offering none.
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { PageReport } from '../../lib/messaging/protocol';
import { badgeText } from './support/page';
import { defineE2E, type E2E } from './harness';

/**
 * Our highlights and how many mentions each draws, as the page itself sees them. A mention that
 * spans inline elements ("<span>Ben</span> <span>Stiller</span>") is painted as one range per text
 * node, in order: ranges with nothing between them are one mention.
 */
function highlightCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('undersigned-') || name === 'undersigned-flash') return;
      let mentions = 0;
      let previous: AbstractRange | null = null;
      for (const r of highlight as unknown as Iterable<AbstractRange>) {
        const between = document.createRange();
        if (previous) {
          between.setStart(previous.endContainer, previous.endOffset);
          between.setEnd(r.startContainer, r.startOffset);
        }
        if (!previous || between.toString() !== '') mentions++;
        previous = r;
      }
      counts[name] = mentions;
    });
    return counts;
  });
}

/** The marked texts of one highlight. */
function textsOf(page: Page, name: string): Promise<string[]> {
  return page.evaluate((wanted) => {
    const highlight = CSS.highlights.get(wanted) as unknown as Iterable<AbstractRange> | undefined;
    return [...(highlight ?? [])].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);
}

/** The report's signatories (signed or organiser, from the installed data), with their marks. */
async function signatoriesOf(t: E2E, report: PageReport): Promise<{ id: string; mentions: number }[]> {
  const out: { id: string; mentions: number }[] = [];
  for (const person of report.people) {
    const entity = await t.sendToBackground('getEntity', { id: person.id });
    if (entity?.status === 'signed' || entity?.status === 'organiser') out.push(person);
  }
  return out;
}

const sum = (list: { mentions: number }[]) => list.reduce((n, x) => n + x.mentions, 0);
const ORGANISATIONS = ['openai', 'google', 'new-york-times'];

async function openSeed(t: E2E): Promise<{ page: Page; tabId: number; report: PageReport }> {
  const page = await t.open('/fixtures/seed.html');
  await page.bringToFront();
  const report = await t.waitForTabReport(page);
  await t.poll('the marks', async () =>
    (await highlightCounts(page))['undersigned-topic'] ? true : undefined,
  );
  return { page, tabId: await t.tabIdOf(page), report };
}

defineE2E(
  'by default each topic is marked once, and the report, the badge and the marks agree',
  async (t) => {
    const { page, tabId, report } = await openSeed(t);
    const counts = await highlightCounts(page);
    // The seed names "copyright" 8 times and "AI" 9 times: each topic is marked at its first mention.
    expect(report.topics.length).toBeGreaterThan(3);
    expect(report.topics.every((topic) => topic.mentions === 1)).toBe(true);
    expect(counts['undersigned-topic']).toBe(report.topics.length);
    // Organisations are marked at the default level.
    expect(report.people.map((p) => p.id)).toEqual(expect.arrayContaining(ORGANISATIONS));

    // The badge is the number of signatories marked; their marks are exactly the report's count.
    const signatories = await signatoriesOf(t, report);
    expect(signatories.length).toBeGreaterThan(5);
    const badge = await t.poll('the badge', async () => (await badgeText(t, tabId)) || undefined);
    expect(badge).toBe(String(signatories.length));
    const signatoryMarks =
      (counts['undersigned-signed'] ?? 0) +
      (counts['undersigned-signed-single'] ?? 0) +
      (counts['undersigned-organiser'] ?? 0);
    expect(signatoryMarks).toBe(sum(signatories));
    // Every mark on the page is one counted mention, and every counted mention is marked.
    const all = Object.values(counts).reduce((n, c) => n + c, 0);
    expect(all).toBe(sum(report.people) + sum(report.topics));
    expect(await t.consoleErrors()).toEqual([]);
  },
);

defineE2E('a signatory named by one outlet has a highlight of its own', async (t) => {
  const { page } = await openSeed(t);
  // Patton Oswalt is named by one outlet in the data set.
  const entity = await t.sendToBackground('getEntity', { id: 'patton-oswalt' });
  expect(entity?.outlets).toBe(1);
  expect(await textsOf(page, 'undersigned-signed-single')).toContain('Patton Oswalt');
  expect(await textsOf(page, 'undersigned-signed')).not.toContain('Patton Oswalt');
  expect(await textsOf(page, 'undersigned-signed')).toContain('Mark Ruffalo');
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if ((node as Text).data.includes('Patton Oswalt')) {
        node.parentElement?.scrollIntoView({ block: 'center' });
        return;
      }
    }
  });
  await t.screenshot('mark-single-outlet', page);
});

defineE2E('"people only" set in storage repaints the open tab at once, without a reload', async (t) => {
  const { page, tabId, report: before } = await openSeed(t);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  try {
    await t.sendToBackground('setSettings', { markLevel: 'people' });
    const report = await t.poll('the people-only report', async () => {
      const r = await t.tabReport(page);
      return r && r.topics.length === 0 && !r.people.some((p) => ORGANISATIONS.includes(p.id))
        ? r
        : undefined;
    });
    const counts = await t.poll('the repaint', async () => {
      const c = await highlightCounts(page);
      return c['undersigned-topic'] ? undefined : c;
    });
    expect(counts['undersigned-topic']).toBeUndefined();
    // The only actor left is a person (Donald Trump): no organisation is marked.
    const actors = await textsOf(page, 'undersigned-actor');
    expect(actors.length).toBeGreaterThan(0);
    for (const text of actors) expect(text).not.toMatch(/OpenAI|Google|New York Times/);
    expect(report.people.length).toBe(before.people.length - ORGANISATIONS.length);
    expect(report.unmarked?.hiddenByLevel).toBe(ORGANISATIONS.length + before.topics.length);
    // No reload happened, and the badge still counts the signatories.
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    expect(await badgeText(t, tabId)).toBe(String((await signatoriesOf(t, report)).length));
    await t.screenshot('marks-people-only', page);

    // And back: the topics return, still once each.
    await t.sendToBackground('setSettings', { markLevel: 'people-organisations' });
    const restored = await t.poll('the topics back', async () => {
      const c = await highlightCounts(page);
      return c['undersigned-topic'] ? c : undefined;
    });
    expect(restored['undersigned-topic']).toBe(before.topics.length);
  } finally {
    await t.sendToBackground('setSettings', { markLevel: 'people-organisations' });
  }
});

defineE2E(
  'on a page not about AI and copyright the popup says topics are not marked, offering none',
  async (t) => {
    const page = await t.open('/pages/ordinary.html');
    const report = await t.waitForTabReport(page);
    expect(report.classification.aiCopyright).toBe(false);
    expect(report.people.map((p) => p.id)).toEqual(['ben-stiller']);
    expect(report.topics).toEqual([]);
    expect(report.unmarked?.topicsOffPage).toBeGreaterThan(0);
    await t.poll('the marks', async () =>
      (await highlightCounts(page))['undersigned-signed'] ? true : undefined,
    );
    expect((await highlightCounts(page))['undersigned-topic']).toBeUndefined();

    const popup = await t.openPopup({ tabId: await t.tabIdOf(page) });
    const note = await t.textOf(popup, '[data-testid="topics-off-page"]');
    expect(note).toMatch(/not about AI and copyright, so topics are not marked here/);
    expect(await popup.$$('[data-testid="roster-topic"]')).toHaveLength(0);
    expect(
      await popup.$('[data-testid="topics-off-page"] button, [data-testid="topics-off-page"] a'),
    ).toBeNull();
    expect(await popup.$('[data-testid="roster-person"][data-id="ben-stiller"]')).not.toBeNull();
    await t.screenshot('popup-ordinary-page', popup);
    expect(await t.consoleErrors()).toEqual([]);
  },
);

defineE2E('the legend lists every mark in the popup and the options page, light and dark', async (t) => {
  const { tabId } = await openSeed(t);
  const popup = await t.openPopup({ tabId, height: 760 });
  await popup.waitForSelector('[data-testid="popup-legend"] summary');
  // Keyboard: the legend opens from its summary like any disclosure.
  await popup.focus('[data-testid="popup-legend"] summary');
  await popup.keyboard.press('Enter');
  await t.poll('the open legend', () =>
    popup.evaluate(
      () => (document.querySelector('[data-testid="popup-legend"]') as HTMLDetailsElement).open || undefined,
    ),
  );
  const categories = () =>
    popup.evaluate(() =>
      [...document.querySelectorAll('[data-testid="popup-legend"] [data-category]')].map((row) =>
        row.getAttribute('data-category'),
      ),
    );
  // The legend's rows, strongest claim first.
  const legendOrder = ['signed', 'signedSingle', 'organiser', 'actor', 'unconfirmed', 'topic'];
  expect(await categories()).toEqual(legendOrder);
  // The samples are drawn with the marks' own lines: the single-outlet one thinner than the signatory's.
  const lines = await popup.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="popup-legend"] .us-legend__sample')].map(
      (sample) => {
        const style = getComputedStyle(sample);
        return `${style.textDecorationStyle} ${style.textDecorationThickness}`;
      },
    ),
  );
  expect(lines).toEqual(['solid 2px', 'solid 1px', 'double 2px', 'dotted 1.5px', 'wavy 2px', 'dashed 1.5px']);
  await popup.evaluate(() => document.querySelector('[data-testid="popup-legend"]')?.scrollIntoView());
  await t.screenshot('popup-legend', popup);
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]).catch(() => undefined);
  await t.screenshot('popup-legend-dark', popup);

  const options = await t.openOptions();
  await options.setViewport({ width: 760, height: 1000 });
  const legend = await options.waitForSelector('[data-testid="options-marks"] [data-testid="mark-legend"]');
  await legend?.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  expect(await options.$$eval('[data-testid="options-marks"] [data-category]', (rows) => rows.length)).toBe(
    6,
  );
  expect(
    await options.$$eval('[data-testid="mark-level"] input[type="radio"]', (radios) => radios.length),
  ).toBe(3);
  await t.screenshot('options-marks', options);
  await options
    .emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }])
    .catch(() => undefined);
  await t.screenshot('options-marks-dark', options);
  expect(await t.consoleErrors()).toEqual([]);
});
