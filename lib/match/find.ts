/**
 * Finding candidate matches in one string: fold it, tokenize it, look each token up in the
 * compiled index and keep leftmost-longest, non-overlapping matches, with each pattern's
 * conditions (capitals, hyphens, a surname's context) checked on the page's original text; names
 * in Han/kana/Hangul by substring. Offsets are into the string; scan.ts assigns blocks.
 */
import { fold } from './fold';
import {
  pairKey,
  type CjkPattern,
  type CompiledEntity,
  type Matcher,
  type Pattern,
  type Target,
} from './model';
import { NOT_GIVEN_NAMES, SURNAME_COMMON, SURNAME_ORDINARY, TITLES } from './rules';
import {
  CLASS_CJK,
  CLASS_STRIP,
  CLASS_WORD,
  charClass,
  createTokens,
  type Tokens,
  tokenize,
} from './tokenize';

/** A candidate match before the document-level rules (surnames, actors) are applied. */
export interface Hit {
  block: number;
  /**
   * Where the hit starts in the document's text: all its (scanned) text run together, no
   * separators between blocks. The unit of the topic window.
   */
  pos: number;
  start: number;
  end: number;
  target: Target;
  /** In page furniture (navigation, footer, related stories…): reported, never evidence of the topic. */
  furniture?: true;
}

/** Indices of the topics whose terms occur in `text` (used by the compiler on entity names). */
export function topicsIn(text: string, matcher: Matcher): number[] {
  const hits: Hit[] = [];
  findInText(text, matcher, true, hits);
  return [...new Set(hits.map((h) => h.target.topic))];
}

const TOK: Tokens = createTokens(4096);

const lowerKnown = new Uint8Array(65536);
const lowerFlag = new Uint8Array(65536);

/** Is this char code a lower-case letter? (Scripts without case have none, so they pass "capital" checks.) */
function isLower(code: number): boolean {
  if (code < 128) return code >= 97 && code <= 122;
  if (lowerKnown[code] === 0) {
    const ch = String.fromCharCode(code);
    lowerFlag[code] = ch !== ch.toUpperCase() ? 1 : 0;
    lowerKnown[code] = 1;
  }
  return lowerFlag[code] === 1;
}

