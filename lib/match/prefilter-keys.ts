/**
 * The prefilter's keys (see prefilter.ts for what they guarantee): chosen per pattern at compile
 * time (prefilterParts, shipped precompiled), built into a Bloom bitset and a few Sets at page
 * load (prefilterOf, seedPrefilter).
 */
import { pairKey, type Matcher, type Pattern } from './model';
import { K_STRIP, K_WORD, foldedCode, hashRun, kindOf, known, learn } from './prefilter-chars';

export interface Prefilter {
  /** Bloom bits (two probes) over every run that may complete a key: singles, pairs' second runs. */
  readonly bits: Int32Array;
  readonly mask: number;
  /** Runs that alone make a candidate. */
  readonly singles: ReadonlySet<number>;
  /** Second runs of key pairs (dormant ones included): a candidate only after the right first run. */
  readonly triggers: ReadonlySet<number>;
  /** pairKey(first run, second run) of the pairs in force from the start. */
  readonly pairs: ReadonlySet<number>;
  /** Surname follow-up keys by entity index, in force once that entity was matched in full. */
  readonly dormant: ReadonlyMap<number, { singles: number[]; pairs: number[] }>;
  /**
   * By folded character: CJK_ALONE when a Han/kana/Hangul pattern is that one character,
   * CJK_PAIR when patterns start with it (then cjkPairs says which second characters follow).
   */
  readonly cjkFirst: Uint8Array;
  /** cjkPairKey(first, second) of the Han/kana/Hangul patterns' first two characters (folded). */
  readonly cjkPairs: ReadonlySet<number>;
  /** How many keys (singles and pairs, dormant ones included). */
  readonly size: number;
}

/**
 * Frequent words that some multi-word names and terms contain ("New York Times", "more than 400"):
 * a pair of rarer words is preferred as the key. Only a speed heuristic: any pair of consecutive
 * runs of a pattern would be a correct key.
 */
const FREQUENT = new Set(
  (
    'the of and a an to in on for at by with from is it this that what we their our more over than jobs ' +
    'make new times american america project government statement companies company models model ' +
    'language large data use access office national foundation technology policy special train ' +
    'training artists writers house white fair safe open letter plan action group act law rights ' +
    'public media news world music film institute association council united states'
  ).split(' '),
);

/** Words on almost every line of a page, in the languages of the data's terms. */
const FUNCTION_WORDS = new Set(
  (
    'the of and to in on for at by with from is it this that what we you he she they his her its ' +
    'are was were be has have had not but or as an de la le el los las les del des et en und der die das'
  ).split(' '),
);

/** How rare a run probably is on a page: frequent words and short numbers score low. */
function rarity(run: string): number {
  if (FREQUENT.has(run)) return run.length / 100;
  if (/^\d+$/.test(run)) return run.length / 10;
  return run.length;
}

