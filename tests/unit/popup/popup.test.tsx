/**
 * The popup over the real background handlers and the committed data: the roster with statuses,
 * counts and its summary, revealMention, search (forgiving and honest), the letter, history, the
 * tabs' keyboard behaviour and the export buttons.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resolveTabId } from '../../../components/popup/data';
import { HistoryTab } from '../../../components/popup/HistoryTab';
import type { PopupProps } from '../../../components/popup/Popup';
import { setSettings } from '../../../lib/settings/settings';
import { msg } from '../card/messages';
import { click, key, pageReport, text, typeInto, waitFor } from './helpers';
import { showPopup, useBackground } from '../support/ui';

const { bg, show, unmount } = useBackground();

const TAB = 7;

const popup = (extra: Partial<PopupProps> = {}) => showPopup({ show }, TAB, extra);

const rowsOf = (rows: HTMLElement[]) =>
  rows.map((row) => ({
    id: row.dataset.id,
    name: text(row.querySelector('.pp-row__name')),
    status: text(row.querySelector('.pp-badge')),
    variant: row.querySelector('[data-status]')?.getAttribute('data-status'),
    count: text(row.querySelector('.pp-row__count')),
  }));

/** Intl.ListFormat's "a, b, and c" or "a, b and c", whichever the test machine's locale gives. */
const list = (...parts: string[]) => new Intl.ListFormat(undefined, { type: 'conjunction' }).format(parts);

