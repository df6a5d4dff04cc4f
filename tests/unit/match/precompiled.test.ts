import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMatcher, scanBlocks, type MatcherData } from '../../../lib/match/index';
import {
  deserializeMatcher,
  loadMatcher,
  serializeMatcher,
  type ShippedMatcherData,
} from '../../../lib/match/precompiled';
import { prefilterOf, mayMatch } from '../../../lib/match/prefilter';
import { growDictionary } from '../../../scripts/bench/dictionary';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shipped = JSON.parse(
  readFileSync(resolve(repoRoot, 'assets/data/matcher.json'), 'utf8'),
) as ShippedMatcherData;
const { compiled, ...data } = shipped;

describe('the precompiled matcher shipped in assets/data/matcher.json', () => {
  it('equals a fresh compile of the same file’s data, so it can never go stale silently', () => {
    const fresh = compileMatcher(data as MatcherData);
    // The JSON form itself (what `npm run data` writes)…
    expect(JSON.parse(JSON.stringify(serializeMatcher(fresh)))).toEqual(compiled);
    // …and the matcher the content script loads from it, Maps, bitsets and targets included.
    const loaded = loadMatcher(shipped);
    expect(loaded).toEqual(fresh);
    const a = prefilterOf(loaded);
    const b = prefilterOf(fresh);
    expect(a.singles).toEqual(b.singles);
    expect(a.pairs).toEqual(b.pairs);
    expect(a.dormant).toEqual(b.dormant);
    expect(a.bits).toEqual(b.bits);
    expect(a.cjkFirst).toEqual(b.cjkFirst);
    expect(a.cjkPairs).toEqual(b.cjkPairs);
  });

  it('finds the same things as the freshly compiled matcher', () => {
    const blocks = [
      'Mark Ruffalo’s letter to the OSTP: AI companies and copyright.',
      'Ruffalo and PAUL MCCARTNEY; director DuVernay, Alfonso Cuaron, 本·斯蒂勒, Sam Altman of OpenAI.',
      'Rock music, Howard Stern and fair use.',
    ];
    const loaded = loadMatcher(shipped);
    expect(scanBlocks(blocks, loaded)).toEqual(scanBlocks(blocks, compileMatcher(data as MatcherData)));
    expect(scanBlocks(blocks, loaded).mentions.length).toBeGreaterThan(5);
    expect(mayMatch(loaded, 'Mark Ruf', 'falo')).toBe(true);
    expect(mayMatch(loaded, 'nothing to see here')).toBe(false);
  });

  it('round-trips a large grown dictionary too', () => {
    const grown = compileMatcher(growDictionary(data as MatcherData, 2_000));
    const loaded = deserializeMatcher(JSON.parse(JSON.stringify(serializeMatcher(grown))));
    expect(loaded).toEqual(grown);
    expect(prefilterOf(loaded)).toEqual(prefilterOf(grown));
  });

  it('refuses a compiled form made for other data or in another format', () => {
    expect(() => loadMatcher({ ...shipped, version: 'other' })).toThrow(/npm run data/);
    expect(() => deserializeMatcher({ ...compiled, format: 0 })).toThrow(/format/);
  });
});
