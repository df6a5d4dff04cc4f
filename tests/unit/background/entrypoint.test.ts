/** The background entrypoint's wiring: install seeds the store, messages reach the handlers. */
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background/index';
import { DB_NAME } from '../../../lib/store/db';
import { bundled, freshEnvironment } from '../store/helpers';

beforeEach(() => {
  freshEnvironment();
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  // WXT's fake browser has no in-memory commands API; the shortcut is covered end to end.
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
  // Nor a contextMenus API; the menu's wiring is tested in lookup.test.ts.
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

async function waitFor<T>(probe: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

describe('background entrypoint', () => {
  it('seeds the store on install and answers our own messages only', async () => {
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });

    const version = await waitFor(async () => {
      const db = await openDB(DB_NAME);
      try {
        return db.objectStoreNames.contains('meta')
          ? ((await db.get('meta', 'data')) as { version: string } | undefined)?.version
          : undefined;
      } finally {
        db.close();
      }
    });
    expect(version).toBe(bundled.version);

    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'searchPeople', data: { query: 'blanchet' } },
      sender,
    );
    expect((answer as unknown as { entity: { id: string } }[])[0]?.entity.id).toBe('cate-blanchett');

    const [foreign] = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'searchPeople', data: { query: 'blanchet' } },
      { id: 'some-other-extension' },
    );
    expect(foreign).toBeUndefined();
  });
});
