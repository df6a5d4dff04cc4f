/**
 * The options page's marks section: the mark level as an accessible radio group that saves at
 * once, the legend of every mark (following the mark style), and failures styled as failures.
 */
import { describe, expect, it, vi } from 'vitest';
import { Options } from '../../../components/options/Options';
import { getSettings, setSettings } from '../../../lib/settings/settings';
import type { FetchLike } from '../../../lib/store/update';
import { msg } from '../card/messages';
import { click, text, waitFor } from '../popup/helpers';
import { useBackground } from '../support/ui';

const fetch = vi.fn<FetchLike>(async () => Promise.reject(new TypeError('NetworkError')));
const { bg, show } = useBackground({ fetch });

async function options() {
  const { host } = show(<Options />);
  const $ = <T extends HTMLElement = HTMLElement>(s: string) => host.querySelector<T>(s);
  await waitFor('the settings', () => $('[data-testid="mark-level"]'));
  return { host, $ };
}

describe('the mark level', () => {
  it('offers three labelled choices, people and organisations by default, each with its hint', async () => {
    const o = await options();
    const group = o.$('[data-testid="mark-level"]')!;
    expect(group.tagName).toBe('FIELDSET');
    expect(text(group.querySelector('legend'))).toBe(msg('optionsMarkLevel'));
    const radios = [...group.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.value)).toEqual(['people', 'people-organisations', 'everything']);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    for (const radio of radios) {
      // A real label and a hint tied to the input: what a screen reader reads.
      expect(text(o.$(`label[for="${radio.id}"]`))).not.toBe('');
      const hint = o.$(`#${radio.getAttribute('aria-describedby')}`);
      expect(text(hint)).not.toBe('');
      expect(radio.name).toBe('markLevel');
    }
    expect(text(o.$('label[for="level-people"]'))).toBe(msg('optionsMarkLevelPeople'));
    expect(text(group)).toContain(msg('optionsMarkLevelNote'));
  });

  it('saves a choice at once and follows a change made elsewhere', async () => {
    const o = await options();
    await click(o.$('[data-testid="level-people"]'));
    await waitFor('saved', () => text(o.$('[data-testid="saved"]')) === msg('optionsSaved'));
    expect((await getSettings()).markLevel).toBe('people');
    expect(o.$('[data-testid="saved"]')!.dataset.error).toBeUndefined();

    await setSettings({ markLevel: 'everything' });
    await waitFor('the other choice', () => o.$<HTMLInputElement>('#level-everything')?.checked);
  });

  it('says a failed save as an error', async () => {
    const o = await options();
    const handler = bg.handlers.setSettings;
    bg.handlers.setSettings = () => Promise.reject(new Error('storage is full'));
    await click(o.$('[data-testid="level-everything"]'));
    const live = await waitFor('the failure', () => {
      const el = o.$('[data-testid="saved"]');
      return el && text(el) === msg('optionsSaveFailed') ? el : null;
    });
    expect(live.classList.contains('op-saved--error')).toBe(true);
    bg.handlers.setSettings = handler;
  });
});

describe('other failures on the page', () => {
  it('show a failed data check as an error', async () => {
    await setSettings({ dataUpdates: true, dataUpdateUrl: 'https://data.example/bundle.json' });
    const o = await options();
    await waitFor('the button enabled', () => !o.$<HTMLButtonElement>('[data-testid="check-now"]')?.disabled);
    await click(o.$('[data-testid="check-now"]'));
    const result = await waitFor('the failure', () => {
      const el = o.$('[data-testid="update-result"]');
      return el?.classList.contains('op-result--error') ? el : null;
    });
    expect(text(result)).toContain('NetworkError');
  });
});

describe('the legend', () => {
  it('lists every mark style, and follows the mark style chosen', async () => {
    const o = await options();
    const legend = o.$('[data-testid="options-marks"] [data-testid="mark-legend"]')!;
    const rows = [...legend.querySelectorAll<HTMLElement>('[data-category]')];
    // The legend's rows, strongest claim first.
    const legendOrder = ['signed', 'signedSingle', 'organiser', 'actor', 'unconfirmed', 'topic'];
    expect(rows.map((r) => r.dataset.category)).toEqual(legendOrder);
    const lines = rows.map((r) => text(r.querySelector('.us-legend__line')));
    expect(lines).toEqual([
      msg('legendLineSolid'),
      msg('legendLineThin'),
      msg('legendLineDouble'),
      msg('legendLineDotted'),
      msg('legendLineWavy'),
      msg('legendLineDashed'),
    ]);
    // Each sample is drawn with its mark's line (the samples are decoration for screen readers).
    const samples = rows.map((r) => r.querySelector<HTMLElement>('.us-legend__sample')!);
    expect(samples.every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(samples[1]!.getAttribute('style')).toMatch(/underline solid .* 1px/);
    expect(samples[0]!.getAttribute('style')).toMatch(/underline solid .* 2px/);

    await click(o.$('#mark-background'));
    await waitFor('the background legend', () => legend.dataset.style === 'background');
    expect(text(legend)).toContain(msg('legendBackgroundNote'));
  });
});
