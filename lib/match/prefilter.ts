/**
 * The candidate prefilter: a cheap, exact-superset test of "could any pattern match here?", run on
 * every text node of a page before any DOM work. On real news pages almost no text node passes,
 * so the DOM adapter only assembles blocks (and runs the core) where a name or term may be.
 *
 * Keys are hashes of word runs (letters and digits; apostrophes end a run). Every match contains
 * all of its pattern's tokens, whole and in order, in one block, so:
 * - a one-run pattern ("copyright", "OpenAI") is keyed by that run;
 * - a longer one ("Mark Ruffalo", "New York Times", "more than 400") by one pair of consecutive
 *   runs ("york" then "times"): a block with a match has those two runs one after the other, with
 *   only non-word characters between. A single word of such a name ("Trump", "York", "Science",
 *   "billion") is not a candidate on its own; most false candidates were exactly that;
 * - a surname follow-up ("Ruffalo" alone) is dormant until that person's full name or an alias
 *   was matched earlier in the document (PrefilterStream.activate): before that the core would
 *   drop it anyway (lib/match/scan.ts, finishScan).
 * The stream scanner below hashes every run, including runs cut or glued by text-node boundaries,
 * and tracks the run before each one, so no block with a match is ever missed. Where a glued run
 * leaves the previous run ambiguous, any pair ending in the current run counts (superset).
 * Han/kana/Hangul patterns (no spaces between words) are found by their first two characters.
 *
 * Hashes use a per-character fold equal to fold() (the 1:1 fold) and skip the same combining
 * marks as the tokenizer, so they do not need the node's text folded first.
 *
 * Speed (measured with `npm run bench`, see PrefilterStream.next): one plain JS loop over each
 * node's characters, with table lookups, is faster in Chromium than a native regex over the keys
 * (irregexp tries every alternative at every position: about 8 ns a character on prose), and the
 * indentation nodes that make up most of a page are settled by a memo of blank strings. A Bloom
 * filter over every key's last run keeps the exact checks off the common path.
 */
import { pairKey, type Matcher, type Pattern } from './model';
import { fold } from './fold';
import { APOSTROPHE, CLASS_CJK, CLASS_STRIP, CLASS_WORD, charClass } from './tokenize';

/** What a (raw) char code is to the prefilter, after folding. */
const K_OTHER = 0;
const K_WORD = 1;
/** A combining mark the hash skips: part of the word run. */
const K_STRIP = 2;
const K_CJK = 3;

/** Lazily filled: the folded char code and kind of every UTF-16 code unit met so far. */
const foldedOf = new Uint16Array(65536);
const kindOf = new Uint8Array(65536);
const known = new Uint8Array(65536);

function learn(code: number): void {
  let f = fold(String.fromCharCode(code)).charCodeAt(0);
  // Final and medial sigma: fold() lower-cases whole strings (context-sensitive), this table
  // works per character, so both forms hash alike.
  if (f === 0x3c2) f = 0x3c3;
  foldedOf[code] = f;
  const cls = charClass(f);
  kindOf[code] =
    f === APOSTROPHE
      ? K_OTHER
      : cls === CLASS_WORD
        ? K_WORD
        : cls === CLASS_STRIP
          ? K_STRIP
          : cls === CLASS_CJK
            ? K_CJK
            : K_OTHER;
  known[code] = 1;
}
for (let c = 0; c < 128; c++) learn(c);

/**
 * White-space-only strings seen so far. Most text nodes of a page are the indentation between
 * tags, and Blink shares one string among equal ones, so after the first of each a Set lookup
 * (its hash is cached in the string) settles the node without reading its characters. Bounded,
 * and a pure memo of the string's value: it can never be stale.
 */
const blanks = new Set<string>();
const BLANKS_MAX = 1024;
const BLANK_MAX_LENGTH = 256;

function isBlank(s: string): boolean {
  if (blanks.has(s)) return true;
  if (s.trim().length !== 0) return false;
  if (s.length <= BLANK_MAX_LENGTH && blanks.size < BLANKS_MAX) blanks.add(s);
  return true;
}

