/**
 * The compiled matcher's shapes, shared by the compiler (compile.ts), the scanner (scan.ts,
 * find.ts), the prefilter and the precompiled form. Types and one pure key function only.
 */
import type { MatcherData } from './data';

export type MentionRef = { kind: 'entity'; id: string } | { kind: 'topic'; id: string };
export type MatchKind = 'full' | 'alias' | 'surname' | 'term';

/** What a pattern points at, and the conditions the page text must meet. */
export interface Target {
  ref: MentionRef;
  match: MatchKind;
  /** Index into matcher.entities, or -1 for a topic. */
  entity: number;
  /** Index into matcher.topics for a topic term, or -1. */
  topic: number;
  /** Every letter must be a capital on the page ("AI", not "ai"). */
  acronym: boolean;
  /** The first letter must not be lower-case ("Google", not "google"; every surname). */
  capital: boolean;
  /** 0 unless this is a surname follow-up pattern. */
  surname: number;
  /** People's names are not matched glued by a hyphen to another word ("Jean-Paul Simon"). */
  strictHyphen: boolean;
  /** Topics whose terms occur inside this entity name: they count even when the entity is not reported. */
  implied: number[];
  /** A topic term spelled exactly like this entity name (OSTP, OpenAI): the entity wins the mention. */
  sameSpanTopic: number;
}

export interface Pattern {
  tokens: string[];
  /** Normalised separators between consecutive tokens (whitespace runs become one space). */
  gaps: string[];
  /** Punctuation glued before the first token or after the last ("$229Bn", "Want?"). */
  prefix: string;
  suffix: string;
  target: Target;
}

export interface CjkPattern {
  /** Folded; spaces only where the name has them (Hangul), one space standing for any run. */
  text: string;
  target: Target;
  /**
   * A name with Hangul in it: Korean separates words with spaces, so the name must stand alone
   * (no Hangul or letter glued before or after it). A particle glued on ("매카트니는") is not
   * matched yet: that is the languages work, and guessing particles risks wrong names.
   */
  alone?: true;
}

export interface CompiledEntity {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  status: MatcherData['entities'][number]['status'];
  /** Folded surname, '' when surname follow-ups are off for this entity. */
  surname: string;
  /** Folded words before the surname in the name and aliases: the given names a surname may follow. */
  given: string[];
  /** Other people share this full name: it counts only on pages about AI and copyright. */
  common: boolean;
  /** A signatory named by one outlet only (drawn and worded as such). */
  singleOutlet: boolean;
}

export interface CompiledTopic {
  id: string;
  group: MatcherData['topics'][number]['group'];
}

export interface Matcher {
  readonly version: string;
  readonly entities: readonly CompiledEntity[];
  readonly topics: readonly CompiledTopic[];
  /** One-token patterns by the hash of their token. */
  readonly index: Map<number, Pattern[]>;
  /** Patterns of two or more tokens by pairKey(first token hash, second token hash), most tokens first. */
  readonly pairs: Map<number, Pattern[]>;
  /** Substring index for Han/kana/Hangul names: first char code → patterns, longest first. */
  readonly cjk: Map<number, CjkPattern[]>;
  /**
   * A Bloom-style pre-check on first-token hashes (1 = some pattern may start with a token of
   * that hash): most page tokens start no pattern, and this skips their Map lookups.
   */
  readonly firstTokens: Uint32Array;
  readonly firstTokenMask: number;
  /** The first-token hashes behind `firstTokens` (kept for the precompiled form). */
  readonly firstHashes: ReadonlySet<number>;
  readonly entityById: ReadonlyMap<string, number>;
  readonly topicById: ReadonlyMap<string, number>;
}

/** The key of a pattern's first two tokens in `Matcher.pairs`. */
export function pairKey(first: number, second: number): number {
  return (Math.imul(first ^ (first >>> 16), 0x45d9f3b) + second) | 0;
}
