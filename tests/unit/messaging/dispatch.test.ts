/**
 * The one dispatch path, at both of its sites: the background's handlers and the content script's.
 * Whatever a sender posts, a malformed message gets a refusal saying why and reaches no handler;
 * a foreign sender gets no answer at all; a handler's failure is a refusal too, never a throw.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../../lib/background/handlers';
import type { Annotator } from '../../../lib/content/annotator';
import { createContentHandlers } from '../../../lib/content/handlers';
import type { PageSession } from '../../../lib/content/session';
import { dispatch, isRefusal, listen, type Handlers } from '../../../lib/messaging/dispatch';
import { MessageRefused, sendToBackground, sendToTab } from '../../../lib/messaging/protocol';
import { toBackground, type ToBackground } from '../../../lib/messaging/to-background';
import { toContent, type ToContent } from '../../../lib/messaging/to-content';
import { createStoreAccess, type StoreAccess } from '../../../lib/store/store';
import { bundled, captureLog, freshEnvironment } from '../store/helpers';

type Sender = Browser.runtime.MessageSender;

const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const contentScript = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://news.example/story',
  tab: { id: 7, incognito: false } as Browser.tabs.Tab,
  frameId: 0,
});
const otherExtension = (): Sender => ({ id: 'some-other-extension', url: 'chrome-extension://other/x.html' });

/** Messages no handler may see, whoever sends them. */
const MALFORMED_ANYWHERE: unknown[] = [
  null,
  undefined,
  'getInfo',
  42,
  [],
  {},
  { type: 5 },
  { type: null, data: null },
  { type: 'noSuchMessage', data: null },
  { type: '__proto__', data: null },
  { type: 'constructor', data: null },
  { type: 'toString', data: null },
  { type: 'x'.repeat(10_000), data: null },
];

/** Every handler replaced by a spy, to prove that none ran. */
function spied<Map>(handlers: Handlers<Map>): Handlers<Map> {
  for (const key of Object.keys(handlers) as (keyof Map)[]) {
    handlers[key] = vi.fn(handlers[key]) as never;
  }
  return handlers;
}
const calls = (handlers: object) =>
  Object.values(handlers).reduce((n: number, f) => n + (f as ReturnType<typeof vi.fn>).mock.calls.length, 0);

describe('dispatch in the background', () => {
  let store: StoreAccess;
  let handlers: Handlers<ToBackground>;

  beforeEach(() => {
    freshEnvironment();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
    store = createStoreAccess({ loadBundled: () => bundled, log: captureLog() });
    handlers = spied(createBackgroundHandlers({ store, log: captureLog() }));
  });
  afterEach(async () => {
    await store.close();
    vi.restoreAllMocks();
  });

  const send = (message: unknown, sender: Sender = popup()) =>
    dispatch(toBackground, handlers, message, sender);

  it('refuses a message without a known type, naming why, and runs no handler', async () => {
    for (const message of MALFORMED_ANYWHERE) {
      const reply = await send(message);
      expect(isRefusal(reply), JSON.stringify(message)?.slice(0, 80)).toBe(true);
      expect((reply as { refused: string }).refused).toMatch(/^(malformed|unknown-type)$/);
      expect((reply as { detail: string }).detail.length).toBeLessThan(120);
    }
    expect(calls(handlers)).toBe(0);
  });

  it('refuses payloads that do not match the contract', async () => {
    const bad: [keyof ToBackground, unknown][] = [
      ['getInfo', { surprise: true }],
      ['getEntity', { id: 5 }],
      ['getEntity', null],
      ['searchPeople', { query: ['a'] }],
      ['searchPeople', { query: 'blanchett', limit: 'all' }],
      ['getTabReport', { tabId: '7' }],
      ['getTabReport', { tabId: 1.5 }],
      ['getCardData', { ref: { kind: 'person', id: 'x' } }],
      ['getCardData', { ref: null }],
      ['getHistory', { since: 'yesterday' }],
      ['setSettings', 'history=false'],
      ['setSettings', [{ history: false }]],
      ['lookupSelection', { tabId: 1, frameId: 0 }],
      ['reportPage', { url: 'https://x.example/', title: 't', people: 'all', topics: [] }],
      [
        'reportPage',
        {
          url: 'https://x.example/',
          title: 't',
          people: [{ id: 'cate-blanchett', mentions: '2' }],
          topics: [],
          classification: { aiCopyright: true, letter: true, otherInitiative: false },
        },
      ],
    ];
    for (const [type, data] of bad) {
      expect(await send({ type, data }), `${type} ${JSON.stringify(data)}`).toMatchObject({
        refused: 'malformed',
      });
    }
    expect(calls(handlers)).toBe(0);
  });

  it('refuses the extension pages’ messages to a content script, before the handler', async () => {
    for (const type of ['getHistory', 'clearHistory', 'setSettings', 'checkDataUpdate'] as const) {
      const data = type === 'getHistory' || type === 'setSettings' ? {} : null;
      expect(await send({ type, data }, contentScript())).toEqual({
        refused: 'not-allowed',
        detail: `${type} is only answered to the extension's own pages`,
      });
    }
    expect(calls(handlers)).toBe(0);
  });

  it('gives no answer at all to another extension, malformed or not', async () => {
    expect(send({ type: 'getInfo', data: null }, otherExtension())).toBeUndefined();
    expect(send({ type: 'nope' }, otherExtension())).toBeUndefined();
    expect(send(null, otherExtension())).toBeUndefined();
    expect(calls(handlers)).toBe(0);
  });

  it('answers well-formed messages after all that, and turns a handler failure into a refusal', async () => {
    for (const message of MALFORMED_ANYWHERE) await send(message);
    expect(await send({ type: 'getEntity', data: { id: 'cate-blanchett' } })).toMatchObject({
      name: 'Cate Blanchett',
    });
    // A payload may leave out `data` when there is none.
    expect(await send({ type: 'getInfo' })).toMatchObject({ dataVersion: bundled.version });
    handlers.getLetter = () => {
      throw new Error('the store is gone');
    };
    expect(await send({ type: 'getLetter', data: null })).toEqual({
      refused: 'failed',
      detail: 'Error: the store is gone',
    });
  });

  it('is what the background entrypoint listens with (runtime.onMessage)', async () => {
    const stop = listen(toBackground, handlers);
    const [refusal] = await fakeBrowser.runtime.onMessage.trigger({ type: 'getEntity', data: 7 }, popup());
    expect(refusal).toMatchObject({ refused: 'malformed' });
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'getEntity', data: { id: 'cate-blanchett' } },
      popup(),
    );
    expect(answer).toMatchObject({ id: 'cate-blanchett' });
    stop();
  });
});

