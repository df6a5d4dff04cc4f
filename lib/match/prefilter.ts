/**
 * The candidate prefilter: a cheap, exact-superset test of "could any pattern match here?", run on
 * every text node of a page before any DOM work. On real news pages almost no text node passes,
 * so the DOM adapter only assembles blocks (and runs the core) where a name or term may be.
 *
 * Each pattern contributes ONE key: the hash of the longest apostrophe-free part of its longest
 * token (e.g. "ruffalo" for "Mark Ruffalo", "mccartney" for "Sir Paul McCartney"). Every match
 * contains all of its pattern's tokens as whole tokens of the block text, so a block with a match
 * has that part as a whole word run; the stream scanner below hashes every such run, including
 * runs cut or glued by text-node boundaries, so no block with a match is ever missed.
 * Han/kana/Hangul patterns are found by their first character (the substring pass starts there).
 *
 * Hashes use a per-character fold equal to fold() (the 1:1 fold) and skip the same combining
 * marks as the tokenizer, so they do not need the node's text folded first.
 *
 * Speed (measured with `npm run bench`, see PrefilterStream.next): one plain JS loop over each
 * node's characters, with table lookups, is faster in Chromium than a native regex over the keys
 * (irregexp tries every alternative at every position: about 8 ns a character on prose), and the
 * indentation nodes that make up most of a page are settled by a memo of blank strings.
 */
import type { Matcher } from './compile';
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
  /** Bloom bits over part hashes (two probes), then the exact set of hashes. */
  readonly bits: Int32Array;
  readonly mask: number;
  readonly keys: ReadonlySet<number>;
  /** Folded first characters of Han/kana/Hangul patterns. */
  readonly cjkFirst: Uint8Array;
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
 * never the key when the pattern has a rarer word. Only a speed heuristic: any word of a pattern
 * would be a correct key.
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

/**
 * The word run a pattern is keyed by: one it shares with an already chosen key if it can (fewer
 * keys, fewer false candidates), else the longest that is not a frequent word.
 */
function keyPart(tokens: readonly string[], chosen: ReadonlySet<number>): string {
  let best = '';
  let bestScore = -1;
  for (const token of tokens) {
    for (const part of token.split("'")) {
      if (part.length === 0) continue;
      if (chosen.has(hashRun(part))) return part;
      // Frequent words last; short numbers ("2", "400") are common on pages too.
      const score = FREQUENT.has(part)
        ? part.length / 100
        : /^\d+$/.test(part)
          ? part.length / 10
          : part.length;
      if (score > bestScore) {
        best = part;
        bestScore = score;
      }
    }
  }
  return best;
}

const second = (h: number): number => Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 7;

const cache = new WeakMap<Matcher, Prefilter>();

/**
 * What a prefilter is built from, as plain JSON (shipped precompiled, lib/match/precompiled.ts):
 * the key hashes and the Han/kana/Hangul first characters.
 */
export interface PrefilterParts {
  keys: number[];
  cjkFirst: number[];
}

/** Chooses the prefilter's keys for a compiled matcher (the compile-time half). */
export function prefilterParts(matcher: Matcher): PrefilterParts {
  const keys = new Set<number>();
  const addKey = (tokens: readonly string[]): void => {
    keys.add(hashRun(keyPart(tokens, keys)));
  };
  // One-word patterns have no choice; longer ones reuse those keys where they can.
  for (const list of matcher.index.values()) for (const pattern of list) addKey(pattern.tokens);
  for (const list of matcher.pairs.values()) for (const pattern of list) addKey(pattern.tokens);

  const cjkFirst = new Set<number>();
  for (const list of matcher.cjk.values()) {
    for (const pattern of list) {
      const c = pattern.text.charCodeAt(0);
      if (known[c] === 0) learn(c);
      cjkFirst.add(foldedOf[c]!);
      cjkFirst.add(c);
    }
  }
  return { keys: [...keys], cjkFirst: [...cjkFirst].sort((a, b) => a - b) };
}

