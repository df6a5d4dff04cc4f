/**
 * The welcome page's one-click choices and the options page's permission requests, over the real
 * background handlers and the in-memory permissions API (tests/unit/support/fake-access.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { Options } from '../../../components/options/Options';
import { Welcome } from '../../../components/welcome/Welcome';
import { EVERY_SITE, sitePatterns } from '../../../lib/access/sites';
import { getSettings, setSettings } from '../../../lib/settings/settings';
import { msg } from '../card/messages';
import { click, text, typeInto, waitFor } from '../popup/helpers';
import { fakeAccess } from '../support/fake-access';
import { useBackground } from '../support/ui';

const { show } = useBackground();

function render(node: preact.ComponentChild) {
  const { host } = show(node);
  return (s: string) => host.querySelector<HTMLElement>(s);
}

describe('welcome page', () => {
  it('"Annotate every site" asks the browser for every site and turns annotation on', async () => {
    const $ = render(<Welcome openOptions={vi.fn()} />);
    await click(await waitFor('the button', () => $('[data-testid="welcome-every-site"]')));
    await waitFor('the result', () => text($('[data-testid="welcome-result"]')) !== '');
    expect(text($('[data-testid="welcome-result"]'))).toBe(msg('welcomeDoneEverySite'));
    expect(fakeAccess.requests).toEqual([[EVERY_SITE]]);
    expect([...fakeAccess.origins]).toEqual([EVERY_SITE]);
    expect((await getSettings()).mode).toBe('everywhere');
  });

  it('a declined prompt is said plainly and changes nothing', async () => {
    fakeAccess.grantOnRequest = false;
    await setSettings({ mode: 'on-click' });
    const $ = render(<Welcome openOptions={vi.fn()} />);
    await click(await waitFor('the button', () => $('[data-testid="welcome-every-site"]')));
    await waitFor('the result', () => text($('[data-testid="welcome-result"]')) !== '');
    expect(text($('[data-testid="welcome-result"]'))).toBe(msg('welcomeDeclined'));
    expect((await getSettings()).mode).toBe('on-click');
  });

  it('"Only sites I pick" asks for nothing and sets that mode', async () => {
    const $ = render(<Welcome openOptions={vi.fn()} />);
    await click(await waitFor('the button', () => $('[data-testid="welcome-pick-sites"]')));
    await waitFor('the result', () => text($('[data-testid="welcome-result"]')) !== '');
    expect(text($('[data-testid="welcome-result"]'))).toBe(msg('welcomeDonePickSites'));
    expect(fakeAccess.requests).toEqual([]);
    expect((await getSettings()).mode).toBe('allowed-sites');
  });
});

describe('options page access', () => {
  it('says when every-site mode has no access, and the button asks for it', async () => {
    const $ = render(<Options />);
    const alert = await waitFor('the missing-access alert', () => $('[data-testid="access-missing"]'));
    expect(alert.getAttribute('role')).toBe('alert');
    await click($('[data-testid="grant-every-site"]'));
    await waitFor('the alert to go', () => $('[data-testid="access-missing"]') === null);
    expect(fakeAccess.requests).toEqual([[EVERY_SITE]]);
  });

  it('choosing "every site" asks first, and keeps the old mode when declined', async () => {
    await setSettings({ mode: 'on-click' });
    fakeAccess.grantOnRequest = false;
    const $ = render(<Options />);
    await click(await waitFor('the radio', () => $('#mode-everywhere')));
    await waitFor('the notice', () => text($('[data-testid="saved"]')) === msg('popupAccessNotGranted'));
    expect((await getSettings()).mode).toBe('on-click');
    fakeAccess.grantOnRequest = true;
    await click($('#mode-everywhere'));
    await waitFor('the save', async () => (await getSettings()).mode === 'everywhere');
    expect(fakeAccess.requests).toEqual([[EVERY_SITE], [EVERY_SITE]]);
  });

  it('adding an allowed site asks for that site; one without access is marked with its own button', async () => {
    await setSettings({ mode: 'allowed-sites' });
    fakeAccess.grantOnRequest = false;
    const $ = render(<Options />);
    const list = await waitFor('the allow list', () => $('[data-testid="allow-list"]'));
    await typeInto(list.querySelector('input')!, 'https://www.BBC.co.uk/news');
    await click(list.querySelector('button[type="submit"]'));
    await waitFor('the saved host', async () => (await getSettings()).allowList.includes('www.bbc.co.uk'));
    expect(fakeAccess.requests).toEqual([sitePatterns('www.bbc.co.uk')]);
    await waitFor('the no-access marker', () => list.querySelector('[data-testid="host-no-access"]'));
    fakeAccess.grantOnRequest = true;
    await click(list.querySelector('[data-testid="host-grant"]'));
    await waitFor('the marker to go', () => list.querySelector('[data-testid="host-no-access"]') === null);
  });
});
