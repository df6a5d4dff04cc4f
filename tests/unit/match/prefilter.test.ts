/**
 * The candidate prefilter (lib/match/prefilter.ts) must never miss: wherever the core finds
 * anything in a block, the prefilter run over that block's pieces (text nodes) says "maybe".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileMatcher,
  mayMatch,
  mayMatchAfter,
  prefilterOf,
  hashRun,
  scanBlocks,
  type MatcherData,
} from '../../../lib/match/index';
import { AI_COPYRIGHT_CONTEXT, people, realData, realMatcher } from './helpers';

const entity = (id: string): number => realMatcher.entityById.get(id)!;
/** mayMatch once Mark Ruffalo's full name was matched earlier: his surname alone is awake. */
const afterRuffalo = (...pieces: string[]) => mayMatchAfter(realMatcher, [entity('mark-ruffalo')], ...pieces);

describe('prefilter', () => {
  it('passes names, surnames, topic terms, and Chinese and Telugu aliases', () => {
    expect(afterRuffalo('Ruffalo’s view')).toBe(true);
    for (const text of [
      'Yesterday Mark Ruffalo signed',
      'the copyright office',
      'fair use',
      'AI-generated',
      'l’IA',
      '好莱坞演员马克·鲁法洛表示',
      'ప్రముఖ గాయకుడు పాల్ మాక్కార్ట్నీ సంతకం',
      'Alfonso Cuaro\u0301n',
      'CATE BLANCHETT',
    ]) {
      expect(mayMatch(realMatcher, text), text).toBe(true);
    }
  });

  it('rejects ordinary text, whitespace and page furniture', () => {
    for (const text of [
      '',
      '\n    ',
      'The weather was fine today.',
      'Subscribe · Sign in · Menu',
      '© 2024',
    ]) {
      expect(mayMatch(realMatcher, text), text).toBe(false);
    }
  });

  it('finds a token cut by node boundaries, and each part of words glued across them', () => {
    // "Stiller" cut in two, and the first token "Ben" cut too.
    expect(mayMatch(realMatcher, 'With Be', 'n Stil', 'ler')).toBe(true);
    expect(afterRuffalo('Ruf', 'fa', 'lo')).toBe(true);
    expect(mayMatch(realMatcher, 'Mark Ruf', 'fa', 'lo')).toBe(true);
    // <li>AI</li><li>copyright</li> with no space: the stream sees "AIcopyright".
    expect(mayMatch(realMatcher, 'Home', 'AI')).toBe(true);
    expect(mayMatch(realMatcher, 'copyright', 'News')).toBe(true);
    // A node that is only a topic term.
    expect(mayMatch(realMatcher, 'About ', 'copyright', '.')).toBe(true);
    // A Chinese name cut after its first character.
    expect(mayMatch(realMatcher, '演员马', '克·鲁法洛')).toBe(true);
  });

  it('after a word carried to the next piece, judges the rest of that piece exactly as a fresh one', () => {
    // The piece after a carried word: continued (exact scan of that word), or ended at once.
    expect(mayMatch(realMatcher, 'Mark Ruf', 'falo, and nothing else')).toBe(true);
    expect(mayMatch(realMatcher, 'Remar', 'k said nothing at all')).toBe(false);
    expect(afterRuffalo('Remar', 'k said Ruffalo')).toBe(true);
    expect(afterRuffalo('Remark', ', said Ruffalo')).toBe(true);
    expect(mayMatch(realMatcher, 'Remark', ', said nobody')).toBe(false);
    // Glued words spanning three pieces, and a key in the last piece after the glued word ends.
    expect(afterRuffalo('Ru', 'ffa', 'lo')).toBe(true);
    expect(mayMatch(realMatcher, 'ab', 'cd', 'ef then Cate Blanchett')).toBe(true);
    expect(mayMatch(realMatcher, 'ab', 'cd', 'ef then Blanchett')).toBe(false);
    expect(mayMatch(realMatcher, 'ab', 'cd', 'ef then nobody')).toBe(false);
    // A piece that continues a word and then holds a non-ASCII letter goes on exactly.
    expect(mayMatch(realMatcher, 'Al', 'fonso Cuarón')).toBe(true);
  });

  it('keys a name or term of several words by two consecutive words, never by one alone', () => {
    // One word of a longer name is not a candidate: most false candidates on news pages were these.
    for (const text of ['New York', 'Science', '$1 billion', '400 people', 'Mark my words', 'Lynne']) {
      expect(mayMatch(realMatcher, text), text).toBe(false);
    }
    for (const pieces of [
      ['The New York Times'],
      ['York', ' ', 'Times'],
      // Indentation between two links of one line: the pair survives a blank piece.
      ['Mark', '\n    ', 'Ruffalo'],
      ['Mark\u00a0', 'Ruffalo'],
      ['more than 400'],
      ['Donald Tr', 'ump'],
      // The first word glued across pieces: any pair ending in the next word counts.
      ['Mar', 'k Ruffalo'],
      ['xMar', 'k Ruffalo'],
    ]) {
      expect(mayMatch(realMatcher, ...pieces), JSON.stringify(pieces)).toBe(true);
    }
  });

  it('keys a name written in Han characters by its first two characters', () => {
    // "马" and "本" begin Chinese names in the data, and half the lines of a Chinese page.
    expect(mayMatch(realMatcher, '马上就到，本周末见')).toBe(false);
    expect(mayMatch(realMatcher, '演员马克·鲁法洛表示')).toBe(true);
    // The first character ends a piece: the second may follow in the next one.
    expect(mayMatch(realMatcher, '演员马', '上就到')).toBe(true);
  });

  it('wakes a surname alone only once that person was matched in full, and only that person', () => {
    expect(mayMatch(realMatcher, 'Trump said')).toBe(false);
    expect(mayMatchAfter(realMatcher, [entity('donald-trump')], 'Trump said')).toBe(true);
    expect(mayMatchAfter(realMatcher, [entity('donald-trump')], 'Tru', 'mp said')).toBe(true);
    expect(mayMatchAfter(realMatcher, [entity('mark-ruffalo')], 'Trump said')).toBe(false);
    expect(mayMatchAfter(realMatcher, [entity('mark-ruffalo')], 'Ruffalo said')).toBe(true);
  });

  it('never misses what the core finds (random texts cut into random pieces)', () => {
    const words = [
      'Mark', 'Ruffalo', 'Ruffalo’s', 'Ben', 'Stiller', 'Cate', 'Blanchett', 'OpenAI', 'AI', 'copyright',
      'fair', 'use', 'Trump', 'OSTP', 'the', 'said', 'and', ',', '.', ' ', ' ', ' ', '\u00a0', '-', "'",
      '本', '·', '斯蒂勒', '马克', '鲁法洛', 'é', 'x', 'Paul', 'McCartney', 'Simon', 'Rock',
      'Donald', 'New', 'York', 'Times', 'more', 'than', '400', 'Chris', '\n  ', 'Ar', 'k',
    ]; // prettier-ignore
    let positives = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 14 }),
        fc.array(fc.nat(200), { maxLength: 6 }),
        (parts, cuts) => {
          const text = parts.join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const pieces: string[] = [];
          let at = 0;
          for (const p of points) {
            pieces.push(text.slice(at, p));
            at = p;
          }
          pieces.push(text.slice(at));
          // With and without an AI + copyright context, so actors count too.
          for (const blocks of [[text], [AI_COPYRIGHT_CONTEXT + ' ' + text]]) {
            const scan = scanBlocks(blocks, realMatcher);
            if (scan.mentions.length > 0 && blocks[0] === text) {
              positives++;
              expect(mayMatch(realMatcher, ...pieces), JSON.stringify(pieces)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(positives).toBeGreaterThan(200);
  });

  it('ends a carried word at a blank piece, the first time and once the blank is memoised', () => {
    for (let i = 0; i < 2; i++) {
      expect(afterRuffalo('Mark Ruf', '\n    ', 'falo')).toBe(false);
      expect(afterRuffalo('Mark Ruf', '\u00a0\u2009', 'falo')).toBe(false);
      expect(afterRuffalo('\n    ', 'Ruffalo', '\n    ')).toBe(true);
    }
    // Blank-looking but not blank: a word after the indentation.
    expect(afterRuffalo('\n    Ruffalo')).toBe(true);
    expect(afterRuffalo('\n    ', '\n    Ruffalo')).toBe(true);
  });

  it('keeps one key per pattern, the most selective part of it', () => {
    const p = prefilterOf(realMatcher);
    expect(p.size).toBeGreaterThan(50);
    // "Mark" alone is not a key ("Mark Ruffalo" is keyed by "ruffalo"): ordinary text stays cheap.
    expect(mayMatch(realMatcher, 'Mark my words')).toBe(false);
    // A pair never ends in a word found on every line: those would send each "and" or "on" of a
    // page to the exact check ("Office of Science and Technology Policy" ends in "of science").
    for (const word of ['and', 'on', 'it', 'de', 'of', 'the'])
      expect(p.triggers.has(hashRun(word)), word).toBe(false);
  });
});

describe('two-token index (50,000 names, many sharing a first name)', () => {
  const firsts = ['Mark', 'Ben', 'Paul', 'Chris', 'Anna'];
  const synthetic: MatcherData['entities'] = [];
  for (let i = 0; i < 50_000; i++) {
    const last = `Zed${i.toString(36)}son`;
    synthetic.push({
      id: `synthetic-${i}`,
      kind: 'person',
      name: `${firsts[i % firsts.length]} ${last}`,
      aliases: [],
      status: 'actor',
    });
  }
  const big = compileMatcher({ ...realData, entities: [...realData.entities, ...synthetic] });

  it('keeps candidate lists short even though 10,000 names start with "Mark"', () => {
    let longest = 0;
    for (const list of big.pairs.values()) longest = Math.max(longest, list.length);
    for (const list of big.index.values()) longest = Math.max(longest, list.length);
    expect(longest).toBeLessThan(10);
  });

  it('finds the same real names as the real dictionary, and the synthetic ones', () => {
    const page = [AI_COPYRIGHT_CONTEXT, 'Mark Ruffalo met Mark Zed0son and Ben Stiller.', 'Ruffalo left.'];
    expect(people(page, big)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Mark Zed0son', 'synthetic-0', 'full'],
      ['Ben Stiller', 'ben-stiller', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
    ]);
    expect(people(page.slice(1), big).map((f) => f[1])).toEqual([
      'mark-ruffalo',
      'ben-stiller',
      'mark-ruffalo',
    ]);
    expect(mayMatch(big, 'Mark Zed0son')).toBe(true);
    expect(mayMatch(big, 'Mark my words')).toBe(false);
  });
});
