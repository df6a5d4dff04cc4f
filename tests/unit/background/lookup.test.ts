/**
 * The context-menu lookup: which selections name someone (strictly: a wrong "signed" is the worst
 * bug), where the answer is shown, the menu's registration, and the message's validation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../../lib/background/handlers';
import {
  cleanSelection,
  LOOKUP_MENU_ID,
  lookupTargetOf,
  pageCanHostCard,
  registerLookupMenu,
  resolveLookup,
  runLookup,
} from '../../../lib/background/lookup';
import { dispatch } from '../../../lib/messaging/dispatch';
import { LOOKUP_SESSION_KEY } from '../../../lib/messaging/storage';
import { toBackground } from '../../../lib/messaging/to-background';
import type { StoreDB } from '../../../lib/store/db';
import { createStoreAccess, type StoreAccess } from '../../../lib/store/store';
import { bundled, captureLog, freshEnvironment } from '../store/helpers';

let store: StoreAccess;
let db: StoreDB;

beforeEach(async () => {
  freshEnvironment();
  store = createStoreAccess({ loadBundled: () => bundled, log: captureLog() });
  db = await store.get();
});
afterEach(async () => {
  await store.close();
  vi.restoreAllMocks();
});

const idOf = async (text: string) => (await resolveLookup(db, text)).entityId;

describe('cleanSelection', () => {
  it.each([
    ['  Taika\n Waititi ', 'Taika Waititi'],
    ['“Taika Waititi”', 'Taika Waititi'],
    ['"Cate Blanchett",', 'Cate Blanchett'],
    ['Mark Ruffalo’s', 'Mark Ruffalo'],
    ["Mark Ruffalo's", 'Mark Ruffalo'],
    ['(Ava DuVernay).', 'Ava DuVernay'],
    ['‘Ron Howard’s’', 'Ron Howard'],
    ["Faisal D'Souza", "Faisal D'Souza"],
  ])('%j → %j', (raw, clean) => expect(cleanSelection(raw)).toBe(clean));

  it('caps a long selection for the card heading', () => {
    expect(cleanSelection('word '.repeat(100)).length).toBeLessThanOrEqual(80);
  });
});

describe('resolveLookup', () => {
  it('finds exact names and aliases, forgiving case and accents', async () => {
    expect(await resolveLookup(db, 'Taika Waititi')).toEqual({
      query: 'Taika Waititi',
      entityId: 'taika-waititi',
      match: 'exact',
    });
    expect(await idOf('taika waititi')).toBe('taika-waititi');
    expect(await idOf('Alfonso Cuaron')).toBe('alfonso-cuaron');
    expect(await idOf('ALFONSO CUARÓN')).toBe('alfonso-cuaron');
    expect(await idOf('Sir Paul McCartney')).toBe('paul-mccartney');
    expect(await idOf('OSTP')).toBe('white-house-office-of-science-and-technology-policy');
    expect(await idOf('Janelle Monae')).toBe('janelle-monae');
  });

  it('finds a full name through quotes and a possessive', async () => {
    expect(await idOf('“Mark Ruffalo’s”')).toBe('mark-ruffalo');
  });

  it('accepts one small typo in one long word of a full name, and says it was close', async () => {
    expect(await resolveLookup(db, 'Maggie Gylenhaal')).toMatchObject({
      entityId: 'maggie-gyllenhaal',
      match: 'close',
    });
    expect(await idOf('Lilly Wachowsky')).toBe('lilly-wachowski');
  });

  it('never resolves a bare surname or first name to a person', async () => {
    for (const text of ['Ruffalo', 'Ruffalo’s', 'Waititi', 'Scott', 'Simon', 'Wachowski', 'Taika', 'Paul']) {
      expect(await resolveLookup(db, text), text).toMatchObject({ entityId: null, match: 'none' });
    }
  });

  it('refuses typos in short words and two typos in a name', async () => {
    // "Lana" is not a typo of "Lilly", nor "Lily" of "Lilly": the Wachowskis have different statuses.
    expect(await idOf('Lily Wachowski')).toBeNull();
    expect(await idOf('Lila Wachowski')).toBeNull();
    expect(await idOf('Magie Gylenhal')).toBeNull();
    expect(await idOf('Cate Blanchettt Smith')).toBeNull();
  });

  it('keeps an unconfirmed claim unconfirmed', async () => {
    const id = await idOf('Lana Wachowski');
    expect(id).toBe('lana-wachowski');
    expect((await db.get('people', id!))?.status).toBe('unconfirmed');
  });

  it('answers "none" for unknown names and for text that is not a name', async () => {
    expect(await resolveLookup(db, 'Jane Nobody')).toEqual({
      query: 'Jane Nobody',
      entityId: null,
      match: 'none',
    });
    expect(await idOf('')).toBeNull();
    expect(await idOf('“ ” ...')).toBeNull();
    expect(await idOf('the letter was signed by more than four hundred people')).toBeNull();
  });
});

describe('runLookup', () => {
  const target = { tabId: 3, frameId: 2, text: 'Taika Waititi' };

  it('shows the card in the clicked frame when a content script answers', async () => {
    const showInPage = vi.fn(async () => true);
    const openPopup = vi.fn(async () => true);
    const outcome = await runLookup({ db: () => store.get(), showInPage, openPopup }, target);
    expect(outcome).toMatchObject({ entityId: 'taika-waititi', shownIn: 'page' });
    expect(showInPage).toHaveBeenCalledWith(3, 2, {
      query: 'Taika Waititi',
      entityId: 'taika-waititi',
      match: 'exact',
    });
    expect(openPopup).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.session.get(LOOKUP_SESSION_KEY)).toEqual({});
  });

  it('sends showLookup to that frame through tabs.sendMessage', async () => {
    const sendMessage = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation((async () => ({ ok: true })) as never);
    const outcome = await runLookup({ db: () => store.get() }, { ...target, text: 'Jane Nobody' });
    expect(outcome.shownIn).toBe('page');
    expect(sendMessage).toHaveBeenCalledWith(
      3,
      { type: 'showLookup', data: { query: 'Jane Nobody', entityId: null } },
      { frameId: 2 },
    );
  });

  it('stores the answer for the popup and opens it when no content script answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    const openPopup = vi.fn(async () => true);
    const outcome = await runLookup({ db: () => store.get(), openPopup, now: () => 1234 }, target);
    expect(outcome.shownIn).toBe('popup');
    expect(openPopup).toHaveBeenCalledOnce();
    expect((await fakeBrowser.storage.session.get(LOOKUP_SESSION_KEY))[LOOKUP_SESSION_KEY]).toEqual({
      query: 'Taika Waititi',
      entityId: 'taika-waititi',
      match: 'exact',
      at: 1234,
    });
  });

  it('does not try the page when it cannot host a card, and says so when the popup is refused', async () => {
    const showInPage = vi.fn(async () => true);
    const outcome = await runLookup(
      { db: () => store.get(), showInPage, openPopup: async () => false },
      { ...target, pageCanHost: false },
    );
    expect(showInPage).not.toHaveBeenCalled();
    expect(outcome.shownIn).toBe('nowhere');
    expect((await fakeBrowser.storage.session.get(LOOKUP_SESSION_KEY))[LOOKUP_SESSION_KEY]).toMatchObject({
      entityId: 'taika-waititi',
    });
  });
});

describe('the menu', () => {
  it('is registered idempotently: every registration replaces the previous item', async () => {
    const items = new Map<string, unknown>();
    const menus = {
      removeAll: vi.fn(async () => items.clear()),
      create: vi.fn((properties: { id?: string }, callback?: () => void) => {
        if (items.has(properties.id!)) throw new Error('duplicate id');
        items.set(properties.id!, properties);
        callback?.();
        return properties.id!;
      }),
    };
    const api = menus as unknown as Parameters<typeof registerLookupMenu>[0];
    await registerLookupMenu(api, 'Check “%s” in the letter’s signatories');
    await registerLookupMenu(api, 'Check “%s” in the letter’s signatories');
    expect([...items.values()]).toEqual([
      { id: LOOKUP_MENU_ID, title: 'Check “%s” in the letter’s signatories', contexts: ['selection'] },
    ]);
    expect(menus.removeAll).toHaveBeenCalledTimes(2);
  });

  it('turns only our clicks on a selection into a lookup', () => {
    const tab = { id: 9 } as Browser.tabs.Tab;
    const click = (info: Partial<Browser.contextMenus.OnClickData>) =>
      lookupTargetOf(
        { menuItemId: LOOKUP_MENU_ID, editable: false, ...info } as Browser.contextMenus.OnClickData,
        tab,
      );
    expect(click({ selectionText: 'Taika Waititi', frameId: 4, pageUrl: 'https://news.example/a' })).toEqual({
      tabId: 9,
      frameId: 4,
      text: 'Taika Waititi',
      pageCanHost: true,
    });
    expect(click({ selectionText: 'x', pageUrl: 'https://example.org/paper.pdf' })?.pageCanHost).toBe(false);
    expect(click({ menuItemId: 'other', selectionText: 'x' })).toBeNull();
    expect(click({})).toBeNull();
  });

  it('knows the pages where no content script runs', () => {
    expect(pageCanHostCard('https://news.example/story')).toBe(true);
    expect(pageCanHostCard('file:///home/me/article.html')).toBe(true);
    expect(pageCanHostCard(undefined)).toBe(true);
    for (const url of [
      'chrome://settings',
      'about:addons',
      'https://addons.mozilla.org/en-US/firefox/',
      'https://chromewebstore.google.com/detail/x',
      'https://example.org/report.PDF',
      'moz-extension://uuid/popup.html',
    ]) {
      expect(pageCanHostCard(url), url).toBe(false);
    }
  });
});

describe('the background entrypoint', () => {
  it('creates the menu on install and on browser start, and listens to its clicks', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    let onClicked: ((info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => void) | undefined;
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(((
      listener: typeof onClicked,
    ) => {
      onClicked = listener;
    }) as never);
    const removeAll = vi
      .spyOn(fakeBrowser.contextMenus, 'removeAll')
      .mockImplementation((async () => undefined) as never);
    const create = vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((
      _p: unknown,
      callback?: () => void,
    ) => {
      callback?.();
      return LOOKUP_MENU_ID;
    }) as never);
    const { installMessages } = await import('../card/messages');
    installMessages();
    const background = (await import('../../../entrypoints/background/index')).default;
    background.main();
    expect(onClicked).toBeTypeOf('function');

    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    expect(removeAll).toHaveBeenCalledTimes(2);
    expect(create.mock.calls[0]?.[0]).toEqual({
      id: LOOKUP_MENU_ID,
      title: "Check “%s” in the letter's signatories",
      contexts: ['selection'],
    });

    // A click runs the lookup and shows the card in the clicked frame.
    const sendMessage = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation((async () => ({ ok: true })) as never);
    onClicked!(
      {
        menuItemId: LOOKUP_MENU_ID,
        editable: false,
        selectionText: 'Taika Waititi',
        frameId: 0,
        pageUrl: 'https://news.example/a',
      } as Browser.contextMenus.OnClickData,
      { id: 5 } as Browser.tabs.Tab,
    );
    await vi.waitFor(() =>
      expect(sendMessage).toHaveBeenCalledWith(
        5,
        { type: 'showLookup', data: { query: 'Taika Waititi', entityId: 'taika-waititi' } },
        { frameId: 0 },
      ),
    );
  });
});

describe('the lookupSelection message', () => {
  type Sender = Browser.runtime.MessageSender;
  it('is answered only to the extension’s own pages, with a checked payload', async () => {
    const handlers = createBackgroundHandlers({ store, log: captureLog() });
    const page: Sender = {
      id: fakeBrowser.runtime.id,
      url: 'https://evil.example/',
      tab: { id: 1 } as Browser.tabs.Tab,
    };
    await expect(
      handlers.lookupSelection({ tabId: 1, frameId: 0, text: 'Taika Waititi' }, page),
    ).rejects.toThrow(/only answered to the extension's own pages/);
    const own: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    // The payload is checked once, by the contract, before the handler: a bad one is refused.
    await expect(
      dispatch(
        toBackground,
        handlers,
        { type: 'lookupSelection', data: { tabId: 'x', frameId: 0, text: 1 } },
        own,
      ),
    ).resolves.toMatchObject({ refused: 'malformed' });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => ({ ok: true })) as never);
    expect(
      await handlers.lookupSelection({ tabId: 1, frameId: 0, text: 'Taika Waititi' }, own),
    ).toMatchObject({
      entityId: 'taika-waititi',
      shownIn: 'page',
    });
  });

  it('getLookupCardData gives the letter facts a not-found card needs', async () => {
    const handlers = createBackgroundHandlers({ store, log: captureLog() });
    const data = await handlers.getLookupCardData(null, { id: fakeBrowser.runtime.id });
    expect(data).toMatchObject({ entity: null, topic: null, counts: { signatoriesPublished: 40 } });
    expect(data?.letter.id).toBeTruthy();
  });
});
