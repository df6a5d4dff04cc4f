/**
 * The detection engine's pure core: no DOM, no extension APIs. The content script, the popup's
 * search and the command-line scanner all go through this API; lib/dom/scan-dom.ts adapts it to
 * pages.
 *
 * Decisions (each has tests in tests/unit/match):
 * - Names and aliases match whatever the case, diacritics, apostrophe or space style, with a
 *   possessive left out of the match; the fold keeps offsets 1:1 (fold.ts).
 * - A name never crosses a block; a person's name never glues to a hyphenated word ("Jean-Paul
 *   Simon"). One-word organisation names need a capital ("Google", not "google").
 * - One-word acronym terms ("AI", "IA", "OSTP") match only in capitals, as whole words.
 * - Surnames alone: only after the full name earlier in the document, never for unconfirmed
 *   claims, never when two people in the data share the surname ("Wachowski"), always
 *   capitalised; common names and ordinary words need more context (rules.ts).
 * - A surname right after a different given name is another person ("Stella McCartney", "Melania
 *   Trump"): any capitalised word of two letters or more that is not a title, a word that often
 *   stands there, or the person's own given name (rules.ts NOT_GIVEN_NAMES).
 * - Names other people share (the research's commonName: Adam Scott, Paul Simon) are reported only
 *   on aiCopyright pages, like the debate's actors.
 * - Names written in Hangul stand alone between spaces or punctuation; Han and kana are matched
 *   as substrings (those scripts do not separate words).
 * - Entity beats topic on the same words (OpenAI, OSTP) but the topic still counts; off topic,
 *   the actor is dropped and the words are reported as the term.
 * - aiCopyright: an 'ai' and a 'copyright' term within 1,000 characters of each other, notices
 *   like "Copyright © 2024" excluded; letter and otherInitiative also need aiCopyright.
 * - Only article text is evidence: a block the caller marks as furniture (navigation, footer,
 *   related stories, licence notices; lib/dom/rules.ts decides) reports its mentions but never
 *   counts towards the classification.
 * - Actors and commonName people are reported only on aiCopyright pages; other signatories,
 *   organisers and unconfirmed claims always.
 */
export type { MatcherData, MatcherEntity, MatcherTopic } from './data';
export { compileMatcher, surnameOf } from './compile';
export type { Matcher, MentionRef, MatchKind } from './model';
export {
  scanBlocks,
  beginScan,
  scanBlock,
  scanJoined,
  finishScan,
  BLOCK_SEPARATOR,
  TOPIC_WINDOW_CHARS,
  positionsMatter,
  type Classification,
  type DocumentScan,
  type TextMention,
  type TextScan,
} from './scan';
export { fold } from './fold';
export { hashRun, mayMatch, mayMatchAfter, prefilterOf, PrefilterStream, type Prefilter } from './prefilter';