function isUpper(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase();
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isWordAt(f: string, k: number): boolean {
  if (k < 0 || k >= f.length) return false;
  const cls = charClass(f.charCodeAt(k));
  return cls === CLASS_WORD || cls === CLASS_STRIP;
}

const STRIP_MARKS = /[\u0300-\u036f]/g;

function tokenEquals(f: string, ti: number, token: string): boolean {
  const s = TOK.start[ti]!;
  const e = TOK.end[ti]!;
  if (TOK.strip[ti] === 1) return f.slice(s, e).replace(STRIP_MARKS, '') === token;
  return e - s === token.length && f.startsWith(token, s);
}

/** Compares the text between two tokens with a pattern gap, any whitespace run counting as one space. */
function gapEquals(f: string, a: number, b: number, gap: string): boolean {
  let j = 0;
  let k = a;
  while (k < b) {
    const c = f.charCodeAt(k);
    if (isSpace(c)) {
      if (gap.charCodeAt(j) !== 32) return false;
      j++;
      while (k < b && isSpace(f.charCodeAt(k))) k++;
    } else {
      if (gap.charCodeAt(j) !== c) return false;
      j++;
      k++;
    }
  }
  return j === gap.length;
}

function onlySpaces(f: string, a: number, b: number): boolean {
  if (a >= b) return false;
  for (let k = a; k < b; k++) if (!isSpace(f.charCodeAt(k))) return false;
  return true;
}

/** Characters after which a word starts a sentence (or a quotation, or a heading-like fragment). */
const SENTENCE_START = new Set([...'.!?:;"“”‘«»(|•-—\u0000'].map((c) => c.charCodeAt(0)));

/**
 * Is the word right before token `first` another person's given name? A capitalised word of two
 * letters or more, not a title, not a word that often stands there (rules.ts), and not one of
 * this person's own given names: "Stella McCartney", "Jerry Stiller", "Melania Trump".
 */
function afterOtherGivenName(t: string, f: string, first: number, given: readonly string[]): boolean {
  if (first === 0) return false;
  const p = first - 1;
  const s = TOK.start[p]!;
  const e = TOK.end[p]!;
  if (e - s < 2 || !onlySpaces(f, e, TOK.start[first]!) || !isUpper(t.charCodeAt(s))) return false;
  const word = f.slice(s, e);
  return !TITLES.has(word) && !NOT_GIVEN_NAMES.has(word) && !given.includes(word);
}

/**
 * The context rules for a surname standing alone (see rules.ts): always capitalised, never after
 * another person's given name; common names not inside a longer capitalised name; ordinary words
 * not at a sentence start either.
 */
function surnameContextOk(
  t: string,
  f: string,
  first: number,
  last: number,
  entity: CompiledEntity,
  kind: number,
): boolean {
  const s = TOK.start[first]!;
  // "del Toro": the particle may be lower-case, the name itself may not.
  if (isLower(t.charCodeAt(TOK.start[last]!))) return false;
  if (afterOtherGivenName(t, f, first, entity.given)) return false;
  if (kind !== SURNAME_COMMON && kind !== SURNAME_ORDINARY) return true;
  if (first > 0) {
    const p = first - 1;
    if (onlySpaces(f, TOK.end[p]!, s) && isUpper(t.charCodeAt(TOK.start[p]!))) {
      if (!TITLES.has(f.slice(TOK.start[p]!, TOK.end[p]!))) return false;
    }
  }
  if (last + 1 < TOK.count) {
    const n = last + 1;
    if (onlySpaces(f, TOK.end[last]!, TOK.start[n]!) && isUpper(t.charCodeAt(TOK.start[n]!))) return false;
  }
  if (kind === SURNAME_ORDINARY) {
    let k = s - 1;
    while (k >= 0 && isSpace(f.charCodeAt(k))) k--;
    if (k < 0 || SENTENCE_START.has(f.charCodeAt(k))) return false;
  }
  return true;
}

/** Tries pattern `p` at token `i`; returns [start, end] in the text or null. */
function tryPattern(t: string, f: string, p: Pattern, i: number, matcher: Matcher): [number, number] | null {
  const k = p.tokens.length;
  if (i + k > TOK.count) return null;
  for (let j = 1; j < k; j++) {
    if (!gapEquals(f, TOK.end[i + j - 1]!, TOK.start[i + j]!, p.gaps[j - 1]!)) return null;
    if (!tokenEquals(f, i + j, p.tokens[j]!)) return null;
  }
  if (!tokenEquals(f, i, p.tokens[0]!)) return null; // the hash only says "probably"
  const target = p.target;
  let start = TOK.start[i]!;
  const last = i + k - 1;
  let end = TOK.end[last]!;
  if (p.prefix) {
    if (start < p.prefix.length || !f.startsWith(p.prefix, start - p.prefix.length)) return null;
    start -= p.prefix.length;
  }
  if (p.suffix) {
    if (!f.startsWith(p.suffix, end)) return null;
    end += p.suffix.length;
  }
  if (target.acronym) {
    for (let c = TOK.start[i]!; c < TOK.end[i]!; c++) if (isLower(t.charCodeAt(c))) return null;
  } else if (target.capital && isLower(t.charCodeAt(TOK.start[i]!))) {
    return null;
  }
  if (target.strictHyphen) {
    if (start >= 2 && f.charCodeAt(start - 1) === 45 && isWordAt(f, start - 2)) return null;
    if (f.charCodeAt(end) === 45 && isWordAt(f, end + 1)) return null;
  }
  if (
    target.surname !== 0 &&
    !surnameContextOk(t, f, i, last, matcher.entities[target.entity]!, target.surname)
  )
    return null;
  return [start, end];
}

const COPYRIGHT_SIGN = 0xa9;

/**
 * "Copyright © 2016 Tencent", "© Copyright 2020", "版权所有" (all rights reserved): page furniture,
 * not coverage of copyright. Such notices do not count as a copyright topic.
 */
function isCopyrightNotice(matcher: Matcher, topic: number, f: string, start: number, end: number): boolean {
  if (matcher.topics[topic]!.group !== 'copyright') return false;
  let k = end;
  while (k < f.length && isSpace(f.charCodeAt(k))) k++;
  const next = f.charCodeAt(k);
  if (
    next === COPYRIGHT_SIGN ||
    (next >= 48 && next <= 57) ||
    f.startsWith('(c)', k) ||
    f.startsWith('所有', k)
  )
    return true;
  k = start - 1;
  while (k >= 0 && isSpace(f.charCodeAt(k))) k--;
  return k >= 0 && f.charCodeAt(k) === COPYRIGHT_SIGN;
}

/** Finds the candidate matches in `t` (offsets into `t`; the caller assigns blocks). */
export function findInText(t: string, matcher: Matcher, topicsOnly: boolean, out: Hit[]): void {
  const f = fold(t);
  tokenize(f, TOK);
  const index = matcher.index;
  const pairs = matcher.pairs;
  const filter = matcher.firstTokens;
  const mask = matcher.firstTokenMask;
  const hashes = TOK.hash;
  const n = TOK.count;
  const firstOut = out.length;
  let i = 0;
  while (i < n) {
    const h = hashes[i]!;
    const bit = h & mask;
    if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) {
      i++;
      continue;
    }
    // Longer patterns (by their first two tokens) first, then one-token ones: longest first overall.
    const longer = i + 1 < n ? pairs.get(pairKey(h, hashes[i + 1]!)) : undefined;
    const single = index.get(h);
    if (longer === undefined && single === undefined) {
      i++;
      continue;
    }
    let found: [number, number] | null = null;
    let foundPattern: Pattern | null = null;
    let surname: [number, number] | null = null;
    let surnamePattern: Pattern | null = null;
    for (let list = longer ?? single; list !== undefined; list = list === longer ? single : undefined) {
      let done = false;
      for (const p of list) {
        if (topicsOnly && p.target.topic < 0) continue;
        const isSurname = p.target.match === 'surname';
        if (isSurname ? surname !== null : found !== null) continue;
        // Candidates are sorted longest first: a shorter one cannot beat what was found.
        if (found !== null && foundPattern!.tokens.length > p.tokens.length) {
          done = true;
          break;
        }
        const m = tryPattern(t, f, p, i, matcher);
        if (m === null) continue;
        if (isSurname) {
          surname = m;
          surnamePattern = p;
        } else {
          found = m;
          foundPattern = p;
        }
      }
      if (done) break;
    }
    // A name or term beats a surname follow-up at the same place unless the surname is longer.
    let chosen: Pattern | null = foundPattern;
    let span = found;
    if (
      surnamePattern !== null &&
      (foundPattern === null || surnamePattern.tokens.length > foundPattern.tokens.length)
    ) {
      chosen = surnamePattern;
      span = surname;
    }
    if (chosen === null || span === null) {
      i++;
      continue;
    }
    if (chosen.target.topic < 0 || !isCopyrightNotice(matcher, chosen.target.topic, f, span[0], span[1])) {
      out.push({ block: 0, pos: 0, start: span[0], end: span[1], target: chosen.target });
    }
    i += chosen.tokens.length;
    // A suffix may swallow punctuation that precedes later tokens, never a token itself.
    while (i < n && TOK.start[i]! < span[1]) i++;
  }
  if (TOK.hasCjk && matcher.cjk.size > 0) findCjk(f, matcher, topicsOnly, out, firstOut);
}

