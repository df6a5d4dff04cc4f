/**
 * The background in both browsers: the toolbar badge and its title, the context-menu lookup
 * (driven through the background: headless browsers cannot open a native menu), and the data
 * still served after the background is really stopped and started again.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import type { LookupOutcome } from '../../lib/messaging/protocol';
import { cardState, expectCardInViewport, inFront, selectText } from './support/page';
import { defineE2E, type E2E } from './harness';

function badgeOf(t: E2E, tabId: number): Promise<{ text: string; title: string }> {
  return t.background.evaluate(
    async (api, id) => ({
      text: await api.action.getBadgeText({ tabId: id }),
      title: await api.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}

/** Looks a selection up the way the context menu does, and waits for the card it opens. */
async function lookUp(t: E2E, page: Page, text: string, wantTestId: string) {
  await selectText(page, text);
  const outcome: LookupOutcome = await t.sendToBackground('lookupSelection', {
    tabId: await t.tabIdOf(page),
    frameId: 0,
    text,
  });
  const card = await t.poll(`the lookup card for ${text}`, async () => {
    const state = await cardState(page);
    return state?.testId === wantTestId && state.text.includes(text) ? state : undefined;
  });
  await expectCardInViewport(t, page);
  return { outcome, card };
}

defineE2E('the badge counts the seed article’s signatories and says it in words', async (t) => {
  const page = await inFront(await t.open('/fixtures/seed.html'));
  const report = await t.waitForTabReport(page);
  const tabId = await t.tabIdOf(page);
  const statuses = await Promise.all(
    report.people.map(async ({ id }) => (await t.sendToBackground('getEntity', { id }))?.status),
  );
  const signatories = statuses.filter((s) => s === 'signed' || s === 'organiser').length;
  expect(signatories).toBeGreaterThan(5);

  const badge = await t.poll('the badge', async () => {
    const b = await badgeOf(t, tabId);
    return b.text !== '' ? b : undefined;
  });
  expect(badge.text).toBe(String(signatories));
  expect(badge.title).toBe(`Undersigned: ${signatories} signatories of the letter named on this page`);

  const hello = await inFront(await t.open('/pages/hello.html'));
  const helloReport = await t.waitForTabReport(hello);
  expect(helloReport.people).toEqual([]);
  const helloTab = await t.tabIdOf(hello);
  const empty = await t.poll('the neutral title', async () => {
    const b = await badgeOf(t, helloTab);
    return b.title.includes('no signatory') ? b : undefined;
  });
  expect(empty.text).toBe('');
  expect(await t.consoleErrors()).toEqual([]);
});

defineE2E('the context-menu lookup opens the card next to the selection', async (t) => {
  const page = await inFront(await t.open('/pages/lookup.html'));
  await t.waitForTabReport(page);

  const known = await lookUp(t, page, 'Taika Waititi', 'person-card');
  expect(known.outcome).toMatchObject({ entityId: 'taika-waititi', match: 'exact', shownIn: 'page' });
  expect(known.card.text).toContain('Signed the letter');
  // Next to the selection: the card's top is just below the selected words.
  const placement = await page.evaluate(() => {
    const selected = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
    const host = document.querySelector('undersigned-card')!.getBoundingClientRect();
    return { gap: host.top - selected.bottom, left: host.left - selected.left };
  });
  expect(placement.gap).toBeGreaterThanOrEqual(0);
  expect(placement.gap).toBeLessThan(40);
  await t.screenshot('lookup-found', page);

  const unknown = await lookUp(t, page, 'Jane Nobody', 'not-found-card');
  expect(unknown.outcome).toMatchObject({ entityId: null, match: 'none', shownIn: 'page' });
  expect(unknown.card.text).toContain('is not found among the 40 published names of the 400+ signatories');
  expect(unknown.card.text).not.toMatch(/did not sign/i);
  expect(unknown.card.text).not.toContain('Signed the letter');
  await t.screenshot('lookup-not-found', page);

  const claim = await lookUp(t, page, 'Lana Wachowski', 'person-card');
  expect(claim.outcome).toMatchObject({ entityId: 'lana-wachowski', shownIn: 'page' });
  expect(claim.card.text).toContain('Unconfirmed claim');
  expect(claim.card.text).not.toContain('Signed the letter');
  expect(claim.card.text).not.toContain('Organised and signed');
  expect(await t.consoleErrors()).toEqual([]);
});

defineE2E('a lookup where no content script runs is stored for the popup', async (t) => {
  // The extension's own page: content scripts never run there, like a PDF viewer or chrome://.
  const page = await inFront(await t.openExtensionPage('popup.html'));
  // Asked from the page itself: Firefox does not show extension pages' URLs to tabs.query.
  const tabId = await page.evaluate(async () => {
    type Tabs = { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } };
    const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
    return (await (g.browser ?? g.chrome).tabs.getCurrent())?.id ?? -1;
  });
  expect(tabId).toBeGreaterThanOrEqual(0);
  const outcome = await t.sendToBackground('lookupSelection', {
    tabId,
    frameId: 0,
    text: '“Taika Waititi’s”',
  });
  expect(outcome.query).toBe('Taika Waititi');
  expect(outcome.entityId).toBe('taika-waititi');
  expect(outcome.shownIn).not.toBe('page');
  const stored = await t.background.evaluate(async (api) => (await api.storage.session.get('lookup')).lookup);
  expect(stored).toMatchObject({ query: 'Taika Waititi', entityId: 'taika-waititi' });
});