/** The word runs of a text, as the stream scanner cuts them (apostrophes and gaps end a run). */
function runsOf(text: string): string[] {
  const runs: string[] = [];
  let run = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (known[c] === 0) learn(c);
    const kind = kindOf[c];
    if (kind === K_WORD || kind === K_STRIP) run += text[i];
    else if (run !== '') {
      runs.push(run);
      run = '';
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}

/**
 * A pattern's key: its one run, or the pair of consecutive runs that is probably rarest. Runs
 * are taken from the whole matched text (a possessive in a gap is a run too), so the pair is
 * consecutive in the stream wherever the pattern matches.
 */
function keyOf(pattern: Pattern): { single: number } | { first: number; second: number } {
  let text = pattern.prefix + pattern.tokens[0]!;
  for (let i = 1; i < pattern.tokens.length; i++) text += pattern.gaps[i - 1]! + pattern.tokens[i]!;
  const runs = runsOf(text + pattern.suffix);
  if (runs.length === 1) return { single: hashRun(runs[0]!) };
  // The pair's second run is tested exactly wherever it occurs: never a word like "and" or "on".
  let best = -1;
  let bestScore = -1;
  for (let i = 0; i + 1 < runs.length; i++) {
    const next = runs[i + 1]!;
    if (next.length <= 2 || FUNCTION_WORDS.has(next)) continue;
    const score = rarity(runs[i]!) + rarity(next);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { first: hashRun(runs[best]!), second: hashRun(runs[best + 1]!) };
  // Only function words could end a pair ("trained on"): the rarest run alone, if it is rare.
  const rarest = runs.reduce((a, b) => (rarity(b) > rarity(a) ? b : a));
  if (rarity(rarest) >= 4) return { single: hashRun(rarest) };
  return { first: hashRun(runs[0]!), second: hashRun(runs[1]!) };
}

/** The Bloom filter's second probe. */
export const second = (h: number): number => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 7;

const cache = new WeakMap<Matcher, Prefilter>();

/**
 * What a prefilter is built from, as plain JSON (shipped precompiled, lib/match/precompiled.ts):
 * run hashes, key pairs as [first, second], dormant keys by entity index, Han/kana/Hangul first
 * characters.
 */
export interface PrefilterParts {
  singles: number[];
  pairs: [number, number][];
  dormant: { entity: number; singles: number[]; pairs: [number, number][] }[];
  cjkAlone: number[];
  cjkPairs: [number, number][];
}

/** Chooses the prefilter's keys for a compiled matcher (the compile-time half). */
export function prefilterParts(matcher: Matcher): PrefilterParts {
  const singles = new Set<number>();
  const pairs = new Map<number, [number, number]>();
  const dormant = new Map<number, { singles: Set<number>; pairs: Map<number, [number, number]> }>();
  for (const index of [matcher.index, matcher.pairs]) {
    for (const list of index.values()) {
      for (const pattern of list) {
        const key = keyOf(pattern);
        const target = pattern.target;
        let into: { singles: Set<number>; pairs: Map<number, [number, number]> } = { singles, pairs };
        if (target.match === 'surname') {
          // A surname alone counts only after the full name (finishScan): dormant until then.
          let d = dormant.get(target.entity);
          if (d === undefined) {
            d = { singles: new Set(), pairs: new Map() };
            dormant.set(target.entity, d);
          }
          into = d;
        }
        if ('single' in key) into.singles.add(key.single);
        else into.pairs.set(pairKey(key.first, key.second), [key.first, key.second]);
      }
    }
  }

  // Names in Han/kana/Hangul by their first two characters: the first alone ("马", "本") is on
  // every line of a Chinese or Japanese page.
  const cjkAlone = new Set<number>();
  const cjkPairs = new Map<number, [number, number]>();
  for (const list of matcher.cjk.values()) {
    for (const pattern of list) {
      const first = foldedCode(pattern.text.charCodeAt(0));
      // A Hangul name's second character may be the space after a one-syllable given name ("벤
      // 스틸러"), and the page may have any white space there: its first character alone counts.
      const second = pattern.text.charCodeAt(1);
      if (pattern.text.length === 1 || second === 32) cjkAlone.add(first);
      else {
        const next = foldedCode(second);
        cjkPairs.set(cjkPairKey(first, next), [first, next]);
      }
    }
  }
  return {
    singles: [...singles],
    pairs: [...pairs.values()],
    dormant: [...dormant].map(([entity, d]) => ({
      entity,
      // Keys in force from the start need no waking.
      singles: [...d.singles].filter((h) => !singles.has(h)),
      pairs: [...d.pairs].filter(([k]) => !pairs.has(k)).map(([, pair]) => pair),
    })),
    cjkAlone: [...cjkAlone].sort((a, b) => a - b),
    cjkPairs: [...cjkPairs.values()],
  };
}

/** The prefilter from its parts (the page-load half: a bitset and a few Sets). */
function fromParts(parts: PrefilterParts): Prefilter {
  const singles = new Set(parts.singles);
  const triggers = new Set<number>();
  const pairs = new Set<number>();
  for (const [a, b] of parts.pairs) {
    pairs.add(pairKey(a, b));
    triggers.add(b);
  }
  const dormant = new Map<number, { singles: number[]; pairs: number[] }>();
  const bloom = new Set<number>([...singles, ...triggers]);
  let size = singles.size + pairs.size;
  for (const d of parts.dormant) {
    for (const h of d.singles) bloom.add(h);
    for (const [, b] of d.pairs) {
      triggers.add(b);
      bloom.add(b);
    }
    dormant.set(d.entity, { singles: d.singles, pairs: d.pairs.map(([a, b]) => pairKey(a, b)) });
    size += d.singles.length + d.pairs.length;
  }
  const cjkFirst = new Uint8Array(65536);
  const cjkPairs = new Set<number>();
  for (const [a, b] of parts.cjkPairs) {
    cjkFirst[a] = CJK_PAIR;
    cjkPairs.add(cjkPairKey(a, b));
  }
  for (const c of parts.cjkAlone) cjkFirst[c] = CJK_ALONE;
  let bitCount = 1 << 16;
  while (bitCount < bloom.size * 32) bitCount *= 2;
  const bits = new Int32Array(bitCount >>> 5);
  const mask = bitCount - 1;
  for (const h of bloom) {
    const a = h & mask;
    const b = second(h) & mask;
    bits[a >>> 5]! |= 1 << (a & 31);
    bits[b >>> 5]! |= 1 << (b & 31);
  }
  return { bits, mask, singles, triggers, pairs, dormant, cjkFirst, cjkPairs, size };
}

/** The prefilter of a compiled matcher, built on first use and cached with it. */
export function prefilterOf(matcher: Matcher): Prefilter {
  let p = cache.get(matcher);
  if (p === undefined) {
    p = fromParts(prefilterParts(matcher));
    cache.set(matcher, p);
  }
  return p;
}

/** Gives a matcher loaded from its precompiled form the prefilter shipped with it. */
export function seedPrefilter(matcher: Matcher, parts: PrefilterParts): void {
  cache.set(matcher, fromParts(parts));
}

/** cjkFirst values: a one-character pattern; patterns that start with it (see cjkPairs). */
export const CJK_ALONE = 1;
export const CJK_PAIR = 2;

export function cjkPairKey(first: number, second: number): number {
  return first * 65536 + second;
}

/** Is `h` in the Bloom filter (both probes set)? */
export function inBloom(p: Prefilter, h: number): boolean {
  const a = h & p.mask;
  if ((p.bits[a >>> 5]! & (1 << (a & 31))) === 0) return false;
  const b = second(h) & p.mask;
  return (p.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
}