/** How many word runs may be carried across consecutive node boundaries before giving up exactness. */
const MAX_CARRY = 8;

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

/** The hash of a word run the way the stream scanner computes it (marks skipped, folded per char). */
export function hashRun(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (known[c] === 0) learn(c);
    if (kindOf[c] === K_WORD) h = (Math.imul(h, 31) + foldedOf[c]!) | 0;
  }
  return h;
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

const second = (h: number): number => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 7;

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

/** What is known of the run before the one being tested. */
const PREV_NONE = 0;
const PREV_EXACT = 1;
/** A run glued across pieces: it may have been any of several runs, so any pair may complete. */
const PREV_AMBIGUOUS = 2;

/** The dormant keys a stream has woken (module state, set by the stream before each scan). */
let awakeSingles: Set<number> | null = null;
let awakePairs: Set<number> | null = null;

/** The exact test behind a Bloom hit: is a run hashing to `h`, after `prev`, a candidate? */
function isKey(p: Prefilter, h: number, prev: number, prevState: number): boolean {
  if (p.singles.has(h)) return true;
  if (awakeSingles !== null && awakeSingles.has(h)) return true;
  if (!p.triggers.has(h) || prevState === PREV_NONE) return false;
  if (prevState === PREV_AMBIGUOUS) return true;
  const pair = pairKey(prev, h);
  return p.pairs.has(pair) || (awakePairs !== null && awakePairs.has(pair));
}