describe('This page', () => {
  it('lists signatories first, then the debate, then unconfirmed claims, then topics, with counts', async () => {
    await bg.report(
      TAB,
      pageReport(
        [
          ['donald-trump', 8],
          ['mark-ruffalo', 4],
          ['billie-eilish', 1],
          ['natasha-lyonne', 1],
          ['bryn-mooser', 2],
        ],
        [
          ['copyright', 3],
          ['fair-use', 5],
        ],
      ),
    );
    const p = popup();
    const rows = await waitFor('the roster', () => {
      const found = p.$$('[data-testid="roster-person"]');
      return found.length === 5 ? found : null;
    });
    expect(rowsOf(rows)).toEqual([
      { id: 'mark-ruffalo', name: 'Mark Ruffalo', status: 'Signed', variant: 'signed', count: '4 mentions' },
      {
        id: 'bryn-mooser',
        name: 'Bryn Mooser',
        status: 'Organiser, signed',
        variant: 'organiser',
        count: '2 mentions',
      },
      {
        id: 'natasha-lyonne',
        name: 'Natasha Lyonne',
        status: 'Organiser, signed',
        variant: 'organiser',
        count: '1 mention',
      },
      {
        id: 'donald-trump',
        name: 'Donald Trump',
        status: 'Not a signatory',
        variant: 'actor',
        count: '8 mentions',
      },
      {
        id: 'billie-eilish',
        name: 'Billie Eilish',
        status: 'Unconfirmed',
        variant: 'unconfirmed',
        count: '1 mention',
      },
    ]);
    // The glyph is there, hidden from screen readers: the words carry the status.
    expect(rows[0]?.querySelector('.pp-badge svg')?.getAttribute('aria-hidden')).toBe('true');
    const topics = p.$$('[data-testid="roster-topic"]');
    expect(
      topics.map((row) => [
        row.dataset.id,
        text(row.querySelector('.pp-row__name')),
        text(row.querySelector('.pp-row__count')),
      ]),
    ).toEqual([
      ['fair-use', 'fair use', '5 mentions'],
      ['copyright', 'copyright', '3 mentions'],
    ]);
    expect(text(p.$('[data-testid="page-summary"]'))).toBe(
      `${list('3 signatories', '1 other name from the debate', '1 unconfirmed claim', '2 topics')} on this page`,
    );
  });

  it('says the summary in the singular, and "No signatory" when only others are found', async () => {
    await bg.report(TAB, pageReport([['cate-blanchett', 1]], [['copyright', 1]]));
    const p = popup();
    await waitFor('the summary', () => p.$('[data-testid="page-summary"]'));
    expect(text(p.$('[data-testid="page-summary"]'))).toBe(`${list('1 signatory', '1 topic')} on this page`);
    unmount();

    await bg.report(
      TAB,
      pageReport([
        ['sam-altman', 2],
        ['openai', 1],
      ]),
    );
    const q = popup();
    await waitFor('the summary', () => q.$('[data-testid="page-summary"]'));
    expect(text(q.$('[data-testid="page-summary"]'))).toBe(
      `${list('No signatory', '2 other names from the debate')} on this page`,
    );
    // A signed status is never shown for an actor.
    expect(q.$$('[data-status="signed"]')).toEqual([]);
  });

  it('asks the tab to reveal the chosen person or topic, then closes', async () => {
    await bg.report(TAB, pageReport([['mark-ruffalo', 4]], [['copyright', 3]]));
    bg.tabMessages.mockResolvedValue({ ok: true });
    const p = popup();
    const row = await waitFor('the row', () => p.$('[data-testid="roster-person"][data-id="mark-ruffalo"]'));
    await click(row);
    await waitFor('close', () => p.close.mock.calls.length > 0);
    expect(bg.tabMessages).toHaveBeenCalledWith(TAB, {
      type: 'revealMention',
      data: { ref: { kind: 'entity', id: 'mark-ruffalo' } },
    });

    await click(p.$('[data-testid="roster-topic"][data-id="copyright"]'));
    await waitFor('the second close', () => p.close.mock.calls.length > 1);
    expect(bg.tabMessages).toHaveBeenLastCalledWith(TAB, {
      type: 'revealMention',
      data: { ref: { kind: 'topic', id: 'copyright' } },
    });
  });

  it('stays open and says so, as an error, when the page cannot reveal the mention', async () => {
    await bg.report(TAB, pageReport([['mark-ruffalo', 4]]));
    const p = popup();
    // Nobody answers: the content script is gone.
    await click(await waitFor('the row', () => p.$('[data-testid="roster-person"]')));
    await waitFor('the notice', () => text(p.$('[data-testid="page-notice"]')) !== '');
    const notice = p.$('[data-testid="page-notice"]')!;
    expect(text(notice)).toBe(msg('popupRevealNoScript'));
    expect(notice.classList.contains('pp-notice--error')).toBe(true);
    expect(p.close).not.toHaveBeenCalled();
    // The content script answers, but the mark is gone: the page changed.
    bg.tabMessages.mockResolvedValue({ ok: false });
    await click(p.$('[data-testid="roster-person"]'));
    await waitFor(
      'the second notice',
      () => text(p.$('[data-testid="page-notice"]')) === msg('popupRevealGone'),
    );
    expect(p.$('[data-testid="page-notice"]')!.dataset.error).toBe('true');
    expect(p.close).not.toHaveBeenCalled();
  });

  it('asks the content script when the background has no report, and says plainly when nobody answers', async () => {
    const p = popup();
    const none = await waitFor('the empty state', () => p.$('[data-testid="page-none"]'));
    expect(text(none.querySelector('.pp-empty__title'))).toBe(msg('popupNothingReported'));
    expect(text(none)).toContain(msg('popupNothingReportedWhy'));
    expect(bg.tabMessages).toHaveBeenCalledWith(TAB, { type: 'getReport', data: null });
    unmount();

    bg.tabMessages.mockResolvedValue(pageReport([['paul-mccartney', 2]]));
    const q = popup();
    const row = await waitFor('the roster from the content script', () =>
      q.$('[data-testid="roster-person"]'),
    );
    expect(text(row.querySelector('.pp-row__name'))).toBe('Paul McCartney');
  });

  it('exports the roster as Markdown and CSV through the injected clipboard and download', async () => {
    await bg.report(
      TAB,
      pageReport([
        ['mark-ruffalo', 4],
        ['donald-trump', 1],
      ]),
    );
    const p = popup();
    await waitFor('the export buttons', () => p.$('[data-testid="copy-markdown"]'));
    await click(p.$('[data-testid="copy-markdown"]'));
    await waitFor('copied', () => text(p.$('[data-testid="page-notice"]')) === msg('exportCopied'));
    const markdown = p.copy.mock.calls[0]?.[0] ?? '';
    expect(markdown).toContain('| Name | Status | Mentions | Best source |');
    expect(markdown).toMatch(
      /\| Mark Ruffalo \| Named as a signatory by 39 outlets \| 4 \| \[[^\]]+\]\(https:\/\/[^)]+\) \|/,
    );
    expect(markdown).toContain(
      '| Donald Trump | In the debate, not reported as a signatory (President of the United States) | 1 |',
    );

    await click(p.$('[data-testid="download-csv"]'));
    const [name, csv, type] = p.download.mock.calls[0] ?? [];
    expect(name).toMatch(/^undersigned-news\.example-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(type).toBe('text/csv');
    expect(csv?.split('\r\n')[0]).toBe('Name,Status,Mentions,Page URL,Page title,Date,Best source URL');
    expect(csv?.split('\r\n')[1]).toMatch(
      /^Mark Ruffalo,Named as a signatory by 39 outlets,4,https:\/\/news\.example\/story,Hollywood stars ask for AI copyright help,\d{4}-\d{2}-\d{2},https:\/\/\S+$/,
    );
    expect(text(p.$('[data-testid="page-notice"]'))).toBe(msg('exportDownloaded'));
  });
});