defineE2E(
  'in "only when I click" mode the context-menu lookup still shows its card in the page',
  async (t) => {
    await t.sendToBackground('setSettings', { mode: 'on-click' });
    try {
      await t.waitForRegistration(null);
      const page = await inFront(await t.open('/pages/lookup.html'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await t.tabReport(page)).toBeNull();
      // The menu click grants activeTab: the background runs the content script for the card.
      const found = await lookUp(t, page, 'Taika Waititi', 'person-card');
      expect(found.outcome).toMatchObject({ entityId: 'taika-waititi', shownIn: 'page' });
      expect(found.card.text).toContain('Signed the letter');
      // Showing a card is not reading the page: the settings keep it unmarked.
      expect(await page.evaluate(() => CSS.highlights.get('undersigned-signed')?.size ?? 0)).toBe(0);
    } finally {
      await t.sendToBackground('setSettings', { mode: 'everywhere' });
    }
  },
);

/**
 * (Keep this case last: it stops the service worker, and the harness's handle on the old worker
 * is not reliable afterwards.)
 * The background really stops and starts again, and still answers from the store: cards and
 * searches still have the data (in Firefox a marker put on the event page's global object is gone
 * afterwards, so nothing in memory survived).
 *   Chromium: the service worker is stopped through CDP (ServiceWorker.stopAllWorkers on an
 *   extension page's session; DevTools reports it "stopped"), and restarts for the next message.
 *   Firefox: no protocol can stop the event page, so the test lets it stop the way Firefox stops
 *   it in use: idle for longer than extensions.background.idle.timeout (30 s).
 */
defineE2E('the data is still served after the background stops and restarts', async (t) => {
  const page = await inFront(await t.open('/pages/hello.html'));
  await t.waitForTabReport(page);

  // Chromium: the worker's running status as DevTools reports it, in order.
  const workerStatuses: string[] = [];
  let cdp: CDPSession | null = null;
  if (t.browserName === 'chromium') {
    // The ServiceWorker domain of a page in the extension's origin controls the extension's worker.
    const extensionPage = await t.openExtensionPage('options.html');
    cdp = await extensionPage.createCDPSession();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (version.scriptURL.startsWith(t.extension.baseUrl)) workerStatuses.push(version.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await t.poll('the running worker', () => workerStatuses.at(-1) === 'running' || undefined);
    await cdp.send('ServiceWorker.stopAllWorkers');
    await t.poll('the worker to stop', () => workerStatuses.at(-1) === 'stopped' || undefined);
  } else {
    await t.background.evaluate(async (api) => {
      const bg = (await api.runtime.getBackgroundPage()) as unknown as { __e2eMarker?: number };
      bg.__e2eMarker = 1;
      return null;
    });
    await new Promise((resolve) => setTimeout(resolve, 36_000));
  }

  let resumer: ReturnType<typeof setInterval> | undefined;
  let root: CDPSession | null = null;
  if (cdp) {
    // The worker restarts for the next message, held at start for puppeteer's debugger, which does
    // not release it (the target keeps its id across restarts): release it ourselves.
    const browserSession = (root = await page.browser().target().createCDPSession());
    resumer = setInterval(() => {
      void (async () => {
        const { targetInfos } = await browserSession.send('Target.getTargets');
        for (const info of targetInfos) {
          if (info.type !== 'service_worker' || !info.url.startsWith(t.extension.baseUrl)) continue;
          const { sessionId } = await browserSession.send('Target.attachToTarget', {
            targetId: info.targetId,
            flatten: true,
          });
          await browserSession.connection()?.session(sessionId)?.send('Runtime.runIfWaitingForDebugger');
        }
      })().catch(() => undefined);
    }, 500);
  }
  // Anything sent now starts a new background: it has the data, and not the marker.
  const card = await t.sendToBackground('getCardData', { ref: { kind: 'entity', id: 'cate-blanchett' } });
  expect(card?.entity?.status).toBe('signed');
  expect(card?.letter.id).toBeTruthy();
  const found = await t.sendToBackground('searchPeople', { query: 'cuaron' });
  expect(found[0]?.entity.id).toBe('alfonso-cuaron');
  if (cdp) {
    // The message started the worker again: a stop, then a new run.
    await t.poll('the worker to run again', () => workerStatuses.at(-1) === 'running' || undefined);
    expect(workerStatuses).toContain('stopped');
    clearInterval(resumer);
    await root?.detach();
    await cdp.detach();
  } else {
    // Firefox: the event page's window is a new one, without the marker.
    const marker = await t.background.evaluate(
      async (api) =>
        ((await api.runtime.getBackgroundPage()) as unknown as { __e2eMarker?: number }).__e2eMarker ?? null,
    );
    expect(marker).toBeNull();
  }
});
