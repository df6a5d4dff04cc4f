/**
 * The background keeps the content script registered where mode and access allow, follows grants
 * and revocations, and opens the welcome page on install (lib/background/registration.ts and its
 * wiring in entrypoints/background).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background/index';
import { CONTENT_SCRIPT_ID, EVERY_SITE, sitePatterns } from '../../../lib/access/sites';
import {
  CONTENT_SCRIPT_FILE,
  syncRegistration,
  type ScriptingLike,
} from '../../../lib/background/registration';
import { DEFAULT_SETTINGS, setSettings } from '../../../lib/settings/settings';
import { freshEnvironment } from '../store/helpers';
import { fakeAccess } from '../support/fake-access';

const scripting = () => fakeBrowser.scripting as unknown as ScriptingLike;
const registered = () => fakeAccess.registered.get(CONTENT_SCRIPT_ID);

async function until<T>(probe: () => T | undefined | false, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

describe('syncRegistration', () => {
  it('registers, updates and unregisters as the mode and access change', async () => {
    expect(await syncRegistration(scripting(), DEFAULT_SETTINGS, { everySite: false, origins: [] })).toEqual(
      [],
    );
    expect(registered()).toBeUndefined();

    await syncRegistration(scripting(), DEFAULT_SETTINGS, { everySite: true, origins: [EVERY_SITE] });
    expect(registered()).toMatchObject({
      js: [CONTENT_SCRIPT_FILE.slice(1)],
      matches: [EVERY_SITE],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });

    const allowed = { ...DEFAULT_SETTINGS, mode: 'allowed-sites' as const, allowList: ['bbc.co.uk'] };
    await syncRegistration(scripting(), allowed, { everySite: true, origins: [EVERY_SITE] });
    expect(registered()?.matches?.sort()).toEqual(sitePatterns('bbc.co.uk').sort());

    await syncRegistration(
      scripting(),
      { ...DEFAULT_SETTINGS, mode: 'on-click' },
      { everySite: true, origins: [] },
    );
    expect(registered()).toBeUndefined();
  });
});

describe('background wiring', () => {
  beforeEach(() => {
    freshEnvironment();
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('on install opens the welcome page and registers nothing until access is granted', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await until(() => created.mock.calls.length > 0);
    expect(created.mock.calls[0]?.[0]).toMatchObject({ url: fakeBrowser.runtime.getURL('/welcome.html') });
    await new Promise((r) => setTimeout(r, 20));
    expect(registered()).toBeUndefined();

    // "Annotate every site": the grant alone registers the script on every site.
    await fakeBrowser.permissions.request({ origins: [EVERY_SITE] });
    expect((await until(() => registered()))?.matches).toEqual([EVERY_SITE]);

    // The user revokes it (Firefox's add-ons manager): the script is unregistered.
    await fakeBrowser.permissions.remove({ origins: [EVERY_SITE] });
    await until(() => registered() === undefined);
  });

  it('an update does not open the welcome page again; settings changes re-sync', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    fakeAccess.origins.add(EVERY_SITE);
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
    expect((await until(() => registered()))?.matches).toEqual([EVERY_SITE]);
    expect(created).not.toHaveBeenCalled();

    await setSettings({ mode: 'on-click' });
    await until(() => registered() === undefined);
    await setSettings({ mode: 'allowed-sites', allowList: ['example.com'] });
    expect((await until(() => registered()))?.matches?.sort()).toEqual(sitePatterns('example.com').sort());
  });

  it('the next-mention shortcut on an unread page reads it first (activeTab), then moves', async () => {
    let command: ((name: string) => void) | undefined;
    vi.mocked(fakeBrowser.commands.onCommand.addListener).mockImplementation(((
      listener: (n: string) => void,
    ) => {
      command = listener;
    }) as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5 }] as never);
    let running = false;
    const sent: string[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      _tab: number,
      message: { type: string },
    ) => {
      if (!running) throw new Error('Receiving end does not exist.');
      sent.push(message.type);
      return message.type === 'getReport' ? { people: [] } : { ok: true };
    }) as never);
    const inject = vi.fn(async () => {
      running = true;
      return [];
    });
    (fakeBrowser.scripting as unknown as { executeScript: typeof inject }).executeScript = inject;
    background.main();
    command?.('next-mention');
    await until(() => sent.includes('focusMention'));
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 5 }, files: [CONTENT_SCRIPT_FILE] });
    expect(sent).toEqual(['getReport', 'scanPage', 'focusMention']);
  });
});
