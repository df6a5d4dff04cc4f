/**
 * The daily data-update check: an alarm exists exactly while the user has turned updates on and
 * given an address. Alarms survive the background being stopped, so no timer is kept in memory.
 * Each check is runDataUpdate (lib/store/update.ts), which validates and never sends anything
 * about the user's browsing.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/settings';

export const DATA_UPDATE_ALARM = 'undersigned-data-update';
const DAY_MINUTES = 24 * 60;

export async function syncDataUpdateAlarm(settings: Settings): Promise<boolean> {
  const wanted = settings.dataUpdates && settings.dataUpdateUrl !== '';
  const existing = await browser.alarms.get(DATA_UPDATE_ALARM);
  if (wanted && !existing) {
    // The first check soon after it is turned on, then at most once a day.
    await browser.alarms.create(DATA_UPDATE_ALARM, { delayInMinutes: 1, periodInMinutes: DAY_MINUTES });
  } else if (!wanted && existing) {
    await browser.alarms.clear(DATA_UPDATE_ALARM);
  }
  return wanted;
}
