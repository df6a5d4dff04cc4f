/**
 * The background's handlers over the real store (fake-indexeddb) and WXT's fake browser: history is
 * recorded only when it should be, private data is answered only to the extension's own pages.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../../lib/background/handlers';
import type { Handlers, PageReport, ToBackground } from '../../../lib/messaging/protocol';
import { countHistory } from '../../../lib/store/history';
import { seedData } from '../../../lib/store/seed';
import { getSettings, setSettings } from '../../../lib/settings/settings';
import { createStoreAccess, type StoreAccess } from '../../../lib/store/store';
import type { FetchLike } from '../../../lib/store/update';
import { bundleCopy, bundled, captureLog, freshEnvironment } from '../store/helpers';

type Sender = Browser.runtime.MessageSender;

const report = (people: string[], url = 'https://news.example/story'): PageReport => ({
  url,
  title: 'Hollywood stars sign letter on AI',
  people: people.map((id) => ({ id, mentions: 2 })),
  topics: [{ id: 'copyright', mentions: 3 }],
  classification: { aiCopyright: true, letter: true, otherInitiative: false },
});

const tab = (extra: Partial<Browser.tabs.Tab> = {}) =>
  ({
    id: 7,
    index: 0,
    highlighted: false,
    active: true,
    pinned: false,
    incognito: false,
    ...extra,
  }) as Browser.tabs.Tab;

const contentScript = (extra: Partial<Sender> = {}): Sender => ({
  id: fakeBrowser.runtime.id,
  tab: tab(),
  frameId: 0,
  url: 'https://news.example/story',
  ...extra,
});
const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

let store: StoreAccess;
let handlers: Handlers<ToBackground, Sender>;
let log: ReturnType<typeof captureLog>;

beforeEach(() => {
  freshEnvironment();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
  log = captureLog();
  store = createStoreAccess({ loadBundled: () => bundled, log });
  handlers = createBackgroundHandlers({ store, log, now: () => 1_000 });
});
afterEach(async () => {
  await store.close();
  vi.restoreAllMocks();
});

describe('reportPage and the reading history', () => {
  it('keeps the tab report and records a history entry when people were found', async () => {
    await handlers.reportPage(report(['cate-blanchett']), contentScript());
    expect(await handlers.getTabReport({ tabId: 7 }, popup())).toMatchObject({
      url: 'https://news.example/story',
    });
    expect(await handlers.getHistory({ entityId: 'cate-blanchett' }, popup())).toEqual([
      expect.objectContaining({
        url: 'https://news.example/story',
        time: 1_000,
        entityIds: ['cate-blanchett'],
      }),
    ]);
  });

  it('records nothing when history is off', async () => {
    await setSettings({ history: false });
    await handlers.reportPage(report(['cate-blanchett']), contentScript());
    expect(await countHistory(await store.get())).toBe(0);
    // The tab report is still kept: the popup needs it whatever the history setting.
    expect(await handlers.getTabReport({ tabId: 7 }, popup())).not.toBeNull();
  });

  it('records nothing for private windows, sub-frames or pages without people', async () => {
    await handlers.reportPage(report(['cate-blanchett']), contentScript({ tab: tab({ incognito: true }) }));
    await handlers.reportPage(
      report(['cate-blanchett'], 'https://ads.example/frame'),
      contentScript({ frameId: 3 }),
    );
    await handlers.reportPage(report([]), contentScript());
    expect(await countHistory(await store.get())).toBe(0);
  });

  it('answers history and its clearing only to extension pages', async () => {
    await handlers.reportPage(report(['cate-blanchett']), contentScript());
    await expect(handlers.getHistory({}, contentScript())).rejects.toThrow(
      /only answered to the extension's own pages/,
    );
    await expect(handlers.clearHistory(null, contentScript())).rejects.toThrow();
    expect(await countHistory(await store.get())).toBe(1);
    expect((await handlers.getHistory({}, popup())).map((e) => e.url)).toEqual([
      'https://news.example/story',
    ]);
    expect(await handlers.clearHistory(null, popup())).toEqual({ ok: true });
    expect(await handlers.getHistory({}, popup())).toEqual([]);
  });
});

describe('settings through messages', () => {
  it('lets extension pages change settings, and nobody else', async () => {
    await expect(handlers.setSettings({ history: false }, contentScript())).rejects.toThrow();
    expect((await getSettings()).history).toBe(true);
    expect(await handlers.setSettings({ history: false }, popup())).toMatchObject({ history: false });
    expect(await handlers.getSettings(null, contentScript())).toMatchObject({
      history: false,
      mode: 'everywhere',
    });
  });
});

describe('data look-ups', () => {
  it('searches people, gets an entity and the letter from the store', async () => {
    const results = await handlers.searchPeople({ query: 'cuaron' }, popup());
    expect(results[0]).toMatchObject({ entity: { id: 'alfonso-cuaron', status: 'signed' } });
    expect(await handlers.searchPeople({ query: 42 as unknown as string }, popup())).toEqual([]);
    expect(await handlers.getEntity({ id: 'cate-blanchett' }, contentScript())).toMatchObject({
      name: 'Cate Blanchett',
    });
    expect((await handlers.getLetter(null, popup()))?.id).toBe(bundled.letter.id);
  });

  it('reports the installed data version, which an update may have moved past the bundled one', async () => {
    // One call gives the popup everything it shows about the data: also the letter, counts and date.
    expect(await handlers.getInfo(null, popup())).toEqual({
      extensionVersion: '0.1.0',
      dataVersion: bundled.version,
      signatoriesPublished: 40,
      letter: bundled.letter,
      counts: bundled.counts,
      dataDate: bundled.compiled,
    });
    await seedData(await store.get(), bundleCopy({ version: '2026.12.8' }), { source: 'update' });
    expect((await handlers.getInfo(null, popup())).dataVersion).toBe('2026.12.8');
  });

  it('runs a data update check on demand with the injected fetch', async () => {
    const fetch = vi.fn<FetchLike>(
      async () => new Response(JSON.stringify(bundleCopy({ version: '2026.12.8' }))),
    );
    handlers = createBackgroundHandlers({ store, log, fetch });
    expect(await handlers.checkDataUpdate(null, popup())).toEqual({ status: 'disabled' });
    await setSettings({ dataUpdates: true, dataUpdateUrl: 'https://data.example/b.json' });
    await expect(handlers.checkDataUpdate(null, contentScript())).rejects.toThrow();
    expect(await handlers.checkDataUpdate(null, popup())).toEqual({
      status: 'updated',
      version: '2026.12.8',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
