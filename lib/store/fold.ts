/**
 * Name folding for the store's name index and the popup's search: case, accents, punctuation and
 * spacing never make a search miss ("cuaron" finds "Alfonso Cuarón"). Coarser than the matcher's
 * 1:1 fold on purpose: here lengths may change, since nothing maps back to page offsets.
 */
import { UNDECOMPOSED_LETTERS } from '../match/fold';

/** Letters that NFKD does not decompose (measured in shared/notes/code-and-performance.md §B.4). */
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ...UNDECOMPOSED_LETTERS,
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
};

/** "Sir Paul McCartney" → "sir paul mccartney"; "Janelle Monáe" → "janelle monae"; "D'Souza" → "d souza". */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđðıħæœßþ]/g, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function foldedTokens(text: string): string[] {
  const folded = foldName(text);
  return folded === '' ? [] : folded.split(' ');
}
