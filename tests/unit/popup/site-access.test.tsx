/**
 * The popup's site-access panel over the real background handlers and an in-memory permissions
 * API (tests/unit/support/fake-access.ts): what it says for each state, and what each action asks
 * the browser for and saves.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../components/popup/Popup';
import { EVERY_SITE, sitePatterns } from '../../../lib/access/sites';
import { getSettings, setSettings } from '../../../lib/settings/settings';
import { msg } from '../card/messages';
import { fakeAccess } from '../support/fake-access';
import { click, pageReport, text, waitFor } from './helpers';
import { useBackground } from '../support/ui';

const TAB = 7;
const HOST = 'news.example';
const { bg, show } = useBackground();

beforeEach(() => {
  // The tab's content script: not there until "injected", then it answers.
  let running = false;
  bg.tabMessages.mockImplementation(async (_tab: unknown, message: { type: string }) => {
    if (!running) throw new Error('Receiving end does not exist.');
    return message.type === 'scanPage' ? { ok: true } : pageReport([['ben-stiller', 1]]);
  });
  inject.mockReset();
  inject.mockImplementation(async () => {
    running = true;
    return [];
  });
  // WXT's fake browser has no executeScript: the injection is this spy.
  (fakeBrowser.scripting as unknown as { executeScript: typeof inject }).executeScript = inject;
});

const inject = vi.fn(async (): Promise<unknown[]> => []);

async function popup() {
  const { host } = show(<Popup search={`?tabId=${TAB}`} close={vi.fn()} />);
  const $ = (s: string) => host.querySelector<HTMLElement>(s);
  const panel = await waitFor('the site panel', () => $('[data-testid="site-access"]'));
  return { $, panel };
}

describe('site access in the popup', () => {
  it('no access yet: says so, and "Scan this page" injects the script and shows the roster', async () => {
    const p = await popup();
    expect(p.panel.dataset.kind).toBe('no-access');
    expect(text(p.panel.querySelector('.pp-access__line'))).toBe(msg('popupAccessNone', HOST));
    // Every-site mode without the grant: the popup offers the grant, not a per-site one.
    expect(p.$('[data-testid="access-lost"]')).not.toBeNull();
    await click(p.$('[data-testid="scan-page"]'));
    await waitFor('the roster', () => p.$('[data-testid="roster-person"]'));
    expect(inject).toHaveBeenCalledWith({ target: { tabId: TAB }, files: ['/content-scripts/content.js'] });
    expect(bg.tabMessages).toHaveBeenCalledWith(TAB, { type: 'scanPage', data: null });
    // Asking nothing of the browser: "Scan this page" works through activeTab.
    expect(fakeAccess.requests).toEqual([]);
  });

  it('"Allow on every site" asks for every site, keeps the mode, and reads the page', async () => {
    const p = await popup();
    await click(p.$('[data-testid="allow-every-site"]'));
    await waitFor('the roster', () => p.$('[data-testid="roster-person"]'));
    expect(fakeAccess.requests).toEqual([[EVERY_SITE]]);
    expect((await getSettings()).mode).toBe('everywhere');
    expect(p.$('[data-testid="site-access"]')?.dataset.kind).toBe('on');
  });

  it('"Always run on this site" from "only when I click" asks for the site and allows it', async () => {
    await setSettings({ mode: 'on-click' });
    fakeAccess.origins.add(EVERY_SITE);
    const p = await popup();
    expect(p.panel.dataset.kind).toBe('off');
    expect(text(p.panel.querySelector('.pp-access__line'))).toBe(msg('popupAccessOnClick'));
    await click(p.$('[data-testid="always-run-here"]'));
    await waitFor('the roster', () => p.$('[data-testid="roster-person"]'));
    // Already covered by the every-site grant: no prompt.
    expect(fakeAccess.requests).toEqual([]);
    const settings = await getSettings();
    expect(settings.mode).toBe('allowed-sites');
    expect(settings.allowList).toEqual([HOST]);
  });

  it('a declined prompt changes nothing and says so', async () => {
    await setSettings({ mode: 'allowed-sites' });
    fakeAccess.grantOnRequest = false;
    const p = await popup();
    await click(p.$('[data-testid="always-run-here"]'));
    await waitFor('the notice', () => text(p.$('[data-testid="access-notice"]')) !== '');
    expect(text(p.$('[data-testid="access-notice"]'))).toBe(msg('popupAccessNotGranted'));
    expect(fakeAccess.requests).toEqual([sitePatterns(HOST)]);
    expect((await getSettings()).allowList).toEqual([]);
    expect(inject).not.toHaveBeenCalled();
  });

  it('on a site it runs on, "Turn off on this site" adds it to the deny list', async () => {
    fakeAccess.origins.add(EVERY_SITE);
    const p = await popup();
    expect(text(p.panel.querySelector('.pp-access__line'))).toBe(msg('popupAccessOn', HOST));
    await click(p.$('[data-testid="turn-off-here"]'));
    await waitFor('the off state', () => p.$('[data-testid="site-access"]')?.dataset.kind === 'off');
    expect((await getSettings()).denyList).toEqual([HOST]);
    expect(text(p.$('[data-testid="always-run-here"]'))).toBe(msg('popupTurnOnHere'));
  });
});
