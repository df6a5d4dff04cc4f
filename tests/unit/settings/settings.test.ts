/** Settings: typed defaults, validated writes, change events across contexts. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  getSettings,
  normaliseHost,
  onSettingsChanged,
  resetSettings,
  SETTINGS_KEY,
  setSettings,
  shouldScanHost,
  type Settings,
} from '../../../lib/settings/settings';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('start from the defaults: scan everywhere, history on, data updates off', async () => {
    const settings = await getSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    // The product decisions behind the defaults, each stated once here.
    expect(settings).toMatchObject({
      mode: 'everywhere',
      history: true,
      dataUpdates: false,
      dataUpdateUrl: '',
    });
    expect(settings).toMatchObject({
      markStyle: 'underline',
      markLevel: 'people-organisations',
      badge: true,
    });
    expect(settings).toMatchObject({ allowList: [], denyList: [], firstMentionOnly: false });
  });

  it('apply a patch, keep the other fields, and persist in storage.local', async () => {
    const next = await setSettings({
      history: false,
      markStyle: 'background',
      allowList: ['https://www.Example.com/news', 'lemonde.fr.'],
    });
    expect(next).toEqual({
      ...DEFAULT_SETTINGS,
      history: false,
      markStyle: 'background',
      allowList: ['www.example.com', 'lemonde.fr'],
    });
    expect(await getSettings()).toEqual(next);
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(next);
  });

  it('take a mark level only from its three choices, and default to people and organisations', async () => {
    for (const level of ['people', 'people-organisations', 'everything'] as const) {
      expect((await setSettings({ markLevel: level })).markLevel).toBe(level);
    }
    for (const bad of ['all', 'People', '', null, 3, ['people']]) {
      await setSettings({ markLevel: 'everything' });
      const next = await setSettings({ markLevel: bad } as unknown as Partial<Settings>);
      expect(next.markLevel, String(bad)).toBe('everything');
    }
    // A stored value nobody should have written reads as the default.
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { markLevel: 'loud' } });
    expect((await getSettings()).markLevel).toBe('people-organisations');
  });

  it('migrate settings stored before mark levels: the default level, every other field kept', async () => {
    const older = {
      mode: 'allowed-sites',
      allowList: ['lemonde.fr'],
      denyList: [],
      markStyle: 'background',
      firstMentionOnly: true,
      badge: false,
      history: false,
      dataUpdates: false,
      dataUpdateUrl: '',
    };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: older });
    expect(await getSettings()).toEqual({ ...older, markLevel: 'people-organisations' });
    // The next write stores the level with the rest.
    await setSettings({ badge: true });
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;
    expect(stored.markLevel).toBe('people-organisations');
  });

  it('tell other contexts about a new mark level', async () => {
    const seen: string[] = [];
    const stop = onSettingsChanged((s) => seen.push(s.markLevel));
    await setSettings({ markLevel: 'people' });
    stop();
    expect(seen).toEqual(['people']);
  });

  it('ignore invalid values instead of storing them', async () => {
    const next = await setSettings({
      mode: 'sometimes',
      markStyle: 42,
      history: 'yes',
      denyList: ['ok.example', 'not a host', 7],
      dataUpdateUrl: 'http://data.example/bundle.json',
    } as unknown as Partial<Settings>);
    expect(next).toEqual({ ...DEFAULT_SETTINGS, denyList: ['ok.example'] });
    expect((await setSettings({ dataUpdateUrl: 'https://data.example/bundle.json' })).dataUpdateUrl).toBe(
      'https://data.example/bundle.json',
    );
  });

  it('read a damaged stored value field by field', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { mode: 'on-click', badge: 'nope' } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, mode: 'on-click' });
  });

  it('tell subscribers about changes, until they unsubscribe', async () => {
    const seen: Settings[] = [];
    const unsubscribe = onSettingsChanged((s) => seen.push(s));
    await setSettings({ firstMentionOnly: true });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    unsubscribe();
    await setSettings({ badge: false });
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, firstMentionOnly: true }]);
  });

  it('reset to the defaults', async () => {
    await setSettings({ history: false });
    expect(await resetSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('which pages are scanned', () => {
  const with_ = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

  it('follows the mode and the lists; the deny list always wins; subdomains are covered', () => {
    expect(shouldScanHost(with_({}), 'news.example')).toBe(true);
    expect(shouldScanHost(with_({ denyList: ['example.com'] }), 'www.example.com')).toBe(false);
    expect(
      shouldScanHost(with_({ mode: 'allowed-sites', allowList: ['lemonde.fr'] }), 'www.lemonde.fr'),
    ).toBe(true);
    expect(shouldScanHost(with_({ mode: 'allowed-sites', allowList: ['lemonde.fr'] }), 'notlemonde.fr')).toBe(
      false,
    );
    expect(shouldScanHost(with_({ mode: 'on-click', allowList: ['lemonde.fr'] }), 'lemonde.fr')).toBe(false);
    expect(normaliseHost('*.Example.org')).toBe('example.org');
    expect(normaliseHost('javascript:alert(1)')).toBeNull();
  });
});
