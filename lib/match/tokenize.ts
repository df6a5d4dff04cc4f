/**
 * A tokenizer over the char codes of FOLDED text, with no per-token allocation: tokens go into
 * reusable typed arrays (start, end, hash). A token is a run of letters, digits and marks, with
 * apostrophes inside it ("isn't"), except after a one-letter elided article ("l'IA" is "l" + "ia",
 * so is "D'Souza" on both the data and the page side); a trailing possessive "'s" is left out of the token
 * so "Ruffalo’s" looks up "ruffalo". Hyphens are NOT part of tokens: "Waller-Bridge" is two
 * tokens with a "-" gap, so "AI-generated" still contains the token "ai".
 *
 * Han, kana and Hangul are not tokens (those scripts do not separate words with spaces); the
 * matcher finds names written in them with a substring pass instead.
 */

export const CLASS_OTHER = 0;
export const CLASS_WORD = 1;
/** A combining diacritic left in the text (decomposed "Cuaro\u0301n"): part of the word, ignored by the hash. */
export const CLASS_STRIP = 2;
export const CLASS_CJK = 3;

const classes = new Uint8Array(65536);
const known = new Uint8Array(65536);
const WORD_RE = /[\p{L}\p{N}\p{M}\u200c\u200d]/u;

function computeClass(code: number): number {
  if (code >= 0x300 && code <= 0x36f) return CLASS_STRIP;
  if (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff66 && code <= 0xff9f)
  ) {
    return CLASS_CJK;
  }
  if (code >= 0xd800 && code <= 0xdfff) return CLASS_OTHER;
  return WORD_RE.test(String.fromCharCode(code)) ? CLASS_WORD : CLASS_OTHER;
}

export function charClass(code: number): number {
  if (known[code] === 0) {
    classes[code] = computeClass(code);
    known[code] = 1;
  }
  return classes[code]!;
}
for (let c = 0; c < 128; c++) charClass(c);

export const APOSTROPHE = 39;
const S = 115;

/** Token buffers, reused across calls (the scan is single-threaded and not re-entrant). */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
  /** 1 when the token contains a combining mark that the hash skipped. */
  strip: Uint8Array;
  /** Whether the text has Han/kana/Hangul characters (then the substring pass runs too). */
  hasCjk: boolean;
}

export function createTokens(capacity = 1024): Tokens {
  return {
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    hash: new Int32Array(capacity),
    strip: new Uint8Array(capacity),
    hasCjk: false,
  };
}

function grow(t: Tokens): void {
  const size = t.start.length * 2;
  const start = new Int32Array(size);
  start.set(t.start);
  const end = new Int32Array(size);
  end.set(t.end);
  const hash = new Int32Array(size);
  hash.set(t.hash);
  const strip = new Uint8Array(size);
  strip.set(t.strip);
  t.start = start;
  t.end = end;
  t.hash = hash;
  t.strip = strip;
}

/** The hash of a folded token string, as `tokenize` computes it (marks in U+0300–036F skipped). */
export function hashToken(token: string): number {
  let h = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    h = (Math.imul(h, 31) + c) | 0;
  }
  return h;
}

/** Splits folded text into tokens, writing them into `out`. */
export function tokenize(f: string, out: Tokens): void {
  const n = f.length;
  let count = 0;
  let hasCjk = false;
  let i = 0;
  while (i < n) {
    let c = f.charCodeAt(i);
    let cls = c < 128 ? classes[c]! : charClass(c);
    if (cls !== CLASS_WORD && cls !== CLASS_STRIP) {
      if (cls === CLASS_CJK) {
        // Each Han/kana/Hangul character is a token of its own: it never joins a Latin name, and
        // it makes the block count as one with words (the substring pass finds the names).
        hasCjk = true;
        if (count === out.start.length) grow(out);
        out.start[count] = i;
        out.end[count] = i + 1;
        out.hash[count] = c;
        out.strip[count] = 0;
        count++;
      }
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let strip = 0;
    let hashBeforeApos = 0;
    let lastApos = -1;
    while (i < n) {
      c = f.charCodeAt(i);
      cls = c < 128 ? classes[c]! : charClass(c);
      if (cls === CLASS_WORD) {
        h = (Math.imul(h, 31) + c) | 0;
      } else if (cls === CLASS_STRIP) {
        strip = 1;
      } else if (c === APOSTROPHE && i + 1 < n) {
        const next = f.charCodeAt(i + 1);
        const nextCls = next < 128 ? classes[next]! : charClass(next);
        if (nextCls !== CLASS_WORD) break;
        // French and Italian elision ("l'IA", "d'auteur", "qu'il"): the article is its own token.
        const before = i - start;
        if (before === 1 || (before === 2 && f.charCodeAt(start) === 113 && f.charCodeAt(start + 1) === 117))
          break;
        hashBeforeApos = h;
        lastApos = i;
        h = (Math.imul(h, 31) + c) | 0;
      } else {
        break;
      }
      i++;
    }
    let end = i;
    // A possessive "'s" closes the token: look up the name without it.
    if (lastApos === end - 2 && lastApos > start && f.charCodeAt(end - 1) === S) {
      end = lastApos;
      h = hashBeforeApos;
    }
    if (count === out.start.length) grow(out);
    out.start[count] = start;
    out.end[count] = end;
    out.hash[count] = h;
    out.strip[count] = strip;
    count++;
  }
  out.count = count;
  out.hasCjk = hasCjk;
}
