/**
 * The popup's and options page's tests talk to the REAL background handlers (over fake-indexeddb,
 * seeded with the committed bundle) through the real protocol: WXT's fake browser's
 * runtime.sendMessage is pointed at the handlers with an extension-page sender, so searches,
 * history and settings behave as they do in the browser. tabs.sendMessage (the content script) is
 * a spy each test programs.
 */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../../lib/background/handlers';
import type { PageReport, ToBackground } from '../../../lib/messaging/protocol';
import { createStoreAccess, type StoreAccess } from '../../../lib/store/store';
import type { FetchLike } from '../../../lib/store/update';
import { installMessages } from '../card/messages';
import { bundled, captureLog, freshEnvironment } from '../store/helpers';

export { bundled };

type Sender = Browser.runtime.MessageSender;

const extensionPage = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
});

const contentScript = (tabId: number, url: string): Sender => ({
  id: fakeBrowser.runtime.id,
  tab: {
    id: tabId,
    index: 0,
    highlighted: false,
    active: true,
    pinned: false,
    incognito: false,
  } as Browser.tabs.Tab,
  frameId: 0,
  url,
});

export interface Background {
  store: StoreAccess;
  handlers: ReturnType<typeof createBackgroundHandlers>;
  /** Every message the page sent, in order: [type, data]. */
  sent: [string, unknown][];
  /** The content script reporting a page, as it does on load (also records history). */
  report(tabId: number, report: PageReport): Promise<void>;
  tabMessages: ReturnType<typeof vi.fn>;
}

export function startBackground(options: { fetch?: FetchLike } = {}): Background {
  freshEnvironment();
  installMessages();
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
  const store = createStoreAccess({ loadBundled: () => bundled, log: captureLog() });
  const handlers = createBackgroundHandlers({ store, log: captureLog(), fetch: options.fetch });
  const sent: [string, unknown][] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: keyof ToBackground;
    data: unknown;
  }) => {
    sent.push([message.type, message.data]);
    const handler = handlers[message.type] as (data: unknown, sender: Sender) => unknown;
    // Structured clone, as real messaging does: the page never shares objects with the background.
    return structuredClone(await handler(message.data, extensionPage()));
  }) as never);
  const tabMessages = vi.fn(async (): Promise<unknown> => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  });
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(tabMessages as never);
  // Every tab the popup asks about is a news page (the browser shows its URL when the extension
  // has access or the user opened the popup on it).
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation((async (id: number) => ({
    id,
    url: TAB_URL,
  })) as never);
  return {
    store,
    handlers,
    sent,
    tabMessages,
    async report(tabId, report) {
      await handlers.reportPage(report, contentScript(tabId, report.url));
    },
  };
}

/** The URL of every tab in these tests. */
export const TAB_URL = 'https://news.example/story';

export function pageReport(
  people: [string, number][],
  topics: [string, number][] = [],
  url = 'https://news.example/story',
): PageReport {
  return {
    url,
    title: 'Hollywood stars ask for AI copyright help',
    people: people.map(([id, mentions]) => ({ id, mentions })),
    topics: topics.map(([id, mentions]) => ({ id, mentions })),
    classification: { aiCopyright: true, letter: true, otherInitiative: false },
  };
}

/** A host element in the document, rendered into; `unmount` cleans up. */
export function mount(node: ComponentChild): { host: HTMLElement; unmount: () => void } {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => {
    render(node, host);
  });
  return {
    host,
    unmount: () => {
      render(null, host);
      host.remove();
    },
  };
}

/** Polls (flushing Preact's effects) until `probe` returns a value, or fails with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 3000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let value: T | null | undefined | false = undefined;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
  }
}

export const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Types into an input the way a user does: value, then an input event. */
export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('click: no element');
  await act(async () => {
    (element as HTMLElement).click();
  });
}

export async function key(element: Element, name: string): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  });
}
