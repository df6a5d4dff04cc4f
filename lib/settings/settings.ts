/**
 * The user's settings, typed, with defaults, read and written through their storage item.
 *
 * Stored in `browser.storage.local`, not in the IndexedDB store, on purpose: the content script
 * needs them on every page (mode, lists, mark style) and cannot open our database (its
 * `indexedDB` is the page's), and storage.local is readable from every extension context
 * without waking the background, with `storage.onChanged` telling every open tab, popup and
 * options page about a change. The database therefore holds data and history only, and its
 * rebuilds can never lose settings.
 *
 * This folder imports nothing heavy (no lib/store, no idb): the content script uses it.
 */
import { SETTINGS_KEY, settingsItem } from '../messaging/storage';
import { DEFAULT_SETTINGS, sanitiseSettings, type Settings } from './model';

export * from './model';
export { SETTINGS_KEY };

export function getSettings(): Promise<Settings> {
  return settingsItem.get();
}

/** Applies the valid fields of `patch` and returns the settings now in force. */
export async function setSettings(patch: Partial<Settings> | unknown): Promise<Settings> {
  const next = { ...(await getSettings()), ...sanitiseSettings(patch) };
  await settingsItem.set(next);
  return next;
}

export async function resetSettings(): Promise<Settings> {
  await settingsItem.remove();
  return { ...DEFAULT_SETTINGS };
}

/** Calls `listener` with the new settings whenever any context changes them. Returns an unsubscribe. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch(listener);
}
