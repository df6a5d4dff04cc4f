/**
 * The popup in real Chromium and Firefox: the seed article's people with their statuses, search
 * (accent-forgiving, and honest about names not in the data), the letter and the history, with
 * screenshots of each tab. The popup is opened as a tab with ?tabId=<the article's tab>, since a
 * popup opened as a tab would otherwise describe itself (the active tab).
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { defineE2E, type E2E } from './harness';
import { expectCardInViewport } from './support/page';

const SEED = '/pages/popup-seed.html';

interface Row {
  id: string;
  name: string;
  status: string | null;
  text: string;
}

function rows(popup: Page, testId: string): Promise<Row[]> {
  return popup.evaluate(
    (id) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((row) => ({
        id: row.getAttribute('data-id') ?? '',
        name: row.querySelector('.pp-row__name, .pp-result__name')?.textContent ?? '',
        status: row.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
        text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    testId,
  );
}

async function selectTab(t: E2E, popup: Page, tab: string): Promise<void> {
  await popup.click(`[role="tab"][data-tab="${tab}"]`);
  await t.poll(`the ${tab} panel`, () =>
    popup.evaluate(
      (name) => !(document.querySelector(`[data-panel="${name}"]`) as HTMLElement | null)?.hidden,
      tab,
    ),
  );
}

async function search(t: E2E, popup: Page, query: string): Promise<void> {
  const input = '[data-testid="search-input"]';
  await popup.click(input, { count: 3 });
  await popup.keyboard.press('Backspace');
  await popup.type(input, query);
}

defineE2E(
  'the popup lists the page’s people with their statuses, searches, and shows the letter',
  async (t) => {
    const page = await t.open(SEED);
    const report = await t.waitForTabReport(page);
    const tabId = await t.tabIdOf(page);
    const popup = await t.openPopup({ tabId, height: 600 });

    // This page: every reported person, signatories first, each with a status and a count.
    const people = await t.poll('the roster', async () => {
      const found = await rows(popup, 'roster-person');
      return found.length === report.people.length ? found : undefined;
    });
    const byId = new Map(people.map((row) => [row.id, row]));
    expect(byId.get('mark-ruffalo')).toMatchObject({ name: 'Mark Ruffalo', status: 'signed' });
    expect(byId.get('mark-ruffalo')?.text).toMatch(/Signed.*\d+ mentions?/);
    expect(byId.get('donald-trump')).toMatchObject({ name: 'Donald Trump', status: 'actor' });
    expect(byId.get('donald-trump')?.text).toContain('Not a signatory');
    if (report.people.some((p) => p.id === 'natasha-lyonne')) {
      expect(byId.get('natasha-lyonne')?.status).toBe('organiser');
    }
    // Signatories before the others.
    const firstActor = people.findIndex((row) => row.status === 'actor');
    const lastSigned = people.map((row) => row.status).lastIndexOf('signed');
    expect(firstActor).toBeGreaterThan(lastSigned);
    const summary = await t.textOf(popup, '[data-testid="page-summary"]');
    expect(summary).toMatch(
      /^\d+ signatories, \d+ other names? from the debate,? and \d+ topics? on this page$/,
    );
    // Topics, with the letter's anchors (its figures, OSTP, the AI Action Plan) as one row about it.
    const topics = await rows(popup, 'roster-topic');
    const anchors = ['ostp', 'letter-figures', 'ai-action-plan'];
    const reportedAnchors = report.topics.filter((topic) => anchors.includes(topic.id)).length;
    expect(reportedAnchors).toBeGreaterThan(0);
    expect(topics.length).toBe(report.topics.length - reportedAnchors + 1);
    expect(topics.map((row) => row.name)).toContain('About the March 2025 letter');
    expect(topics.map((row) => row.text).join(' ')).not.toMatch(/2\.3M|American jobs/);
    await t.screenshot('popup-page', popup);
    // The dark theme follows prefers-color-scheme (emulated where the browser allows it).
    await popup
      .emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }])
      .catch(() => undefined);
    const dark = await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    if (dark) {
      expect(
        await popup.evaluate(
          () => getComputedStyle(document.querySelector('.pp') as Element).backgroundColor,
        ),
      ).toBe('rgb(29, 33, 39)');
      await t.screenshot('popup-page-dark', popup);
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    }
    // The end of the list: the topics and the export buttons.
    await popup.evaluate(() => {
      const panel = document.querySelector('[data-panel="page"]') as HTMLElement;
      panel.scrollTop = panel.scrollHeight;
    });
    expect(await popup.$('[data-testid="download-csv"]')).not.toBeNull();
    await t.screenshot('popup-page-end', popup);

    // Search: accents forgiven; a name not in the data is "not found", never "did not sign".
    await selectTab(t, popup, 'search');
    await search(t, popup, 'cuaron');
    const results = await t.poll('results for cuaron', async () => {
      const found = await rows(popup, 'search-result');
      return found.length > 0 ? found : undefined;
    });
    expect(results[0]).toMatchObject({ id: 'alfonso-cuaron', name: 'Alfonso Cuarón', status: 'signed' });
    expect(results[0]?.text).toContain('Signed the letter');
    await t.screenshot('popup-search', popup);

    await search(t, popup, 'Jane Nobody');
    const none = await t.textOf(popup, '[data-testid="search-none"]');
    expect(none).toContain('“Jane Nobody” is not found among the 40 published names of the 400+ signatories');
    expect(none).not.toMatch(/did not sign/i);
    await t.screenshot('popup-search-none', popup);

    // The letter: its summary and the whole quoted text, expanded.
    await selectTab(t, popup, 'letter');
    const letter = await t.textOf(popup, '[data-testid="letter-tab"]');
    expect(letter).toContain('Hollywood letter to OSTP on AI and copyright (March 2025)');
    expect(letter).toContain('400+ people, as reported; 40 of them are named in the press');
    expect(
      await popup.$$eval('[data-testid="letter-tab"] .us-letter__paragraphs > li', (li) => li.length),
    ).toBe(5);
    await t.screenshot('popup-letter', popup);

    // History: the seed page was recorded when its report arrived (history is on by default).
    await selectTab(t, popup, 'history');
    const history = await t.poll('the seed page in the history', async () => {
      const text = await popup.evaluate(
        () => document.querySelector('[data-testid="history-recent"]')?.textContent ?? '',
      );
      return text.includes(report.title) ? text : undefined;
    });
    expect(history).toContain('Mark Ruffalo');
    await t.screenshot('popup-history', popup);

    // Keyboard: the tab list moves with the arrow keys.
    await popup.focus('[role="tab"][data-tab="history"]');
    await popup.keyboard.press('ArrowRight');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('data-tab') ?? null)).toBe('page');

    const errors = (await t.consoleErrors()).filter((e) => e.source.includes(t.extension.baseUrl));
    expect(errors).toEqual([]);
  },
);

defineE2E('choosing a person in the popup opens their card on the page', async (t) => {
  const page = await t.open(SEED);
  await t.waitForTabReport(page);
  const popup = await t.openPopup({ tabId: await t.tabIdOf(page), height: 600 });
  await popup.waitForSelector('[data-testid="roster-person"][data-id="mark-ruffalo"]');
  await popup.click('[data-testid="roster-person"][data-id="mark-ruffalo"]');
  const card = await t.poll('Mark Ruffalo’s card on the page', () =>
    page.evaluate(() => {
      const root = document.querySelector('undersigned-card')?.shadowRoot?.querySelector('[role="dialog"]');
      return root?.textContent?.includes('Mark Ruffalo') ? root.textContent : undefined;
    }),
  );
  expect(card).toContain('Signed the letter');
  await expectCardInViewport(t, page);
});

defineE2E('the popup says plainly when the tab reported nothing', async (t) => {
  // No such tab: no report from the background, no content script to ask (as on a browser page).
  const popup = await t.openPopup({ tabId: 987_654, height: 600 });
  const text = await t.textOf(popup, '[data-testid="page-none"]');
  expect(text).toContain('Undersigned has not read this page.');
  await t.screenshot('popup-none', popup);
});

defineE2E('the options page saves a change and shows the data', async (t) => {
  const options = await t.openOptions();
  await options.waitForSelector('[data-testid="first-mention-only"]');
  await options.click('[data-testid="first-mention-only"]');
  await t.poll('the Saved announcement', () =>
    options.evaluate(() => document.querySelector('[data-testid="saved"]')?.textContent === 'Saved'),
  );
  const settings = await t.sendToBackground('getSettings', null);
  expect(settings.firstMentionOnly).toBe(true);
  expect(await t.textOf(options, '[data-testid="data-counts"]')).toContain(
    '40 signatories named in the press',
  );
  await options.setViewport({ width: 900, height: 1900 });
  await options.evaluate(() => window.scrollTo(0, 0));
  await t.screenshot('options-full', options);
});
