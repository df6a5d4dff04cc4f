/**
 * Which of the letter's paragraphs speak to a topic. Pure (no DOM), so the topic card's choice is
 * unit-tested against the real letter text.
 */
import type { Letter, Paragraph, Topic } from '../../lib/data/model';

export type ParagraphMatch = {
  paragraphs: Paragraph[];
  /**
   * terms: the paragraphs use the topic's own words. answers: they do not, so these are the
   * paragraphs that answer the submissions the topic is about (OpenAI's and Google's), and the
   * card says so. none: nothing in the published text speaks to it.
   */
  matchedBy: 'terms' | 'answers' | 'none';
  /** For 'answers': the submitters the topic's note names ("OpenAI", "Google"). */
  submitters: string[];
};

/**
 * Case, curly apostrophes, hyphens and spacing do not make a different word: "Fair-use" and
 * "fair use" match, so do "America’s" and "America's".
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[-‐‑‒–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whole-word match: "AI" must not match "again" or "maintain", "license" must not match "licensed…" halves. */
export function mentions(text: string, term: string): boolean {
  const haystack = foldText(text);
  const needle = foldText(term);
  if (needle === '') return false;
  const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    // Only check a boundary where the term itself starts/ends with a word character ("$229Bn" starts with "$").
    const startOk = !isWordChar(needle[0]) || !isWordChar(before);
    const endOk = !isWordChar(needle[needle.length - 1]) || !isWordChar(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

/** The paragraphs (in letter order) whose text contains one of the topic's terms. */
export function paragraphsMentioning(letter: Letter, terms: readonly string[]): Paragraph[] {
  return letter.paragraphs.filter((p) => terms.some((term) => mentions(p.text, term)));
}

/**
 * The paragraphs to show for a topic. When the letter never uses the topic's words but the topic
 * is about what the rebutted submissions asked for (its note names OpenAI or Google, as "fair use"
 * does), fall back to the paragraphs that answer those companies, flagged so the card can say the
 * words themselves are not in the letter.
 */
export function relevantParagraphs(letter: Letter, topic: Topic): ParagraphMatch {
  const byTerms = paragraphsMentioning(letter, topic.terms);
  if (byTerms.length > 0) return { paragraphs: byTerms, matchedBy: 'terms', submitters: [] };
  const submitters = letter.answers.map((a) => a.who).filter((who) => mentions(topic.note, who));
  if (submitters.length > 0) {
    const answering = paragraphsMentioning(letter, submitters);
    if (answering.length > 0) return { paragraphs: answering, matchedBy: 'answers', submitters };
  }
  return { paragraphs: [], matchedBy: 'none', submitters: [] };
}

/** Splits a paragraph at its elisions so the card can mark each gap "[…]" visibly. */
export function splitAtGaps(text: string): { text: string; gap: boolean }[] {
  const parts: { text: string; gap: boolean }[] = [];
  const gap = /\[(?:…|\.\.\.)\]/g;
  let last = 0;
  for (const match of text.matchAll(gap)) {
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at), gap: false });
    parts.push({ text: match[0], gap: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), gap: false });
  return parts;
}