describe('a signatory named by one outlet', () => {
  it('says "reported by one outlet" in the roster row and in both exports, never plainly signed', async () => {
    await bg.report(
      TAB,
      pageReport([
        ['adam-scott', 2],
        ['mark-ruffalo', 1],
      ]),
    );
    const p = popup();
    const rows = await waitFor('the roster', () => {
      const found = p.$$('[data-testid="roster-person"]');
      return found.length === 2 ? found : null;
    });
    const scott = rowsOf(rows).find((r) => r.id === 'adam-scott');
    expect(scott).toMatchObject({ status: msg('popupBadgeSignedSingle'), variant: 'signedSingle' });
    expect(scott?.status).toMatch(/^Reported by one outlet/);
    expect(text(rows.find((r) => r.dataset.id === 'adam-scott') ?? null)).not.toMatch(/\bsigned\b/i);

    await click(p.$('[data-testid="copy-markdown"]'));
    await waitFor('copied', () => p.copy.mock.calls.length > 0);
    expect(p.copy.mock.calls[0]?.[0]).toMatch(
      /\| Adam Scott \| Reported by one outlet as a signatory \| 2 \|/,
    );
    await click(p.$('[data-testid="download-csv"]'));
    const csv = p.download.mock.calls[0]?.[1] ?? '';
    expect(csv).toMatch(/\r\nAdam Scott,Reported by one outlet as a signatory,2,/);
  });
});

describe('the tabs', () => {
  it('are an ARIA tab list driven by the arrow keys, Home and End', async () => {
    const p = popup();
    const tabs = p.$$('[role="tab"]');
    expect(tabs.map((tab) => text(tab))).toEqual(['This page', 'Letter', 'Search', 'History']);
    expect(p.$('[role="tablist"]')?.getAttribute('aria-label')).toBe(msg('popupTabsLabel'));
    for (const tab of tabs) {
      const panel = p.host.querySelector(`#${CSS.escape(tab.getAttribute('aria-controls') ?? '')}`);
      expect(panel?.getAttribute('role')).toBe('tabpanel');
      expect(panel?.getAttribute('aria-labelledby')).toBe(tab.id);
    }
    const selected = () => p.$$('[role="tab"]').map((tab) => tab.getAttribute('aria-selected'));
    expect(selected()).toEqual(['true', 'false', 'false', 'false']);
    // One tab stop: only the selected tab is in the tab order.
    expect(p.$$('[role="tab"]').map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1]);

    await key(tabs[0] as HTMLElement, 'ArrowRight');
    expect(selected()).toEqual(['false', 'true', 'false', 'false']);
    expect(document.activeElement).toBe(tabs[1]);
    await key(tabs[1] as HTMLElement, 'End');
    expect(selected()).toEqual(['false', 'false', 'false', 'true']);
    await key(tabs[3] as HTMLElement, 'ArrowRight');
    expect(selected()).toEqual(['true', 'false', 'false', 'false']);
    await key(tabs[0] as HTMLElement, 'ArrowLeft');
    expect(selected()).toEqual(['false', 'false', 'false', 'true']);
    await key(tabs[3] as HTMLElement, 'Home');
    expect(selected()).toEqual(['true', 'false', 'false', 'false']);
    const hidden = p.$$('[role="tabpanel"]').map((panel) => panel.hidden);
    expect(hidden).toEqual([false, true, true, true]);
  });
});

