/** The card's pure helpers, against the real bundled letter and people. */
import { beforeEach, describe, expect, it } from 'vitest';
import { citationText } from '../../../components/card/citation';
import { formatDate, reportedTotalShort } from '../../../components/card/format';
import {
  foldText,
  mentions,
  paragraphsMentioning,
  relevantParagraphs,
  splitAtGaps,
} from '../../../components/card/relevant-paragraphs';
import { copyLabel, hostOf, pickSources } from '../../../components/card/sources';
import { statusVariant } from '../../../components/card/status';

import { installMessages } from './messages';
import { bundle, entity, topic } from '../support/bundle';

const { letter } = bundle;

const numbers = (ps: { n: number }[]) => ps.map((p) => p.n);

beforeEach(installMessages);

describe('mentions (whole words, case-insensitive)', () => {
  it('matches across case, hyphens and curly apostrophes', () => {
    expect(mentions('Applying the Fair-Use doctrine', 'fair use')).toBe(true);
    expect(mentions('America’s creative industries', "America's creative")).toBe(true);
    expect(foldText('  Text–and—data  ')).toBe('text and data');
  });
  it('does not match inside other words', () => {
    expect(mentions('we will maintain it again', 'AI')).toBe(false);
    expect(mentions('AI models at the core', 'AI')).toBe(true);
    expect(mentions('unlicensed', 'license')).toBe(false);
  });
  it('handles terms that start with a symbol', () => {
    expect(mentions('over $229Bn in wages', '$229Bn')).toBe(true);
  });
});

describe('relevantParagraphs on the real letter', () => {
  it('finds the licences paragraph for "licensing"', () => {
    const match = relevantParagraphs(letter, topic('licensing'));
    expect(match.matchedBy).toBe('terms');
    expect(numbers(match.paragraphs)).toEqual([4]);
  });
  it('finds the AI Action Plan paragraph', () => {
    expect(numbers(relevantParagraphs(letter, topic('ai-action-plan')).paragraphs)).toEqual([5]);
  });
  it('keeps letter order when many paragraphs match', () => {
    expect(numbers(paragraphsMentioning(letter, topic('ai').terms))).toEqual([1, 2, 4, 5]);
  });
  it('falls back, flagged, to the paragraph answering OpenAI and Google for "fair use" (the letter never says it)', () => {
    expect(paragraphsMentioning(letter, topic('fair-use').terms)).toEqual([]);
    const match = relevantParagraphs(letter, topic('fair-use'));
    expect(match.matchedBy).toBe('answers');
    expect(match.submitters).toEqual(['OpenAI', 'Google']);
    expect(numbers(match.paragraphs)).toEqual([4]);
  });
  it('says nothing for another campaign the letter does not mention', () => {
    expect(relevantParagraphs(letter, topic('other-initiative'))).toEqual({
      paragraphs: [],
      matchedBy: 'none',
      submitters: [],
    });
  });
});

describe('splitAtGaps', () => {
  it('isolates the […] of the partial paragraph 4', () => {
    const p4 = letter.paragraphs.find((p) => p.n === 4)!;
    const parts = splitAtGaps(p4.text);
    expect(parts.filter((p) => p.gap).map((p) => p.text)).toEqual(['[…]']);
    expect(parts.map((p) => p.text).join('')).toBe(p4.text);
  });
  it('leaves verbatim text whole', () => {
    expect(splitAtGaps('No gap here.')).toEqual([{ text: 'No gap here.', gap: false }]);
  });
});

