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
 * Keys are chosen in prefilter-keys.ts, characters read through prefilter-chars.ts; this file is
 * the stream scanner.
 *
 * Speed (measured with `npm run bench`, see PrefilterStream.next): one plain JS loop over each
 * node's characters, with table lookups, is faster in Chromium than a native regex over the keys
 * (irregexp tries every alternative at every position: about 8 ns a character on prose), and the
 * indentation nodes that make up most of a page are settled by a memo of blank strings. A Bloom
 * filter over every key's last run keeps the exact checks off the common path.
 */
import { pairKey, type Matcher } from './model';
import { K_CJK, K_STRIP, K_WORD, foldedCode, foldedOf, kindOf, known, learn } from './prefilter-chars';
import { CJK_ALONE, cjkPairKey, inBloom, prefilterOf, type Prefilter } from './prefilter-keys';

export { hashRun } from './prefilter-chars';
export {
  prefilterOf,
  prefilterParts,
  seedPrefilter,
  type Prefilter,
  type PrefilterParts,
} from './prefilter-keys';

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

/** What is known of the run before the one being tested. */
const PREV_NONE = 0;
const PREV_EXACT = 1;
/** A run glued across pieces: it may have been any of several runs, so any pair may complete. */
const PREV_AMBIGUOUS = 2;

/**
 * Where a stream's scan of word runs stands, carried from piece to piece: one object per stream,
 * passed to the hot loop, which copies it into locals on entry and back on exit.
 */
interface RunState {
  /**
   * The run before the next one, and what is known of it (PREV_*): on entry to scanRuns, what
   * precedes the piece's first run; on exit, what precedes the run reaching the end, or the
   * piece's last run.
   */
  prev: number;
  prevState: number;
  /** What the piece's first run leaves for the second: AMBIGUOUS when it is the end of a glued word. */
  afterFirst: number;
  /** The hash of the run reaching the end of the piece, when scanRuns returns ENDS_IN_RUN. */
  tail: number;
  /** Dormant keys woken by PrefilterStream.activate(). */
  awakeSingles: Set<number> | null;
  awakePairs: Set<number> | null;
}

/** The exact test behind a Bloom hit: is a run hashing to `h`, after `prev`, a candidate? */
function isKey(p: Prefilter, s: RunState, h: number, prev: number, prevState: number): boolean {
  if (p.singles.has(h)) return true;
  if (s.awakeSingles !== null && s.awakeSingles.has(h)) return true;
  if (!p.triggers.has(h) || prevState === PREV_NONE) return false;
  if (prevState === PREV_AMBIGUOUS) return true;
  const pair = pairKey(prev, h);
  return p.pairs.has(pair) || (s.awakePairs !== null && s.awakePairs.has(pair));
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

/** scanRuns results: a candidate; no word at the end; a word reaching the end (see RunState.tail). */
const FOUND = -1;
const NO_RUN_AT_END = 0;
const ENDS_IN_RUN = 1;

/**
 * The hot loop, over one piece: hashes every word run and tests it where it ends. ASCII comes
 * straight from the prefilled tables; anything else is learnt once. A plain function over module
 * tables, its state in locals: written as a method that also kept the carry state, it ran about
 * 1.5× slower in Chromium.
 */
function scanRuns(data: string, p: Prefilter, s: RunState): number {
  const n = data.length;
  let h = 0;
  let inRun = false;
  let prev = s.prev;
  let state = s.prevState;
  let after = s.afterFirst;
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
      if (inBloom(p, h) && isKey(p, s, h, prev, state)) return FOUND;
      prev = h;
      state = after;
      after = PREV_EXACT;
      inRun = false;
      h = 0;
    }
    if (kind === K_CJK && p.cjkFirst[foldedOf[c]!] !== 0 && cjkMayStart(p, data, i)) return FOUND;
  }
  s.prev = prev;
  s.prevState = state;
  if (!inRun) return NO_RUN_AT_END;
  if (inBloom(p, h) && isKey(p, s, h, prev, state)) return FOUND;
  s.tail = h;
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
  /** The last complete run (the one before the next run) and the woken dormant keys. */
  private readonly s: RunState = {
    prev: 0,
    prevState: PREV_NONE,
    afterFirst: PREV_EXACT,
    tail: 0,
    awakeSingles: null,
    awakePairs: null,
  };
  /** Set when next() returns true: the piece (and its offset) where the flagged run begins. */
  flagged: T | null = null;
  flaggedAt = 0;

  constructor(matcher: Matcher) {
    this.p = prefilterOf(matcher);
  }

  /** Forgets runs carried from earlier pieces (after a block was processed, or a jump). */
  reset(): void {
    this.carried = 0;
    this.s.prevState = PREV_NONE;
    this.flagged = null;
  }

  /**
   * Wakes the surname follow-up keys of an entity: call it once the core matched the entity's
   * full name or an alias, so its surname alone is a candidate in the text that follows.
   */
  activate(entity: number): void {
    const d = this.p.dormant.get(entity);
    if (d === undefined) return;
    for (const h of d.singles) (this.s.awakeSingles ??= new Set()).add(h);
    for (const k of d.pairs) (this.s.awakePairs ??= new Set()).add(k);
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
    const s = this.s;
    s.afterFirst = PREV_EXACT;
    if (this.carried > 0 && this.extendCarried(data)) return true;
    // The piece's own runs, the leading one included (a block boundary may fall before it).
    const found = scanRuns(data, this.p, s);
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
    if (carried === 0) {
      this.carryPrev = s.prev;
      this.carryPrevState = s.prevState;
    }
    this.carryHash[carried] = s.tail;
    this.carryFrom[carried] = tag;
    this.carryAt[carried] = at;
    this.carried = carried + 1;
    return false;
  }

  /**
   * Extends the carried runs with the piece's leading run and tests them where it ends; true when
   * one is a candidate (flagged). They stay carried only when the whole piece continued the word.
   * Sets up the run state for the scan of the piece's own runs.
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
        if (inBloom(p, h) && isKey(p, this.s, h, this.carryPrev, j === 0 ? this.carryPrevState : PREV_NONE)) {
          return this.flag(this.carryFrom[j]!, this.carryAt[j]!);
        }
      }
    }
    if (i < n) {
      this.endCarried(i > 0);
      if (i > 0) {
        // The piece's leading run ends a glued word: no run before it (a block boundary would
        // have cut there), and the run after it follows one of several.
        this.s.prevState = PREV_NONE;
        this.s.afterFirst = PREV_AMBIGUOUS;
      }
    } else {
      // The whole piece continues the word: its run, tested alone, starts at a cut.
      this.s.prevState = PREV_NONE;
    }
    return false;
  }

  /** The carried word ended: it is the run before the next one (ambiguous if glued, or continued). */
  private endCarried(continued: boolean): void {
    if (this.carried === 1 && !continued) {
      this.s.prev = this.carryHash[0]!;
      this.s.prevState = PREV_EXACT;
    } else {
      this.s.prevState = PREV_AMBIGUOUS;
    }
    this.carried = 0;
  }

  private flag(tag: T, at: number): boolean {
    this.flagged = tag;
    this.flaggedAt = at;
    this.carried = 0;
    this.s.prevState = PREV_NONE;
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
