/** The storage items: one key each, a checked value on every read and change, in the right area. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lookupItem, settingsItem, tabReportItem, updateStateItem } from '../../../lib/messaging/storage';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';

beforeEach(() => fakeBrowser.reset());

describe('storage items', () => {
  it('read a missing or invalid value as the item’s default', async () => {
    expect(await settingsItem.get()).toEqual(DEFAULT_SETTINGS);
    expect(await lookupItem.get()).toBeNull();
    expect(await tabReportItem(3).get()).toBeNull();
    expect(await updateStateItem.get()).toEqual({
      lastCheck: null,
      lastResult: null,
      etag: null,
      etagFor: null,
    });
    await fakeBrowser.storage.session.set({ lookup: { query: 42, at: 1 }, 'tab:3': 'a string' });
    await fakeBrowser.storage.local.set({ settings: { mode: 'sometimes', badge: false }, dataUpdate: 7 });
    expect(await lookupItem.get()).toBeNull();
    expect(await tabReportItem(3).get()).toBeNull();
    expect(await settingsItem.get()).toEqual({ ...DEFAULT_SETTINGS, badge: false });
    expect((await updateStateItem.get()).lastCheck).toBeNull();
  });

  it('write where they say, and read back what they wrote', async () => {
    const lookup = { query: 'Jane Doe', entityId: null, match: 'none' as const, at: 5 };
    await lookupItem.set(lookup);
    expect(await fakeBrowser.storage.session.get('lookup')).toEqual({ lookup });
    expect(await fakeBrowser.storage.local.get('lookup')).toEqual({});
    expect(await lookupItem.get()).toEqual(lookup);
    await lookupItem.remove();
    expect(await fakeBrowser.storage.session.get('lookup')).toEqual({});
  });

  it('watch their own key in their own area only, with the value checked', async () => {
    const seen: unknown[] = [];
    const stop = lookupItem.watch((value) => seen.push(value));
    await fakeBrowser.storage.local.set({ lookup: { query: 'wrong area', entityId: null, at: 1 } });
    await fakeBrowser.storage.session.set({ other: 1 });
    await fakeBrowser.storage.session.set({ lookup: { query: 'Jane', entityId: null, at: 2 } });
    await fakeBrowser.storage.session.set({ lookup: { query: 9 } });
    stop();
    await fakeBrowser.storage.session.set({ lookup: { query: 'after', entityId: null, at: 3 } });
    expect(seen).toEqual([{ query: 'Jane', entityId: null, match: 'none', at: 2 }, null]);
  });

  it('keep one key per tab for the tabs’ reports', async () => {
    const report = {
      url: 'https://news.example/',
      title: 'T',
      people: [],
      topics: [],
      classification: { aiCopyright: false, letter: false, otherInitiative: false },
    };
    await tabReportItem(1).set(report);
    expect(await tabReportItem(1).get()).toEqual(report);
    expect(await tabReportItem(2).get()).toBeNull();
  });
});
