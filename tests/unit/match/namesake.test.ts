/**
 * Namesakes: a surname after a different given name is never the known person, a full name that
 * other people share counts only on pages about AI and copyright, and Korean spellings stand
 * alone. The property at the end runs the rule over the golden pages.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { scanBlocks } from '../../../lib/match/index';
import { AI_COPYRIGHT_CONTEXT, people, realMatcher } from './helpers';

const ctx = (...blocks: string[]): string[] => [AI_COPYRIGHT_CONTEXT, ...blocks];
const ids = (blocks: string[]): string[] => people(blocks).map(([text, id]) => `${text}=${id}`);

describe('a surname after a different given name', () => {
  it.each([
    ['Paul McCartney', 'paul-mccartney', 'Stella McCartney'],
    ['Ben Stiller', 'ben-stiller', 'Jerry Stiller'],
    ['Sam Altman', 'sam-altman', 'Robert Altman'],
    ['Donald Trump', 'donald-trump', 'Melania Trump'],
    ['Donald Trump', 'donald-trump', 'Lara Trump'],
    ['Mark Ruffalo', 'mark-ruffalo', 'Kyle Ruffalo'],
  ])('after %s (%s), "%s" is not that person', (full, id, other) => {
    expect(ids(ctx(`${full} spoke.`, `${other} did not.`))).toEqual([`${full}=${id}`]);
  });

  it('still counts after a title, an initial, a sentence-start word or the person’s own given name', () => {
    const found = ids(
      ctx(
        'Paul McCartney and Donald Trump spoke.',
        'President Trump replied. But McCartney said no. Sir Paul McCartney agreed.',
        'J Trump, then Paul’s McCartney moment.',
      ),
    );
    expect(found).toEqual([
      'Paul McCartney=paul-mccartney',
      'Donald Trump=donald-trump',
      'Trump=donald-trump',
      'McCartney=paul-mccartney',
      'Sir Paul McCartney=paul-mccartney',
      'Trump=donald-trump',
      'McCartney=paul-mccartney',
    ]);
  });
});

describe('names other people share (commonName)', () => {
  it('are not reported on a page that is not about AI and copyright', () => {
    expect(ids(['Adam Scott shot a 66 at Augusta.', 'Scott led by two.'])).toEqual([]);
    expect(ids(['Senator Paul Simon of Illinois.', 'Paul Simon ran in 1988.'])).toEqual([]);
  });

  it('are reported on a page about AI and copyright, with their surname follow-ups', () => {
    expect(ids(ctx('Phil Lord and Chris Miller signed.', 'Later, Lord spoke.'))).toEqual([
      'Phil Lord=phil-lord',
      'Chris Miller=chris-miller',
      'Lord=phil-lord',
    ]);
  });

  it('are flagged in the compiled matcher from the research’s commonName', () => {
    const common = realMatcher.entities.filter((e) => e.common).map((e) => e.id);
    expect(common.sort()).toEqual(['adam-scott', 'chris-miller', 'kim-gordon', 'paul-simon', 'phil-lord']);
  });
});

describe('Korean Hangul spellings', () => {
  it('are found as written, across any white space, standing alone', () => {
    expect(ids(['폴 매카트니, 벤  스틸러 와 마크\u00a0러팔로.'])).toEqual([
      '폴 매카트니=paul-mccartney',
      '벤  스틸러=ben-stiller',
      '마크\u00a0러팔로=mark-ruffalo',
    ]);
  });

  it('are not found with a particle or a syllable glued on, nor inside a Latin word', () => {
    expect(ids(['폴 매카트니는 말했다. 김폴 매카트니. 마크 러팔로가 왔다. x폴 매카트니'])).toEqual([]);
  });
});

/** Given names that make no known full name with any surname in the data. */
const OTHER_GIVEN = [
  'Stella',
  'Jerry',
  'Robert',
  'Melania',
  'Ivanka',
  'Eric',
  'Barron',
  'Zelda',
  'Hugo',
  'Nora',
];

/** A page's blocks: the text of each paragraph, heading and list item. */
function blocksOf(file: string): string[] {
  const window = new Window({ settings: { disableJavaScriptFileLoading: true } });
  const doc = new window.DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
  const blocks = [...doc.querySelectorAll('h1, h2, p, li, td')].map((el) => el.textContent ?? '');
  void window.happyDOM.close();
  return blocks;
}

const pagesDir = resolve(import.meta.dirname, '../../fixtures/pages');
const PAGES = ['seed', 'namesake-given-names', 'namesake-common-on-topic'].map((n) =>
  blocksOf(resolve(pagesDir, `${n}.html`)),
);
const SURNAMES = realMatcher.entities.filter((e) => e.surname !== '').map((e) => e.surname);

/** Every place a known surname starts with a capital letter: [block, offset]. */
function surnamePlaces(blocks: string[]): [number, number][] {
  const places: [number, number][] = [];
  for (const [b, text] of blocks.entries()) {
    const lower = text.toLowerCase();
    for (const s of SURNAMES) {
      for (let at = lower.indexOf(s); at >= 0; at = lower.indexOf(s, at + 1)) {
        if (/\p{Lu}/u.test(text[at]!) && !/\p{L}/u.test(text[at - 1] ?? '')) places.push([b, at]);
      }
    }
  }
  return places;
}

function counts(blocks: readonly string[]): Map<string, number> {
  return new Map(scanBlocks(blocks, realMatcher).people.map((p) => [p.id, p.mentions]));
}

describe('property: a different given name inserted before surnames', () => {
  it('never adds a mention, and the surname it precedes is never a mention', () => {
    const pages = PAGES.map((blocks) => ({ blocks, places: surnamePlaces(blocks), before: counts(blocks) }));
    fc.assert(
      fc.property(
        fc.nat(pages.length - 1),
        fc.array(fc.tuple(fc.nat(10_000), fc.constantFrom(...OTHER_GIVEN)), { minLength: 1, maxLength: 4 }),
        (page, inserts) => {
          const { blocks, places, before } = pages[page]!;
          const chosen = [...new Map(inserts.map(([k, name]) => [places[k % places.length]!, name]))];
          const edited = insertAll(blocks, chosen);
          const scan = scanBlocks(edited.blocks, realMatcher);
          for (const p of scan.people) expect(p.mentions, p.id).toBeLessThanOrEqual(before.get(p.id) ?? 0);
          for (const m of scan.mentions) expect(edited.surnames.has(`${m.block}:${m.start}`)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Inserts "Name " at each place; returns the blocks and where each surname now starts. */
function insertAll(
  blocks: string[],
  chosen: [[number, number], string][],
): { blocks: string[]; surnames: Set<string> } {
  const out = [...blocks];
  const surnames = new Set<string>();
  for (const [[b, at], name] of chosen) {
    const shift = chosen
      .filter(([[b2, at2]]) => b2 === b && at2 < at)
      .reduce((sum, [, n]) => sum + n.length + 1, 0);
    surnames.add(`${b}:${at + shift + name.length + 1}`);
  }
  // From the last place backwards, so earlier offsets stay valid.
  const order = [...chosen].sort(([a], [b]) => b[0] - a[0] || b[1] - a[1]);
  for (const [[b, at], name] of order) out[b] = `${out[b]!.slice(0, at)}${name} ${out[b]!.slice(at)}`;
  return { blocks: out, surnames };
}