/** Names written in Han/kana/Hangul: substring search from each such character, longest first. */
function findCjk(f: string, matcher: Matcher, topicsOnly: boolean, out: Hit[], firstOut: number): void {
  const found: Hit[] = [];
  for (let k = 0; k < f.length; k++) {
    const c = f.charCodeAt(k);
    if (c < 0x2e80 || charClass(c) !== CLASS_CJK) continue;
    const list: CjkPattern[] | undefined = matcher.cjk.get(c);
    if (list === undefined) continue;
    for (const p of list) {
      if (topicsOnly && p.target.topic < 0) continue;
      const end = p.alone ? matchAlone(f, k, p.text) : f.startsWith(p.text, k) ? k + p.text.length : -1;
      if (end < 0) continue;
      if (p.target.topic < 0 || !isCopyrightNotice(matcher, p.target.topic, f, k, end)) {
        found.push({ block: 0, pos: 0, start: k, end, target: p.target });
      }
      k = end - 1;
      break;
    }
  }
  if (found.length === 0) return;
  // Token matches never contain Han/kana/Hangul, so the two lists interleave without overlap.
  const merged = out
    .splice(firstOut)
    .concat(found)
    .sort((a, b) => a.start - b.start);
  for (const h of merged) out.push(h);
}

/** Is this char code part of a word for a name that must stand alone (letters, digits, Hangul)? */
function gluesToName(f: string, k: number): boolean {
  if (k < 0 || k >= f.length) return false;
  const cls = charClass(f.charCodeAt(k));
  return cls === CLASS_WORD || cls === CLASS_STRIP || cls === CLASS_CJK;
}

/**
 * Matches a Hangul name at `k`: a space in the name stands for any run of white space on the page,
 * and nothing word-like may touch the name on either side. Returns the end, or -1.
 */
function matchAlone(f: string, k: number, text: string): number {
  if (gluesToName(f, k - 1)) return -1;
  let i = k;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 32) {
      if (i >= f.length || !isSpace(f.charCodeAt(i))) return -1;
      while (i < f.length && isSpace(f.charCodeAt(i))) i++;
    } else if (f.charCodeAt(i) === c) {
      i++;
    } else {
      return -1;
    }
  }
  return gluesToName(f, i) ? -1 : i;
}
