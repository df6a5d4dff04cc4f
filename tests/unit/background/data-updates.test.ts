import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DATA_UPDATE_ALARM, syncDataUpdateAlarm } from '../../../lib/background/data-updates';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';

describe('the daily data-update alarm', () => {
  beforeEach(() => fakeBrowser.reset());

  it('exists only while updates are on and an address is set', async () => {
    expect(await syncDataUpdateAlarm(DEFAULT_SETTINGS)).toBe(false);
    expect(await fakeBrowser.alarms.get(DATA_UPDATE_ALARM)).toBeUndefined();

    const on = {
      ...DEFAULT_SETTINGS,
      dataUpdates: true,
      dataUpdateUrl: 'https://data.example/undersigned.json',
    };
    expect(await syncDataUpdateAlarm(on)).toBe(true);
    expect((await fakeBrowser.alarms.get(DATA_UPDATE_ALARM))?.periodInMinutes).toBe(24 * 60);

    // Turning it on again keeps the one alarm (and its schedule).
    await syncDataUpdateAlarm(on);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);

    await syncDataUpdateAlarm({ ...on, dataUpdateUrl: '' });
    expect(await fakeBrowser.alarms.get(DATA_UPDATE_ALARM)).toBeUndefined();
  });
});
