/**
 * Every key the extension keeps in `browser.storage`, defined once with its value's type and a
 * check of what is read back (an older version or another context wrote it). Code reads, writes
 * and watches these items by name, never through a string literal.
 *
 * A small wrapper rather than WXT's `storage.defineItem`: that one has no hook to check a stored
 * value, and these items are read in the content script, whose size is paid on every page.
 */
import { browser } from 'wxt/browser';
import { resolveSettings, type Settings } from '../settings/model';
import type { LookupResult, UpdateResult } from './to-background';
import type { PageReport } from './to-content';

export interface StorageItem<T> {
  readonly area: 'local' | 'session';
  readonly key: string;
  /** The stored value, checked (a missing or invalid one reads as the item's default). */
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  /** Calls `listener` with the checked new value whenever any context changes it; returns an unsubscribe. */
  watch(listener: (value: T) => void): () => void;
}

export function defineItem<T>(
  area: 'local' | 'session',
  key: string,
  parse: (stored: unknown) => T,
): StorageItem<T> {
  return {
    area,
    key,
    get: async () => parse((await browser.storage[area].get(key))[key]),
    set: (value) => browser.storage[area].set({ [key]: value }),
    remove: () => browser.storage[area].remove(key),
    watch(listener) {
      const handle = (changes: Record<string, { newValue?: unknown }>, changed: string) => {
        if (changed === area && key in changes) listener(parse(changes[key]?.newValue));
      };
      browser.storage.onChanged.addListener(handle);
      return () => browser.storage.onChanged.removeListener(handle);
    },
  };
}

/** storage.local: the user's settings (lib/settings). */
export const SETTINGS_KEY = 'settings';
export const settingsItem: StorageItem<Settings> = /* @__PURE__ */ defineItem(
  'local',
  SETTINGS_KEY,
  resolveSettings,
);

/** The data updater's own state, next to the settings in storage.local. */
export interface UpdateState {
  lastCheck: number | null;
  lastResult: UpdateResult | null;
  etag: string | null;
  /** The URL and installed version the ETag was saved for: either changing invalidates it. */
  etagFor: { url: string; version: string } | null;
}

/** storage.local: the data updater's state (lib/store/update.ts writes it, the options page shows it). */
export const UPDATE_STATE_KEY = 'dataUpdate';
const EMPTY_UPDATE_STATE: UpdateState = { lastCheck: null, lastResult: null, etag: null, etagFor: null };
export const updateStateItem: StorageItem<UpdateState> = /* @__PURE__ */ defineItem(
  'local',
  UPDATE_STATE_KEY,
  (stored) =>
    typeof stored === 'object' && stored !== null
      ? { ...EMPTY_UPDATE_STATE, ...(stored as Partial<UpdateState>) }
      : { ...EMPTY_UPDATE_STATE },
);

/** A context-menu lookup the page could not show, for the popup (components/popup/LookupPanel.tsx). */
export interface StoredLookup extends LookupResult {
  /** When it was looked up (ms since epoch): the popup ignores old ones. */
  at: number;
}

/** storage.session: the last lookup the page could not show (lib/background/lookup.ts writes it). */
export const LOOKUP_SESSION_KEY = 'lookup';
export const lookupItem: StorageItem<StoredLookup | null> = /* @__PURE__ */ defineItem(
  'session',
  LOOKUP_SESSION_KEY,
  toStoredLookup,
);

export function toStoredLookup(value: unknown): StoredLookup | null {
  const v = value as Partial<StoredLookup> | null | undefined;
  if (typeof v?.query !== 'string' || typeof v.at !== 'number') return null;
  if (v.entityId !== null && typeof v.entityId !== 'string') return null;
  return { query: v.query, entityId: v.entityId, match: v.match ?? 'none', at: v.at };
}

/** storage.session: what the content script reported for a tab (kept across the worker's restarts). */
export const tabKey = (tabId: number) => `tab:${tabId}`;
export function tabReportItem(tabId: number): StorageItem<PageReport | null> {
  // Only the background writes it, after the reportPage message passed its check.
  return defineItem('session', tabKey(tabId), (stored) =>
    typeof stored === 'object' && stored !== null ? (stored as PageReport) : null,
  );
}
