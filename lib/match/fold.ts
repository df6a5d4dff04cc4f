/**
 * The 1:1 text fold: lower-case, diacritics off, typographic apostrophes, spaces and dashes made
 * plain, WITHOUT changing the string's length. Every offset into the folded string is therefore an
 * offset into the page's own text, so matches map back to DOM text nodes with no offset table.
 *
 * Characters whose fold would change the length (ligatures like `æ`, `ß`, the Turkish `İ`) are left
 * as they are here; the compiler adds spelled-out variants of names that contain them instead.
 */

/**
 * Letters that NFKD does not decompose, each to one letter (so the fold stays 1:1); the store's
 * name fold (lib/store/fold.ts) adds the ones that spell out longer.
 */
export const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ı: 'i',
  ħ: 'h',
};

/** Characters the fold must rewrite beyond lower-casing and mark stripping. */
const SPECIAL: Record<string, string> = {
  // Apostrophes and primes people type in names ("Ruffalo’s", "D‘Souza").
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '\u2032': "'",
  '\uff07': "'",
  '\u0060': "'",
  '\u00b4': "'",
  // Spaces that render as a space: NBSP, thin, narrow NBSP, figure, en/em and friends.
  '\u00a0': ' ',
  '\u1680': ' ',
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  // Hyphens and dashes ("Waller‑Bridge" with a non-breaking hyphen).
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2212': '-',
  ...UNDECOMPOSED_LETTERS,
  // Middle dots used between the parts of a name written in Chinese (本·斯蒂勒 / 本・斯蒂勒).
  '\u30fb': '\u00b7',
  '\uff65': '\u00b7',
  '\u2027': '\u00b7',
  '\u2022': '\u00b7',
};

/** Per-character fold of non-ASCII characters, filled lazily: one string per distinct character. */
const cache = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = cache.get(ch);
  if (folded !== undefined) return folded;
  folded = SPECIAL[ch];
  if (folded === undefined) {
    const lower = ch.toLowerCase();
    const base = lower.length === 1 ? lower : ch;
    const stripped = base.normalize('NFKD').replace(/\p{M}+/gu, '');
    // Only a one-character result keeps offsets 1:1; anything else (ligatures, marks alone) stays.
    folded = stripped.length === 1 ? (SPECIAL[stripped] ?? stripped.toLowerCase()) : base;
  }
  cache.set(ch, folded);
  return folded;
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_G = /[\u0080-\uffff]/g;

/** Folds `text` to the matcher's canonical form; the result has exactly `text.length` code units. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  if (lower.length === text.length) {
    const out = lower.replace(NON_ASCII_G, foldChar);
    if (out.length === text.length) return out;
  }
  // Rare: a character whose lower-case form is longer (İ). Fold one code unit at a time.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x80) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
    else out += foldChar(ch);
  }
  return out;
}
