/**
 * In-page annotation in both browsers: marks via the CSS Custom Highlight API with the host page's
 * DOM untouched, cards from hover and from the keyboard path, and dynamic pages (live additions,
 * SPA navigation, re-rendering).
 */
import type { Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { cardState, expectCardInViewport, inFront, pointOf } from './support/page';
import { defineE2E, type E2E } from './harness';

/** Registered highlight names and their range counts, as the page itself sees them. */
function highlightCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    CSS.highlights.forEach((highlight, name) => {
      counts[name] = highlight.size;
    });
    return counts;
  });
}

/** The page's DOM as HTML, without the extension's own transient elements (card, announcer). */
function serializeWithoutOurUi(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[data-undersigned-ui]').forEach((element) => element.remove());
    return clone.outerHTML;
  });
}

async function openSeed(t: E2E): Promise<{ page: Page; before: () => Promise<string> }> {
  const page = await t.open('/fixtures/seed.html', {
    beforeNavigate: (p) =>
      p.evaluateOnNewDocument(() => {
        // Main world, before the page's scripts and long before the content script (document_idle).
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { __before: string }).__before = document.documentElement.outerHTML;
        });
      }),
  });
  return {
    page: await inFront(page),
    before: () => page.evaluate(() => (window as unknown as { __before: string }).__before),
  };
}

defineE2E('marks the seed article’s people without changing the page’s DOM', async (t) => {
  const { page, before } = await openSeed(t);
  const report = await t.waitForTabReport(page);
  const ids = report.people.map((p) => p.id);
  for (const id of [
    'mark-ruffalo',
    'bette-midler',
    'ava-duvernay',
    'ben-stiller',
    'lily-gladstone',
    'donald-trump',
  ]) {
    expect(ids, id).toContain(id);
  }
  expect(report.classification).toMatchObject({ aiCopyright: true, letter: true });

  const counts = await t.poll('the highlights', async () => {
    const c = await highlightCounts(page);
    return (c['undersigned-signed'] ?? 0) > 10 ? c : undefined;
  });
  expect(counts['undersigned-organiser']).toBeGreaterThanOrEqual(1); // Natasha Lyonne
  expect(counts['undersigned-actor']).toBeGreaterThanOrEqual(1); // Trump
  expect(counts['undersigned-topic']).toBeGreaterThanOrEqual(1);

  // The page's DOM is exactly as it was before the content script ran.
  expect(await serializeWithoutOurUi(page)).toBe(await before());
  await t.screenshot('seed-marked', page);

  expect(t.network.outbound()).toEqual([]);
  expect(await t.consoleErrors()).toEqual([]);
});

defineE2E('hovering a mark opens a card with the status and the letter', async (t) => {
  const { page, before } = await openSeed(t);
  await t.waitForTabReport(page);
  await inFront(page);
  const { x, y } = await pointOf(page, 'Cate Blanchett');
  await page.mouse.move(x, y);
  const card = await t.poll('the card', async () => {
    const state = await cardState(page);
    return state?.testId === 'person-card' ? state : undefined;
  });
  expect(card.text).toContain('Cate Blanchett');
  expect(card.text).toContain('Signed the letter');
  expect(card.text).toMatch(/Named as a signatory by \d+ outlets, and \d+ copies elsewhere\./);
  expect(card.text).toContain('We firmly believe that America’s global AI leadership');
  await expectCardInViewport(t, page);
  await t.screenshot('card-light', page);

  // Esc closes it and removes our host: the DOM is the page's own again.
  await page.keyboard.press('Escape');
  await t.poll('the card to close', async () => ((await cardState(page)) === null ? true : undefined));
  expect(await serializeWithoutOurUi(page)).toBe(await before());
  expect(await page.evaluate(() => document.querySelector('undersigned-card'))).toBeNull();
  expect(await t.consoleErrors()).toEqual([]);
});

defineE2E('an actor’s card says they are not a signatory, in the dark theme too', async (t) => {
  const { page } = await openSeed(t);
  await t.waitForTabReport(page);
  await inFront(page);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]).catch(() => undefined);
  const { x, y } = await pointOf(page, 'Donald Trump');
  await page.mouse.move(x, y);
  const card = await t.poll('the actor card', async () => {
    const state = await cardState(page);
    return state?.text.includes('Donald Trump') ? state : undefined;
  });
  expect(card.text).toContain('Not a signatory');
  expect(card.text).not.toContain('Signed the letter');
  await expectCardInViewport(t, page);
  await t.screenshot('card-dark', page);
});

defineE2E('the next-mention command opens a card with focus, and Esc returns focus', async (t) => {
  const { page } = await openSeed(t);
  await t.waitForTabReport(page);
  const tabId = await t.tabIdOf(page);
  // Headless browsers cannot press a registered shortcut; the command's handler sends this message.
  const reply = await t.background.evaluate(
    (api, id) => api.tabs.sendMessage(id, { type: 'focusMention', data: { step: 1 } }),
    tabId,
  );
  expect(reply).toEqual({ ok: true });
  const card = await t.poll('the keyboard-opened card', async () => {
    const state = await cardState(page);
    return state?.testId === 'person-card' || state?.testId === 'topic-card' ? state : undefined;
  });
  expect(card.text.length).toBeGreaterThan(0);
  await expectCardInViewport(t, page);
  // Focus moves to the card's heading once its content is shown.
  await t.poll('focus in the card', () =>
    page.evaluate(() => {
      const host = document.querySelector('undersigned-card');
      return document.activeElement === host && host?.shadowRoot?.activeElement?.tagName === 'H2'
        ? true
        : undefined;
    }),
  );
  await page.keyboard.press('Escape');
  await t.poll('the card to close', async () => ((await cardState(page)) === null ? true : undefined));
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
});

