/**
 * The options page over the real background handlers: each change is saved at once through
 * setSettings (and announced), host lists are normalised, clearing history asks first, and the
 * data section shows the installed data and runs "Check now".
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Options } from '../../../components/options/Options';
import { countHistory } from '../../../lib/store/history';
import { getSettings } from '../../../lib/settings/settings';
import type { FetchLike } from '../../../lib/store/update';
import { msg } from '../card/messages';
import { bundled, click, pageReport, text, typeInto, waitFor } from '../popup/helpers';
import { useBackground } from '../support/ui';

const fetch = vi.fn<FetchLike>(async () => new Response(null, { status: 304 }));
const { bg, show } = useBackground({ fetch });
afterEach(() => {
  fetch.mockClear();
});

async function options() {
  const { host } = show(<Options />);
  const $ = <T extends HTMLElement = HTMLElement>(s: string) => host.querySelector<T>(s);
  await waitFor('the settings', () => $('[data-testid="options-mode"]'));
  const saved = () => text($('[data-testid="saved"]'));
  const setSettingsCalls = () => bg.sent.filter(([type]) => type === 'setSettings').map(([, data]) => data);
  return { host, $, saved, setSettingsCalls };
}

describe('settings', () => {
  it('saves the mode at once and announces "Saved" in a polite live region', async () => {
    const o = await options();
    const live = o.$('[data-testid="saved"]');
    expect(live?.getAttribute('role')).toBe('status');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    const radio = o.$<HTMLInputElement>('#mode-on-click');
    expect(o.$<HTMLInputElement>('#mode-everywhere')?.checked).toBe(true);
    // Each mode says what it does.
    expect(text(o.$('#mode-on-click-hint'))).toBe(msg('optionsModeOnClickHint'));
    expect(radio?.getAttribute('aria-describedby')).toBe('mode-on-click-hint');
    await click(radio);
    await waitFor('Saved', () => o.saved() === msg('optionsSaved'));
    expect(o.setSettingsCalls()).toEqual([{ mode: 'on-click' }]);
    expect((await getSettings()).mode).toBe('on-click');
    expect(radio?.checked).toBe(true);
  });

  it('saves the mark style, first-mention-only, badge and history switches', async () => {
    const o = await options();
    await click(o.$('#mark-background'));
    await click(o.$('[data-testid="first-mention-only"]'));
    await click(o.$('[data-testid="badge"]'));
    await click(o.$('[data-testid="history"]'));
    await waitFor('four saves', () => o.setSettingsCalls().length === 4);
    expect(o.setSettingsCalls()).toEqual([
      { markStyle: 'background' },
      { firstMentionOnly: true },
      { badge: false },
      { history: false },
    ]);
    const settings = await getSettings();
    expect(settings).toMatchObject({
      markStyle: 'background',
      firstMentionOnly: true,
      badge: false,
      history: false,
    });
  });

  it('adds normalised hosts to the allow and deny lists, refuses non-hosts, and removes them', async () => {
    const o = await options();
    const allow = o.$('[data-testid="allow-list"]');
    const input = allow?.querySelector('input') as HTMLInputElement;
    await typeInto(input, 'https://www.Example.com/some/page');
    await click(allow?.querySelector('button[type="submit"]'));
    await waitFor('the host in the list', () => allow?.querySelector('.op-hostlist li'));
    expect(text(allow?.querySelector('.op-hostlist li span'))).toBe('www.example.com');
    expect(o.setSettingsCalls()).toEqual([{ allowList: ['www.example.com'] }]);
    expect(input.value).toBe('');

    await typeInto(input, 'not a host!');
    await click(allow?.querySelector('button[type="submit"]'));
    expect(text(allow?.querySelector('[role="alert"]'))).toBe(msg('optionsHostInvalid', 'not a host!'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(o.setSettingsCalls()).toHaveLength(1);

    const deny = o.$('[data-testid="deny-list"]');
    await typeInto(deny?.querySelector('input') as HTMLInputElement, '*.Tracker.example.');
    await click(deny?.querySelector('button[type="submit"]'));
    await waitFor('the deny list', () => deny?.querySelector('.op-hostlist li'));
    expect((await getSettings()).denyList).toEqual(['tracker.example']);

    const remove = allow?.querySelector('.op-remove');
    expect(remove?.getAttribute('aria-label')).toBe(msg('optionsHostRemoveLabel', 'www.example.com'));
    await click(remove);
    await waitFor('the empty list', () => !allow?.querySelector('.op-hostlist'));
    expect((await getSettings()).allowList).toEqual([]);
  });
});

describe('history', () => {
  it('clears the history only after confirmation, and says it did', async () => {
    await bg.report(3, pageReport([['mark-ruffalo', 1]]));
    expect(await countHistory(await bg.store.get())).toBe(1);
    const o = await options();

    await click(o.$('[data-testid="clear-history"]'));
    expect(text(o.$('.op-confirm__text'))).toBe(msg('optionsHistoryConfirm'));
    await click(o.$('[data-testid="clear-cancel"]'));
    expect(o.$('[data-testid="clear-confirm"]')).toBeNull();
    expect(await countHistory(await bg.store.get())).toBe(1);

    await click(o.$('[data-testid="clear-history"]'));
    await click(o.$('[data-testid="clear-confirm"]'));
    await waitFor('the result', () => text(o.$('[data-testid="clear-result"]')) !== '');
    expect(text(o.$('[data-testid="clear-result"]'))).toBe(msg('optionsHistoryCleared'));
    expect(await countHistory(await bg.store.get())).toBe(0);
  });
});

describe('data', () => {
  it('shows the installed data’s version, date, counts and sources', async () => {
    const o = await options();
    await waitFor('the data facts', () => o.$('[data-testid="data-version"]'));
    expect(text(o.$('[data-testid="data-version"]'))).toBe(bundled.version);
    expect(text(o.$('[data-testid="data-counts"]'))).toBe(msg('optionsDataCountsDetail', '40', '400+'));
    const section = o.$('[data-testid="options-data"]');
    expect(text(section)).toContain(msg('optionsDataProvenance'));
    expect(section?.querySelectorAll('.us-sources a').length).toBeGreaterThan(0);
    expect(text(section)).toContain(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${bundled.compiled}T00:00:00Z`),
      ),
    );
  });

  it('refuses a non-https update URL, saves a good one, and checks now with the result shown', async () => {
    const o = await options();
    const check = o.$<HTMLButtonElement>('[data-testid="check-now"]');
    expect(check?.disabled).toBe(true);
    await click(o.$('[data-testid="data-updates"]'));
    const url = o.$<HTMLInputElement>('[data-testid="update-url"]') as HTMLInputElement;
    await typeInto(url, 'http://data.example/bundle.json');
    url.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor('the error', () => o.$('[data-testid="options-data"] [role="alert"]'));
    expect(text(o.$('[data-testid="options-data"] [role="alert"]'))).toBe(msg('optionsUpdateUrlInvalid'));

    await typeInto(url, 'https://data.example/bundle.json');
    url.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor('the URL saved', () => o.setSettingsCalls().length === 2);
    expect(o.setSettingsCalls()).toEqual([
      { dataUpdates: true },
      { dataUpdateUrl: 'https://data.example/bundle.json' },
    ]);
    expect(text(o.$('[data-testid="update-result"]'))).toBe(msg('optionsUpdateNever'));

    await waitFor('the button enabled', () => !o.$<HTMLButtonElement>('[data-testid="check-now"]')?.disabled);
    await click(o.$('[data-testid="check-now"]'));
    await waitFor('the result', () =>
      text(o.$('[data-testid="update-result"]')).includes(msg('optionsUpdateNotModified')),
    );
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[0]).toBe('https://data.example/bundle.json');
  });
});

describe('privacy', () => {
  it('states that nothing leaves the browser', async () => {
    const o = await options();
    expect(text(o.$('[data-testid="options-privacy"]'))).toContain('Nothing leaves your browser.');
  });
});
