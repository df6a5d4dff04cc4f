/**
 * The popup reports what the page shows: on a page not about AI and copyright it says topics were
 * found but are not marked, and offers nothing to reveal; what the mark level leaves out is said,
 * with the way to change it; letter anchors are one row that says what they are about; errors are
 * styled as errors; and the legend lists every mark.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

import type { PageReport } from '../../../lib/messaging/protocol';
import { setSettings } from '../../../lib/settings/settings';
import { msg } from '../card/messages';
import { click, pageReport, text, waitFor } from './helpers';
import { showPopup, useBackground } from '../support/ui';

const { bg, show } = useBackground();

const TAB = 11;

const popup = (copy = vi.fn(async (_text: string) => {})) => showPopup({ show }, TAB, { copy });

function ordinaryPage(people: [string, number][], topicsOffPage: number): PageReport {
  return {
    ...pageReport(people),
    classification: { aiCopyright: false, letter: false, otherInitiative: false },
    unmarked: { topicsOffPage, hiddenByLevel: 0 },
  };
}

describe('a page not about AI and copyright', () => {
  it('says topics were found but are not marked, and offers none to reveal', async () => {
    await bg.report(TAB, ordinaryPage([['donald-trump', 3]], 4));
    const p = popup();
    const note = await waitFor('the note', () => p.$('[data-testid="topics-off-page"]'));
    expect(text(note)).toBe(msg('popupTopicsOffPageMany', '4'));
    expect(p.$$('[data-testid="roster-topic"]')).toEqual([]);
    // The note is words, not a control: nothing in it can be chosen.
    expect(note.querySelector('button, a')).toBeNull();
    expect(text(p.$('[data-testid="page-summary"]'))).not.toMatch(/topic/);
  });

  it('with nobody marked, says nothing is marked rather than nothing found', async () => {
    await bg.report(TAB, ordinaryPage([], 1));
    const p = popup();
    const summary = await waitFor('the summary', () => p.$('[data-testid="page-summary"]'));
    expect(text(summary)).toBe(msg('popupSummaryNothingMarked'));
    expect(text(p.$('[data-testid="topics-off-page"]'))).toBe(msg('popupTopicsOffPageOne'));
  });
});

describe('an AI-and-copyright page', () => {
  it('says what the mark level leaves out, and opens the settings to change it', async () => {
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await bg.report(TAB, {
      ...pageReport([['mark-ruffalo', 2]]),
      unmarked: { topicsOffPage: 0, hiddenByLevel: 3 },
    });
    const p = popup();
    const note = await waitFor('the level note', () => p.$('[data-testid="hidden-by-level"]'));
    expect(text(note)).toContain(msg('popupHiddenByLevelMany', '3'));
    expect(p.$('[data-testid="topics-off-page"]')).toBeNull();
    await click(p.$('[data-testid="change-marks"]'));
    expect(openOptions).toHaveBeenCalled();
  });

  it('lists letter anchors as one row about the letter, never under a raw figure', async () => {
    await bg.report(
      TAB,
      pageReport(
        [['mark-ruffalo', 1]],
        [
          ['letter-figures', 3],
          ['ostp', 1],
          ['copyright', 2],
          ['other-initiative', 1],
        ],
      ),
    );
    const p = popup();
    const rows = await waitFor('the topic rows', () => {
      const found = p.$$('[data-testid="roster-topic"]');
      return found.length > 0 ? found : null;
    });
    const view = rows.map((row) => ({
      id: row.dataset.id,
      name: text(row.querySelector('.pp-row__name')),
      term: row.querySelector('.pp-row__name--term') !== null,
      count: text(row.querySelector('.pp-row__count')),
    }));
    expect(view).toEqual([
      { id: 'letter-figures', name: msg('popupTopicLetter'), term: false, count: '4 mentions' },
      { id: 'copyright', name: 'copyright', term: true, count: '2 mentions' },
      { id: 'other-initiative', name: msg('popupTopicOtherInitiative'), term: false, count: '1 mention' },
    ]);
    expect(rows.map((row) => text(row)).join(' ')).not.toMatch(/2\.3M|American jobs|SB 1047/);
    expect(text(p.$('[data-testid="page-summary"]'))).toContain('3 topics');
  });

  it('styles a failed copy as an error that says what to do', async () => {
    await bg.report(TAB, pageReport([['mark-ruffalo', 1]]));
    const p = popup(vi.fn(async () => Promise.reject(new Error('denied'))));
    await click(await waitFor('copy', () => p.$('[data-testid="copy-markdown"]')));
    const notice = await waitFor('the notice', () => {
      const n = p.$('[data-testid="page-notice"]');
      return n && text(n) !== '' ? n : null;
    });
    expect(text(notice)).toBe(msg('exportCopyFailed'));
    expect(notice.classList.contains('pp-notice--error')).toBe(true);
  });
});

describe('the legend in the popup', () => {
  it('lists every mark, each drawn as on the page, in the reader’s mark style', async () => {
    await setSettings({ markStyle: 'background' });
    await bg.report(TAB, pageReport([['mark-ruffalo', 1]]));
    const p = popup();
    const legend = await waitFor('the legend', () =>
      p.$('[data-testid="popup-legend"] [data-testid="mark-legend"]'),
    );
    // Closed by default (a <details>), its summary names it.
    expect(text(p.$('[data-testid="popup-legend"] summary'))).toBe(msg('legendHeading'));
    await waitFor('the style', () => legend.dataset.style === 'background');
    const rows = [...legend.querySelectorAll<HTMLElement>('[data-category]')];
    // The legend's rows, strongest claim first.
    const legendOrder = ['signed', 'signedSingle', 'organiser', 'actor', 'unconfirmed', 'topic'];
    expect(rows.map((row) => row.dataset.category)).toEqual(legendOrder);
    expect(text(rows[1])).toContain(msg('legendSignedSingle'));
    expect(text(legend)).toContain(msg('legendBackgroundNote'));
  });
});
