/**
 * The set-up of the popup's, options page's and welcome page's tests: a fresh background (real
 * handlers over fake-indexeddb, tests/unit/popup/helpers.ts) for each test, and what a test shows
 * unmounted after it.
 */
import type { ComponentChild } from 'preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { Popup, type PopupProps } from '../../../components/popup/Popup';
import type { FetchLike } from '../../../lib/store/update';
import { mount, startBackground, type Background } from '../popup/helpers';

export interface Shown {
  host: HTMLElement;
  $: <T extends HTMLElement = HTMLElement>(selector: string) => T | null;
  $$: (selector: string) => HTMLElement[];
}

export interface TestUi {
  /** This test's background (the same object in every test: it reads the current one). */
  bg: Background;
  /** Renders `node` into the document; it is unmounted after the test (or by `unmount`). */
  show(node: ComponentChild): Shown;
  unmount(): void;
}

/** Call at the top of a test file: hooks start a background before each test and clean up after. */
export function useBackground(options: { fetch?: FetchLike } = {}): TestUi {
  let current: Background | null = null;
  let unmountShown: (() => void) | null = null;
  const unmount = () => {
    unmountShown?.();
    unmountShown = null;
  };
  beforeEach(() => {
    current = startBackground(options);
  });
  afterEach(async () => {
    unmount();
    await current?.store.close();
    current = null;
    vi.restoreAllMocks();
  });
  const bg = new Proxy({} as Background, {
    get(_, key) {
      if (!current) throw new Error('the background runs only inside a test');
      return Reflect.get(current, key);
    },
  });
  return {
    bg,
    show(node) {
      const { host, unmount: remove } = mount(node);
      unmountShown = remove;
      return {
        host,
        $: <T extends HTMLElement = HTMLElement>(selector: string) => host.querySelector<T>(selector),
        $$: (selector) => [...host.querySelectorAll<HTMLElement>(selector)],
      };
    },
    unmount,
  };
}

/** The popup for tab `tabId`, with spies for closing, copying and downloading (`extra` overrides). */
export function showPopup(ui: Pick<TestUi, 'show'>, tabId: number, extra: Partial<PopupProps> = {}) {
  const close = vi.fn();
  const copy = vi.fn(async (_text: string) => {});
  const download = vi.fn((_name: string, _text: string, _type: string) => {});
  const shown = ui.show(
    <Popup search={`?tabId=${tabId}`} close={close} copy={copy} download={download} {...extra} />,
  );
  return { ...shown, close, copy, download };
}