describe('Search', () => {
  async function searchFor(query: string) {
    const p = popup();
    await click(p.$('[role="tab"][data-tab="search"]'));
    const input = await waitFor(
      'the search field',
      () => p.$('[data-testid="search-input"]') as HTMLInputElement | null,
    );
    // Labelled, for screen readers.
    expect(p.host.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    await typeInto(input, query);
    await waitFor(`results for ${query}`, () =>
      p.$('[data-testid="search-results"], [data-testid="search-none"]'),
    );
    return p;
  }

  it('forgives accents and typos and shows each result’s status with its best sources', async () => {
    const p = await searchFor('cuaron');
    const [first] = p.$$('[data-testid="search-result"]');
    expect(first?.dataset.id).toBe('alfonso-cuaron');
    expect(text(first?.querySelector('.pp-result__name'))).toBe('Alfonso Cuarón');
    expect(first?.querySelector('[data-status]')?.getAttribute('data-status')).toBe('signed');
    expect(text(first?.querySelector('.us-status__label'))).toBe(msg('cardStatusSigned'));
    const links = [...(first?.querySelectorAll('.us-sources a') ?? [])];
    expect(links.length).toBeGreaterThanOrEqual(1);
    expect(links.length).toBeLessThanOrEqual(3);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    unmount();

    const q = await searchFor('blanchtt');
    expect(q.$$('[data-testid="search-result"]')[0]?.dataset.id).toBe('cate-blanchett');
  });

  it('counts outlets apart from content-farm copies, and says when only one outlet names someone', async () => {
    const p = await searchFor('Paul McCartney');
    const [first] = p.$$('[data-testid="search-result"]');
    expect(first?.dataset.id).toBe('paul-mccartney');
    expect(text(first?.querySelector('.us-status__detail'))).toBe(
      msg('cardNamedByOutletsCopies', '51', '23'),
    );
    expect(text(first)).not.toMatch(/coinrss|bloggerdesi/);
    unmount();

    const q = await searchFor('Adam Scott');
    const [scott] = q.$$('[data-testid="search-result"]');
    expect(scott?.dataset.id).toBe('adam-scott');
    expect(scott?.querySelector('[data-status]')?.getAttribute('data-status')).toBe('signedSingle');
    expect(text(scott?.querySelector('.us-status__label'))).toBe('Reported by one outlet only');
    expect(text(scott)).toContain(msg('cardSignedSingleDetail'));
    expect(text(scott)).toContain(msg('cardSourceCopy', 'blog.recruitology.com'));
    expect(text(scott)).not.toMatch(/signed the letter/i);
  });

  it('shows an actor as not a signatory, never as signed', async () => {
    const p = await searchFor('trump');
    const [first] = p.$$('[data-testid="search-result"]');
    expect(first?.dataset.id).toBe('donald-trump');
    expect(text(first?.querySelector('.us-status__label'))).toBe(
      msg('cardStatusActor', 'President of the United States'),
    );
  });

  it('says a name not in the data is not found among the published names, never that they did not sign', async () => {
    const p = await searchFor('Jane Nobody');
    const none = p.$('[data-testid="search-none"]');
    expect(text(none)).toContain(
      '“Jane Nobody” is not found among the 40 published names of the 400+ signatories.',
    );
    expect(text(none)).toContain(msg('cardNotFoundWhy', '40', '400+'));
    expect(text(none)).not.toMatch(/did not sign|didn't sign/i);
    expect(p.$$('[data-testid="search-result"]')).toEqual([]);
    expect(text(p.$('[role="status"].us-sr'))).toBe(msg('popupSearchNone'));
  });
});

describe('The letter', () => {
  it('summarises the letter and shows its whole quoted text with sources', async () => {
    const p = popup();
    await click(p.$('[role="tab"][data-tab="letter"]'));
    const tab = await waitFor('the letter', () => p.$('[data-testid="letter-tab"]'));
    expect(text(tab.querySelector('.pp-letter__title'))).toBe(
      'Hollywood letter to OSTP on AI and copyright (March 2025)',
    );
    expect(text(p.$('[data-testid="letter-signed"]'))).toContain(
      msg('popupLetterSignedDetail', '400+', '40'),
    );
    expect(text(tab)).toContain('Natasha Lyonne');
    expect(text(tab)).toContain('OpenAI and Google');
    expect(tab.querySelector('.us-disclosure')?.getAttribute('aria-expanded')).toBe('true');
    expect(tab.querySelectorAll('.us-letter__paragraphs > li').length).toBe(5);
  });
});

describe('History', () => {
  it('lists recent pages with their people, and per person where you read about them', async () => {
    await bg.report(
      1,
      pageReport(
        [
          ['cate-blanchett', 1],
          ['donald-trump', 2],
        ],
        [],
        'https://a.example/one',
      ),
    );
    await bg.report(2, pageReport([['cate-blanchett', 3]], [], 'https://b.example/two'));
    await bg.report(3, pageReport([['mark-ruffalo', 1]], [], 'https://c.example/three'));
    const { host } = show(<HistoryTab />);
    const entries = await waitFor('the history', () => {
      const found = [...host.querySelectorAll('[data-testid="history-entry"]')];
      return found.length === 3 ? found : null;
    });
    const links = entries.map((entry) => entry.querySelector('a'));
    expect(links.map((a) => a?.getAttribute('href')).sort()).toEqual([
      'https://a.example/one',
      'https://b.example/two',
      'https://c.example/three',
    ]);
    for (const a of links) {
      expect(a?.getAttribute('target')).toBe('_blank');
      expect(a?.getAttribute('rel')).toContain('noopener');
    }
    const one = entries.find(
      (entry) => entry.querySelector('a')?.getAttribute('href') === 'https://a.example/one',
    );
    // Signatories first in the names line.
    expect(text(one?.querySelector('.pp-history__names'))).toBe(list('Cate Blanchett', 'Donald Trump'));

    const people = [...host.querySelectorAll<HTMLElement>('[data-testid="history-person"]')];
    expect(people[0]?.dataset.id).toBe('cate-blanchett');
    const toggle = people[0]?.querySelector('button');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    const pages = await waitFor('Cate Blanchett’s pages', () =>
      people[0]?.querySelector('[data-testid="history-person-pages"]'),
    );
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect([...pages.querySelectorAll('a')].map((a) => a.getAttribute('href')).sort()).toEqual([
      'https://a.example/one',
      'https://b.example/two',
    ]);
    expect(bg.sent).toContainEqual(['getHistory', { entityId: 'cate-blanchett', limit: 50 }]);
  });

  it('says "History is off" when it is turned off', async () => {
    await setSettings({ history: false });
    const { host } = show(<HistoryTab />);
    const off = await waitFor('the off state', () => host.querySelector('[data-testid="history-off"]'));
    expect(text(off.querySelector('.pp-empty__title'))).toBe('History is off');
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined as never);
    await click(off.querySelector('button'));
    expect(open).toHaveBeenCalled();
  });

  it('says when there is no page yet', async () => {
    const { host } = show(<HistoryTab />);
    const empty = await waitFor('the empty state', () => host.querySelector('[data-testid="history-empty"]'));
    expect(text(empty)).toContain(msg('popupHistoryEmpty'));
  });
});

describe('which tab the popup shows', () => {
  it('takes ?tabId=N, else the active tab of the current window', async () => {
    expect(await resolveTabId('?tabId=42')).toBe(42);
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 9 }] as never);
    expect(await resolveTabId('')).toBe(9);
    expect(await resolveTabId('?tabId=abc')).toBe(9);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });
});