describe('pickSources', () => {
  it('gives three originals for Mark Ruffalo, best first', () => {
    const picked = pickSources(entity('Mark Ruffalo').sources, 3);
    expect(picked).toHaveLength(3);
    expect(picked.every((s) => s.secondHand !== true)).toBe(true);
    expect(picked[0]?.outlet).toBe('One America News');
  });
  it('Paul McCartney: Fox News and The A.V. Club, never coinrss.org while they exist', () => {
    const sources = entity('Paul McCartney').sources;
    // coinrss.org holds a copy of Decrypt's story, latestnews.bloggerdesi.com one of THR's.
    expect(sources.some((s) => s.url.includes('coinrss.org'))).toBe(true);
    const originals = sources.filter((s) => s.secondHand !== true).length;
    for (const max of [3, 10, originals]) {
      const picked = pickSources(sources, max);
      expect(picked[0]?.outlet).toBe('Fox News');
      expect(
        picked.some((s) => /coinrss|bloggerdesi/.test(s.url)),
        String(max),
      ).toBe(false);
      expect(picked.every((s) => s.secondHand !== true)).toBe(true);
    }
    expect(pickSources(sources, 10).map((s) => s.outlet)).toContain('The A.V. Club');
    // Even a full list never shows the 23 content-farm copies next to 40 originals.
    const all = pickSources(sources, sources.length);
    expect(all.every((s) => s.established === true || s.secondHand !== true)).toBe(true);
  });
  it('orders established originals, other originals, established copies, other copies', () => {
    const picked = pickSources(
      [
        { url: 'https://copy.example/a', outlet: 'Variety', established: true, secondHand: true },
        { url: 'https://blog.example/b', outlet: 'A blog', established: false, secondHand: false },
        { url: 'https://orig.example/c', outlet: 'Broadcast', established: true, secondHand: false },
      ],
      3,
    );
    expect(picked.map((s) => s.outlet)).toEqual(['Broadcast', 'A blog', 'Variety']);
  });
  it('drops a content-farm copy while a better source exists, and one link per outlet', () => {
    const lindelof = pickSources(entity('Damon Lindelof').sources, 3);
    expect(lindelof.map((s) => [s.outlet, s.secondHand])).toEqual([['The A.V. Club', false]]);
    const withFarm = pickSources(
      [
        { url: 'https://farm.example/a', outlet: 'farm.example', established: false, secondHand: true },
        { url: 'https://copy.example/b', outlet: 'Variety', established: true, secondHand: true },
      ],
      2,
    );
    expect(withFarm.map((s) => s.outlet)).toEqual(['Variety']);
  });
  it('shows content-farm copies when they are the only witnesses (Patton Oswalt)', () => {
    const picked = pickSources(entity('Patton Oswalt').sources, 3);
    expect(picked).toHaveLength(2);
    expect(picked.every((s) => s.secondHand === true && s.established === false)).toBe(true);
  });
  it('still shows a copy when it is the only witness (Adam Scott)', () => {
    expect(pickSources(entity('Adam Scott').sources, 3).map((s) => s.secondHand)).toEqual([true]);
  });
  it('names the host of a copy', () => {
    expect(hostOf('https://www.vuink.com/post/x')).toBe('vuink.com');
  });
  it('labels a copy by where it lives, or as a copy when the outlet shown is that site', () => {
    const [scott] = entity('Adam Scott').sources;
    expect(copyLabel(scott!)).toBe('copy at blog.recruitology.com');
    const [lord] = entity('Phil Lord').sources;
    expect(lord?.outlet).toBe('3acesnews');
    expect(copyLabel(lord!)).toBe("copy of another outlet's story");
    expect(copyLabel(entity('Mark Ruffalo').sources[0]!)).toBeNull();
  });
});

describe('status and citation', () => {
  it('never reads a single outlet as plainly signed', () => {
    expect(statusVariant(entity('Adam Scott'))).toBe('signedSingle');
    expect(citationText(entity('Adam Scott'), letter)).toMatch(
      /^Adam Scott — reported by one outlet as a signatory\. /,
    );
    expect(statusVariant(entity('Mark Ruffalo'))).toBe('signed');
    expect(statusVariant(entity('Lana Wachowski'))).toBe('unconfirmed');
  });
  it('cites Mark Ruffalo with the letter, the date and the best source', () => {
    expect(citationText(entity('Mark Ruffalo'), letter)).toBe(
      'Mark Ruffalo — named as a signatory by 39 outlets. Hollywood letter to OSTP on AI and copyright (March 2025), 2025-03-15. ' +
        'Source: https://www.oann.com/newsroom/anti-trump-hollywood-stars-request-administrations-help-with-ai-copyright-protections-sending-an-open-letter/',
    );
  });
  it('cites an unconfirmed claim and an actor without "signed"', () => {
    const lana = citationText(entity('Lana Wachowski'), letter);
    expect(lana).toMatch(/^Lana Wachowski — unconfirmed claim/);
    expect(lana).not.toMatch(/\bsigned\b/i);
    const trump = citationText(entity('Donald Trump'), letter);
    expect(trump).toContain('(President of the United States)');
    expect(trump).not.toMatch(/\bsigned\b/i);
  });
});

describe('format', () => {
  it('writes full dates long and leaves partial dates alone', () => {
    expect(formatDate('2025-03-15', 'en-GB')).toBe('15 March 2025');
    expect(formatDate('2025-03-15', 'en-US')).toBe('March 15, 2025');
    expect(formatDate('2025-03')).toBe('2025-03');
  });
  it('shortens the reported total to its lowest figure', () => {
    expect(reportedTotalShort(bundle.counts)).toBe('400+');
  });
});