defineE2E('mentions added after load are marked (live page)', async (t) => {
  const page = await t.open('/pages/live.html');
  const report = await t.poll('Cate Blanchett in the report', async () => {
    const r = await t.tabReport(page);
    return r?.people.some((p) => p.id === 'cate-blanchett') ? r : undefined;
  });
  expect(report.people.map((p) => p.id)).toEqual(expect.arrayContaining(['ben-stiller', 'cate-blanchett']));
  // "Blanchett" alone, after her full name, is a follow-up mention: 2 for her in all.
  await t.poll('both of her mentions', async () => {
    const r = await t.tabReport(page);
    return r?.people.find((p) => p.id === 'cate-blanchett')?.mentions === 2 ? true : undefined;
  });
  const counts = await highlightCounts(page);
  expect(counts['undersigned-signed']).toBe(3);
});

defineE2E('an SPA navigation (history.pushState) rescans the new story', async (t) => {
  const page = await t.open('/pages/spa.html');
  await t.poll('the first story', async () =>
    (await t.tabReport(page))?.people.some((p) => p.id === 'mark-ruffalo') ? true : undefined,
  );
  await page.click('#next');
  const report = await t.poll('the second story', async () => {
    const r = await t.tabReport(page);
    return r?.url.endsWith('?story=2') && r.people.some((p) => p.id === 'taika-waititi') ? r : undefined;
  });
  expect(report.people.map((p) => p.id).sort()).toEqual(['ava-duvernay', 'taika-waititi']);
  expect(report.title).toBe('SPA: second story');
});

defineE2E('a re-rendered paragraph keeps its marks on the new nodes', async (t) => {
  const page = await t.open('/pages/rerender.html');
  await t.poll('the last render', async () =>
    (await page.evaluate(() => document.body.dataset.renders)) === '4' ? true : undefined,
  );
  // Marks follow the final nodes: every registered range is in the live document.
  const state = await t.poll('marks on the final render', async () => {
    const s = await page.evaluate(() => {
      const highlight = CSS.highlights.get('undersigned-signed');
      const ranges = highlight ? [...highlight] : [];
      return {
        count: ranges.length,
        connected: ranges.every((r) => r.startContainer.isConnected),
        texts: ranges.map((r) => (r.startContainer as Text).data.slice(r.startOffset, r.endOffset)),
      };
    });
    return s.count === 2 && s.connected ? s : undefined;
  });
  expect(state.texts.sort()).toEqual(['Cynthia Erivo', 'Paul McCartney']);
});

defineE2E('blocking the site removes the marks without a reload, allowing it restores them', async (t) => {
  const page = await t.open('/pages/live.html');
  await t.poll('the first marks', async () => ((await highlightCounts(page))['undersigned-signed'] ?? 0) > 0);
  try {
    await t.sendToBackground('setSettings', { denyList: ['127.0.0.1'] });
    await t.poll('the marks to go', async () =>
      (await highlightCounts(page))['undersigned-signed'] === undefined ? true : undefined,
    );
    expect((await t.tabReport(page))?.people).toEqual([]);
  } finally {
    await t.sendToBackground('setSettings', { denyList: [] });
  }
  await t.poll('the marks to come back', async () =>
    ((await highlightCounts(page))['undersigned-signed'] ?? 0) > 0 ? true : undefined,
  );
  expect((await t.tabReport(page))?.people.map((p) => p.id)).toContain('ben-stiller');
});

defineE2E(
  'names inside open shadow roots (nested, declarative) and a same-origin frame are found; a hidden frame once it shows',
  async (t) => {
    const page = await inFront(await t.open('/pages/shadow.html'));
    // The frame and the script-built roots exist before the content script's document_idle scan.
    // The people the tab reports, once there are at least `count` (or whatever is there at the timeout).
    const reportedPeople = async (what: string, count: number): Promise<string[]> => {
      let found: string[] = [];
      await t
        .poll(what, async () => {
          found = ((await t.tabReport(page))?.people ?? []).map((p) => p.id).sort();
          return found.length >= count ? true : undefined;
        })
        .catch(() => undefined);
      return found;
    };
    const expected = ['ava-duvernay', 'ben-stiller', 'cate-blanchett', 'mark-ruffalo'];
    expect(await reportedPeople('the report with every name', expected.length)).toEqual(expected);

    // A component added after the first scan: found by the rescan, through the content script's
    // shadow-host index (only what was added is queried), next to the hosts it already knew.
    await page.evaluate(() => {
      const card = document.createElement('late-card');
      const p = document.createElement('p');
      p.textContent = 'Taika Waititi signed as well.';
      card.attachShadow({ mode: 'open' }).append(p);
      document.body.prepend(card);
    });
    const later = [...expected, 'taika-waititi'];
    expect(await reportedPeople('the report with the late component', later.length)).toEqual(later);

    // The hidden frame shows (an attribute flip, which no MutationObserver of ours watches): its
    // coming into view is a change, and the rescan opens it.
    await page.evaluate(() => {
      document.querySelector<HTMLIFrameElement>('iframe[title="Hidden"]')!.hidden = false;
    });
    const shown = [...later, 'paul-mccartney'].sort();
    expect(await reportedPeople('the report with the frame shown', shown.length)).toEqual(shown);
  },
);
