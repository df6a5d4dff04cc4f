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
  /**
   * The fast path: one native regex test per text node (irregexp reads the page's strings where
   * they are; a JS loop over them is ~3× slower in Chromium, because Blink's strings are external).
   * It matches any ASCII key as a whole word (\\b, /i without /u: with /u it is ~500× slower) and
   * any character that is not plain ASCII or harmless punctuation (accents, other scripts, "_",
   * symbols whose fold is a letter). A node it rejects therefore has no candidate; a node it
   * accepts goes through the exact per-character scan. Compiled on first use, once per matcher.
   */
  readonly quick: RegExp;
}

/**
 * Characters a node may contain and still be judged by the regex alone: ASCII except "_" (which
 * \\b counts as a letter), C1 controls, NBSP and Latin-1 punctuation up to ©, general punctuation
 * (spaces, dashes, quotes, but not the word joiners U+200C/D), currency signs, arrows, box drawing.
 * All of them fold to themselves or to a space, dash or quote: never to a letter or a digit.
 */
const PLAIN =
  '\\x00-\\x5e\\x60-\\x7f\\u0080-\\u00a9\\u2000-\\u200b\\u200e-\\u206f\\u20a0-\\u20cf\\u2190-\\u21ff\\u2500-\\u25ff';

/**
 * Above this many ASCII keys the regex costs more than it saves (50,000 names: seconds to compile,
 * slower to run than the scan): every node with a word then takes the exact scan.
 */
const QUICK_MAX_KEYS = 3000;

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
 * the key hashes, the source of the quick regex, and the Han/kana/Hangul first characters.
 */
export interface PrefilterParts {
  keys: number[];
  quick: string;
  cjkFirst: number[];
}

/** Chooses the prefilter's keys for a compiled matcher (the compile-time half). */
export function prefilterParts(matcher: Matcher): PrefilterParts {
  const keys = new Set<number>();
  const keyWords = new Set<string>();
  const addKey = (tokens: readonly string[]): void => {
    const part = keyPart(tokens, keys);
    keys.add(hashRun(part));
    keyWords.add(part);
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
  const ascii = [...keyWords].filter((w) => /^[a-z0-9]+$/.test(w));
  return { keys: [...keys], quick: quickSource(ascii), cjkFirst: [...cjkFirst].sort((a, b) => a - b) };
}

/** The prefilter from its parts (the page-load half: two bitsets, a Set and a regex). */
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
  return { bits, mask, keys, cjkFirst, size: keys.size, quick: new RegExp(parts.quick, 'i') };
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

/** The quick regex's source (flag i) for the ASCII keys; see Prefilter.quick. */
function quickSource(ascii: string[]): string {
  // Longest first so that no key hides a longer one sharing its start (\b would then fail).
  const words =
    ascii.length > QUICK_MAX_KEYS
      ? '[a-z0-9]'
      : `\\b(?:${ascii.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|') || '(?!)'})\\b`;
  return `${words}|[^${PLAIN}]`;
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
  /** Set when scan() returns true: the piece (and its offset) where the flagged run begins. */
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
   * The common case costs one native regex test; see Prefilter.quick.
   */
  next(data: string, tag: T, at: number): boolean {
    const n = data.length;
    if (n === 0) return false;
    let c: number;
    if (this.carried > 0) {
      // Only a piece that continues the carried word needs the exact scan. One that starts with a
      // space or punctuation (", said…" after a link) ends the carried runs, which were tested at
      // the previous piece's end: it is judged like any other piece, by the regex.
      c = data.charCodeAt(0);
      if (known[c] === 0) learn(c);
      if (kindOf[c] === K_WORD || kindOf[c] === K_STRIP) return this.scan(data, tag, at);
      this.carried = 0;
    }
    if (this.p.quick.test(data)) return this.scan(data, tag, at);
    return this.carryTail(data, tag, at);
  }

  /** No candidate in this piece: if it ends inside a word, carry that word's last run. */
  private carryTail(data: string, tag: T, at: number): false {
    const n = data.length;
    let i = n - 1;
    let c = data.charCodeAt(i);
    if (known[c] === 0) learn(c);
    if (kindOf[c] !== K_WORD && kindOf[c] !== K_STRIP) {
      this.carried = 0;
      return false;
    }
    while (i > 0) {
      c = data.charCodeAt(i - 1);
      if (known[c] === 0) learn(c);
      if (kindOf[c] !== K_WORD && kindOf[c] !== K_STRIP) break;
      i--;
    }
    let h = 0;
    for (let k = i; k < n; k++) {
      c = data.charCodeAt(k);
      if (kindOf[c] === K_WORD) h = (Math.imul(h, 31) + foldedOf[c]!) | 0;
    }
    this.carryHash[0] = h;
    this.carryFrom[0] = tag;
    this.carryAt[0] = at;
    this.carried = 1;
    return false;
  }

  /** The exact per-character scan of one piece (see next()). */
  scan(data: string, tag: T, at: number): boolean {
    const n = data.length;
    if (n === 0) return false;
    const p = this.p;
    const carryHash = this.carryHash;
    let carried = this.carried;
    let h = 0;
    let inRun = false;
    let i = 0;
    if (carried > 0) {
      const c = data.charCodeAt(0);
      if (known[c] === 0) learn(c);
      // Runs that ended at the previous piece's end were tested there.
      if (kindOf[c] !== K_WORD && kindOf[c] !== K_STRIP) carried = 0;
    }
    for (; i < n; i++) {
      const c = data.charCodeAt(i);
      if (known[c] === 0) learn(c);
      const kind = kindOf[c]!;
      if (kind === K_WORD) {
        const f = foldedOf[c]!;
        h = (Math.imul(h, 31) + f) | 0;
        inRun = true;
        for (let j = 0; j < carried; j++) carryHash[j] = (Math.imul(carryHash[j]!, 31) + f) | 0;
      } else if (kind === K_STRIP) {
        inRun = true;
      } else {
        let carryEnded = false;
        if (carried > 0) {
          for (let j = 0; j < carried; j++) {
            if (hasKey(p, carryHash[j]!)) return this.flag(this.carryFrom[j]!, this.carryAt[j]!);
          }
          carried = 0;
          carryEnded = true;
        }
        if (inRun) {
          if (hasKey(p, h)) return this.flag(tag, at);
          inRun = false;
          h = 0;
        }
        // The piece was scanned exactly only for the word it continued: if the regex finds nothing
        // in the whole piece, nothing in the rest of it can be a candidate either.
        if (carryEnded && !p.quick.test(data)) return this.carryTail(data, tag, at);
        if (kind === K_CJK && p.cjkFirst[foldedOf[c]!] === 1) return this.flag(tag, at);
      }
    }
    // Runs reaching the end of the piece end here if a boundary follows: test them now, and carry
    // them (with this piece's own run) in case the next piece continues the word.
    for (let j = 0; j < carried; j++) {
      if (hasKey(p, carryHash[j]!)) return this.flag(this.carryFrom[j]!, this.carryAt[j]!);
    }
    if (inRun) {
      if (hasKey(p, h)) return this.flag(tag, at);
      if (carried === MAX_CARRY) {
        // A word glued from more pieces than we track: be safe, treat it as a candidate.
        return this.flag(this.carryFrom[0]!, this.carryAt[0]!);
      }
      carryHash[carried] = h;
      this.carryFrom[carried] = tag;
      this.carryAt[carried] = at;
      carried++;
    } else {
      carried = 0;
    }
    this.carried = carried;
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