function inBloom(p: Prefilter, h: number): boolean {
  const a = h & p.mask;
  if ((p.bits[a >>> 5]! & (1 << (a & 31))) === 0) return false;
  const b = second(h) & p.mask;
  return (p.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
}

const CJK_ALONE = 1;
const CJK_PAIR = 2;

function foldedCode(c: number): number {
  if (known[c] === 0) learn(c);
  return foldedOf[c]!;
}

function cjkPairKey(first: number, second: number): number {
  return first * 65536 + second;
}

/**
 * May a Han/kana/Hangul pattern start at `i` (whose character starts one)? At the end of the
 * piece the second character is in the next one, or beyond a block boundary: yes.
 */
function cjkMayStart(p: Prefilter, data: string, i: number): boolean {
  const first = foldedOf[data.charCodeAt(i)]!;
  if (p.cjkFirst[first] === CJK_ALONE || i + 1 === data.length) return true;
  return p.cjkPairs.has(cjkPairKey(first, foldedCode(data.charCodeAt(i + 1))));
}

/** scanRuns results: a candidate; no word at the end; a word reaching the end (see tailHash). */
const FOUND = -1;
const NO_RUN_AT_END = 0;
const ENDS_IN_RUN = 1;
/** The hash of the run reaching the end of the piece, when scanRuns returns ENDS_IN_RUN. */
let tailHash = 0;
/**
 * The run before the next one, in and out of scanRuns: on entry, what precedes the piece's first
 * run (and `afterFirst`: what the first run leaves for the second, AMBIGUOUS when the first is the
 * end of a glued word); on exit, what precedes the run reaching the end, or the piece's last run.
 */
let prevHash = 0;
let prevState = PREV_NONE;
let afterFirst = PREV_EXACT;

/**
 * The hot loop, over one piece: hashes every word run and tests it where it ends. ASCII comes
 * straight from the prefilled tables; anything else is learnt once. A plain function over module
 * tables: written as a method that also kept the carry state, it ran about 1.5× slower in Chromium.
 */
function scanRuns(data: string, p: Prefilter): number {
  const n = data.length;
  let h = 0;
  let inRun = false;
  let prev = prevHash;
  let state = prevState;
  let after = afterFirst;
  for (let i = 0; i < n; i++) {
    const c = data.charCodeAt(i);
    let kind: number;
    if (c < 128) {
      kind = kindOf[c]!;
      if (kind === K_WORD) {
        h = (Math.imul(h, 31) + foldedOf[c]!) | 0;
        inRun = true;
        continue;
      }
    } else {
      if (known[c] === 0) learn(c);
      kind = kindOf[c]!;
      if (kind === K_WORD) {
        h = (Math.imul(h, 31) + foldedOf[c]!) | 0;
        inRun = true;
        continue;
      }
      if (kind === K_STRIP) {
        inRun = true;
        continue;
      }
    }
    if (inRun) {
      if (inBloom(p, h) && isKey(p, h, prev, state)) return FOUND;
      prev = h;
      state = after;
      after = PREV_EXACT;
      inRun = false;
      h = 0;
    }
    if (kind === K_CJK && p.cjkFirst[foldedOf[c]!] !== 0 && cjkMayStart(p, data, i)) return FOUND;
  }
  prevHash = prev;
  prevState = state;
  if (!inRun) return NO_RUN_AT_END;
  if (inBloom(p, h) && isKey(p, h, prev, state)) return FOUND;
  tailHash = h;
  return ENDS_IN_RUN;
}

/**
 * Scans consecutive pieces of text (a page's text nodes in document order) and reports the first
 * piece where a pattern may start. Word runs that cross piece boundaries are hashed as every
 * sub-run cut at those boundaries, because a block boundary may (or may not) fall there.
 * `T` is whatever the caller tags pieces with (a Text node); no allocation per piece.
 */
export class PrefilterStream<T> {
  private readonly p: Prefilter;
  /** Hashes of the word-run parts that reached the end of the previous pieces, oldest first. */
  private readonly carryHash = new Int32Array(MAX_CARRY);
  private readonly carryFrom: (T | null)[] = new Array<T | null>(MAX_CARRY).fill(null);
  private readonly carryAt = new Float64Array(MAX_CARRY);
  private carried = 0;
  /** The run before the first carried one (the only carried run that may be a pair's second). */
  private carryPrev = 0;
  private carryPrevState = PREV_NONE;
  /** The last complete run (the one before the next run). */
  private prev = 0;
  private prevState = PREV_NONE;
  /** Dormant keys woken by activate(). */
  private awakeSingles: Set<number> | null = null;
  private awakePairs: Set<number> | null = null;
  /** Set when next() returns true: the piece (and its offset) where the flagged run begins. */
  flagged: T | null = null;
  flaggedAt = 0;

  constructor(matcher: Matcher) {
    this.p = prefilterOf(matcher);
  }

  /** Forgets runs carried from earlier pieces (after a block was processed, or a jump). */
  reset(): void {
    this.carried = 0;
    this.prevState = PREV_NONE;
    this.flagged = null;
  }

  /**
   * Wakes the surname follow-up keys of an entity: call it once the core matched the entity's
   * full name or an alias, so its surname alone is a candidate in the text that follows.
   */
  activate(entity: number): void {
    const d = this.p.dormant.get(entity);
    if (d === undefined) return;
    for (const h of d.singles) (this.awakeSingles ??= new Set()).add(h);
    for (const k of d.pairs) (this.awakePairs ??= new Set()).add(k);
  }

  /**
   * Scans the next piece; `at` is any number the caller wants back for it (its text offset).
   * Returns true as soon as a candidate is found (see `flagged`); the stream is then reset.
   *
   * Runs that reach the end of the piece are tested there (a block boundary may follow) and
   * carried: the next piece's leading run extends them, and they are tested again where it ends.
   */
  next(data: string, tag: T, at: number): boolean {
    const n = data.length;
    if (n === 0) return false;
    if (data.charCodeAt(0) <= 32 && isBlank(data)) {
      // No word, and it ends any carried one.
      if (this.carried > 0) this.endCarried(false);
      return false;
    }
    awakeSingles = this.awakeSingles;
    awakePairs = this.awakePairs;
    prevHash = this.prev;
    prevState = this.prevState;
    afterFirst = PREV_EXACT;
    if (this.carried > 0 && this.extendCarried(data)) return true;
    // The piece's own runs, the leading one included (a block boundary may fall before it).
    const found = scanRuns(data, this.p);
    if (found === FOUND) return this.flag(tag, at);
    this.prev = prevHash;
    this.prevState = prevState;
    if (found === NO_RUN_AT_END) {
      this.carried = 0;
      return false;
    }
    // The run reaching the end of the piece was tested (a block boundary may follow); carry it in
    // case the next piece continues the word.
    const carried = this.carried;
    if (carried === MAX_CARRY) {
      // A word glued from more pieces than we track: be safe, treat it as a candidate.
      return this.flag(this.carryFrom[0]!, this.carryAt[0]!);
    }
    if (carried === 0) {
      this.carryPrev = prevHash;
      this.carryPrevState = prevState;
    }
    this.carryHash[carried] = tailHash;
    this.carryFrom[carried] = tag;
    this.carryAt[carried] = at;
    this.carried = carried + 1;
    return false;
  }

  /**
   * Extends the carried runs with the piece's leading run and tests them where it ends; true when
   * one is a candidate (flagged). They stay carried only when the whole piece continued the word.
   * Sets up the module's prev state for the scan of the piece's own runs.
   */
  private extendCarried(data: string): boolean {
    const n = data.length;
    const carried = this.carried;
    const carryHash = this.carryHash;
    let i = 0;
    for (; i < n; i++) {
      const c = data.charCodeAt(i);
      if (c >= 128 && known[c] === 0) learn(c);
      const kind = kindOf[c];
      if (kind === K_WORD) {
        const f = foldedOf[c]!;
        for (let j = 0; j < carried; j++) carryHash[j] = (Math.imul(carryHash[j]!, 31) + f) | 0;
      } else if (kind !== K_STRIP) {
        break;
      }
    }
    const p = this.p;
    // A piece starting with a space or punctuation ends the carried runs where the last piece
    // ended, where they were tested already.
    if (i > 0) {
      for (let j = 0; j < carried; j++) {
        const h = carryHash[j]!;
        // Only the first carried run starts where a word starts; the others start at a cut, where
        // a block boundary would leave no run before them.
        if (inBloom(p, h) && isKey(p, h, this.carryPrev, j === 0 ? this.carryPrevState : PREV_NONE)) {
          return this.flag(this.carryFrom[j]!, this.carryAt[j]!);
        }
      }
    }
    if (i < n) {
      this.endCarried(i > 0);
      prevHash = this.prev;
      if (i > 0) {
        // The piece's leading run ends a glued word: no run before it (a block boundary would
        // have cut there), and the run after it follows one of several.
        prevState = PREV_NONE;
        afterFirst = PREV_AMBIGUOUS;
      } else {
        prevState = this.prevState;
      }
    } else {
      // The whole piece continues the word: its run, tested alone, starts at a cut.
      prevState = PREV_NONE;
    }
    return false;
  }

  /** The carried word ended: it is the run before the next one (ambiguous if glued, or continued). */
  private endCarried(continued: boolean): void {
    if (this.carried === 1 && !continued) {
      this.prev = this.carryHash[0]!;
      this.prevState = PREV_EXACT;
    } else {
      this.prevState = PREV_AMBIGUOUS;
    }
    this.carried = 0;
  }

  private flag(tag: T, at: number): boolean {
    this.flagged = tag;
    this.flaggedAt = at;
    this.carried = 0;
    this.prevState = PREV_NONE;
    return true;
  }
}

/** Whether a pattern may match in `text` read as consecutive pieces (for tests and tools). */
export function mayMatch(matcher: Matcher, ...pieces: string[]): boolean {
  return mayMatchAfter(matcher, [], ...pieces);
}

/** mayMatch once these entities (indices) were matched in full: their surnames alone are awake. */
export function mayMatchAfter(matcher: Matcher, activated: readonly number[], ...pieces: string[]): boolean {
  const stream = new PrefilterStream<number>(matcher);
  for (const entity of activated) stream.activate(entity);
  for (const [i, piece] of pieces.entries()) if (stream.next(piece, i, 0)) return true;
  return false;
}