/** The prefilter from its parts (the page-load half: two bitsets and a Set). */
function fromParts(parts: PrefilterParts): Prefilter {
  const keys = new Set(parts.keys);
  const cjkFirst = new Uint8Array(65536);
  for (const c of parts.cjkFirst) cjkFirst[c] = 1;
  let size = 1 << 16;
  while (size < keys.size * 32) size *= 2;
  const bits = new Int32Array(size >>> 5);
  const mask = size - 1;
  for (const h of keys) {
    const a = h & mask;
    const b = second(h) & mask;
    bits[a >>> 5]! |= 1 << (a & 31);
    bits[b >>> 5]! |= 1 << (b & 31);
  }
  return { bits, mask, keys, cjkFirst, size: keys.size };
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

function hasKey(p: Prefilter, h: number): boolean {
  const a = h & p.mask;
  if ((p.bits[a >>> 5]! & (1 << (a & 31))) === 0) return false;
  const b = second(h) & p.mask;
  if ((p.bits[b >>> 5]! & (1 << (b & 31))) === 0) return false;
  return p.keys.has(h);
}

/** scanRuns results: a candidate; no word at the end; a word reaching the end (see tailHash). */
const FOUND = -1;
const NO_RUN_AT_END = 0;
const ENDS_IN_RUN = 1;
/** The hash of the run reaching the end of the piece, when scanRuns returns ENDS_IN_RUN. */
let tailHash = 0;

/**
 * The hot loop, over one piece: hashes every word run and tests it where it ends. ASCII comes
 * straight from the prefilled tables; anything else is learnt once. A plain function over module
 * tables: written as a method that also kept the carry state, it ran about 1.5× slower in Chromium.
 */
function scanRuns(data: string, p: Prefilter): number {
  const n = data.length;
  let h = 0;
  let inRun = false;
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
      if (hasKey(p, h)) return FOUND;
      inRun = false;
      h = 0;
    }
    if (kind === K_CJK && p.cjkFirst[foldedOf[c]!] === 1) return FOUND;
  }
  if (!inRun) return NO_RUN_AT_END;
  if (hasKey(p, h)) return FOUND;
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
  /** Set when next() returns true: the piece (and its offset) where the flagged run begins. */
  flagged: T | null = null;
  flaggedAt = 0;

  constructor(matcher: Matcher) {
    this.p = prefilterOf(matcher);
  }

  /** Forgets runs carried from earlier pieces (after a block was processed, or a jump). */
  reset(): void {
    this.carried = 0;
    this.flagged = null;
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
      this.carried = 0;
      return false;
    }
    if (this.carried > 0 && this.extendCarried(data)) return true;
    // The piece's own runs, the leading one included (a block boundary may fall before it).
    const found = scanRuns(data, this.p);
    if (found === FOUND) return this.flag(tag, at);
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
    this.carryHash[carried] = tailHash;
    this.carryFrom[carried] = tag;
    this.carryAt[carried] = at;
    this.carried = carried + 1;
    return false;
  }

  /**
   * Extends the carried runs with the piece's leading run and tests them where it ends; true when
   * one is a candidate (flagged). They stay carried only when the whole piece continued the word.
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
    // A piece starting with a space or punctuation ends the carried runs where the last piece
    // ended, where they were tested already.
    if (i > 0) {
      for (let j = 0; j < carried; j++) {
        if (hasKey(this.p, carryHash[j]!)) return this.flag(this.carryFrom[j]!, this.carryAt[j]!);
      }
    }
    if (i < n) this.carried = 0;
    return false;
  }

  private flag(tag: T, at: number): boolean {
    this.flagged = tag;
    this.flaggedAt = at;
    this.carried = 0;
    return true;
  }
}

/** Whether a pattern may match in `text` read as consecutive pieces (for tests and tools). */
export function mayMatch(matcher: Matcher, ...pieces: string[]): boolean {
  const stream = new PrefilterStream<number>(matcher);
  for (const [i, piece] of pieces.entries()) if (stream.next(piece, i, 0)) return true;
  return false;
}
