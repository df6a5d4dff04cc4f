/**
 * The prefilter's per-character tables: the folded char code and kind of every UTF-16 code unit
 * (a per-character fold equal to fold(), lib/match/fold.ts), filled lazily, ASCII up front; and
 * the run hash computed from them. Shared by the key builder and the stream scanner.
 */
import { fold } from './fold';
import { APOSTROPHE, CLASS_CJK, CLASS_STRIP, CLASS_WORD, charClass } from './tokenize';

/** What a (raw) char code is to the prefilter, after folding. */
export const K_OTHER = 0;
export const K_WORD = 1;
/** A combining mark the hash skips: part of the word run. */
export const K_STRIP = 2;
export const K_CJK = 3;

/** Lazily filled: the folded char code and kind of every UTF-16 code unit met so far. */
export const foldedOf = new Uint16Array(65536);
export const kindOf = new Uint8Array(65536);
export const known = new Uint8Array(65536);

export function learn(code: number): void {
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

/** The folded char code of `c` (learnt on first sight). */
export function foldedCode(c: number): number {
  if (known[c] === 0) learn(c);
  return foldedOf[c]!;
}