describe('dispatch in the content script', () => {
  let annotator: { [K in 'currentReport' | 'focusMention' | 'revealRef']: ReturnType<typeof vi.fn> };
  let handlers: Handlers<ToContent>;
  let loadCard: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    annotator = {
      currentReport: vi.fn(async () => ({ url: location.href, title: '', people: [], topics: [] })),
      focusMention: vi.fn(async () => true),
      revealRef: vi.fn(async () => true),
    };
    const session: PageSession = {
      start: vi.fn(() => annotator as unknown as Annotator),
      stop: vi.fn(),
      current: () => annotator as unknown as Annotator,
      useSettings: vi.fn(),
    };
    loadCard = vi.fn(async () => ({ open: vi.fn(async () => undefined) }));
    handlers = spied(
      createContentHandlers({
        doc: document,
        session,
        loadCard: loadCard as never,
        signal: new AbortController().signal,
      }),
    );
  });
  afterEach(() => vi.restoreAllMocks());

  // The content script is messaged by the background (tabs.sendMessage): its sender has no tab.
  const background = (): Sender => ({
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL('/background.js'),
  });
  const send = (message: unknown, sender: Sender = background()) =>
    dispatch(toContent, handlers, message, sender);

  it('refuses malformed messages and payloads, and runs no handler', async () => {
    const bad: unknown[] = [
      ...MALFORMED_ANYWHERE,
      // Background messages are not the content script's.
      { type: 'getInfo', data: null },
      { type: 'focusMention', data: { step: 2 } },
      { type: 'focusMention', data: null },
      { type: 'revealMention', data: { ref: { kind: 'entity' } } },
      { type: 'revealMention', data: { ref: 'cate-blanchett' } },
      { type: 'showLookup', data: { query: 5, entityId: null } },
      { type: 'showLookup', data: { query: 'x'.repeat(201), entityId: null } },
      { type: 'showLookup', data: { query: 'Jane Doe', entityId: 3 } },
      { type: 'getReport', data: { please: true } },
    ];
    for (const message of bad) {
      const reply = await send(message);
      expect(isRefusal(reply), JSON.stringify(message)?.slice(0, 80)).toBe(true);
    }
    expect(calls(handlers)).toBe(0);
    expect(annotator.focusMention).not.toHaveBeenCalled();
    expect(loadCard).not.toHaveBeenCalled();
  });

  it('gives no answer to another extension', () => {
    expect(send({ type: 'getReport', data: null }, otherExtension())).toBeUndefined();
  });

  it('answers well-formed messages through the same path', async () => {
    expect(await send({ type: 'focusMention', data: { step: -1 } })).toEqual({ ok: true });
    expect(annotator.focusMention).toHaveBeenCalledWith(-1);
    const ref = { kind: 'topic', id: 'fair-use' };
    expect(await send({ type: 'revealMention', data: { ref } })).toEqual({ ok: true });
    expect(annotator.revealRef).toHaveBeenCalledWith(ref);
    expect(await send({ type: 'getReport', data: null })).toMatchObject({ people: [] });
    expect(await send({ type: 'showLookup', data: { query: 'Jane Doe', entityId: null } })).toEqual({
      ok: true,
    });
  });

  it('turns a failing handler into a refusal (a thrown error never reaches the listener)', async () => {
    annotator.focusMention.mockRejectedValueOnce(new Error('the page went away'));
    expect(await send({ type: 'focusMention', data: { step: 1 } })).toEqual({
      refused: 'failed',
      detail: 'Error: the page went away',
    });
  });

  it('is what the content script listens with, and stops listening when told', async () => {
    const stop = listen(toContent, handlers);
    const [refusal] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'scanPage', data: 1 },
      background(),
    );
    expect(refusal).toMatchObject({ refused: 'malformed' });
    stop();
    expect(
      await fakeBrowser.runtime.onMessage.trigger({ type: 'scanPage', data: null }, background()),
    ).toEqual([]);
  });
});

describe('senders', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reject with the refusal, so callers handle it as they handle any failure', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ refused: 'not-allowed', detail: 'no' });
    await expect(sendToBackground('getHistory', {})).rejects.toBeInstanceOf(MessageRefused);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ refused: 'malformed', detail: 'bad step' });
    await expect(sendToTab(1, 'focusMention', { step: 1 })).rejects.toThrow('bad step');
  });

  it('pass an ordinary reply through', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true });
    expect(await sendToTab(1, 'scanPage', null)).toEqual({ ok: true });
  });
});
