/**
 * Scanning: fold a block of text, tokenize it, look each token up in the compiled index and keep
 * leftmost-longest, non-overlapping matches; then, over the whole document, resolve surname
 * follow-ups, classify the page and drop what must not be reported.
 *
 * A document is an ordered list of blocks (paragraphs, cells, list items…); a match never crosses
 * a block. Offsets are into each block's ORIGINAL text (the fold keeps length 1:1).
 */
import { pairKey } from './model';
import type { CjkPattern, CompiledEntity, MatchKind, Matcher, MentionRef, Pattern, Target } from './model';
import { fold } from './fold';
import {
  CLASS_CJK,
  CLASS_STRIP,
  CLASS_WORD,
  charClass,
  createTokens,
  type Tokens,
  tokenize,
} from './tokenize';
import { NOT_GIVEN_NAMES, SURNAME_COMMON, SURNAME_ORDINARY, TITLES } from './rules';

export interface TextMention {
  block: number;
  start: number;
  end: number;
  ref: MentionRef;
  match: MatchKind;
}

export interface Classification {
  aiCopyright: boolean;
  letter: boolean;
  otherInitiative: boolean;
}

export interface TextScan {
  mentions: TextMention[];
  people: { id: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  classification: Classification;
}

/** A candidate match before the document-level rules (surnames, actors) are applied. */
interface Hit {
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

/** Incremental scan of one document, block by block (the DOM adapter feeds it in time slices). */
export interface DocumentScan {
  readonly matcher: Matcher;
  readonly hits: Hit[];
  blocks: number;
  /** Characters of text scanned so far (the position of the next block unless the caller says). */
  chars: number;
}

export function beginScan(matcher: Matcher): DocumentScan {
  return { matcher, hits: [], blocks: 0, chars: 0 };
}

/** Scans the next block of the document; returns its block index. */
export function scanBlock(doc: DocumentScan, text: string): number {
  const block = doc.blocks;
  scanJoined(doc, text, ONE_BLOCK, 1);
  return block;
}

const ONE_BLOCK = [0];

/** What separates blocks in a joined batch: not a space, not a word, in no pattern. */
export const BLOCK_SEPARATOR = '\u0000';

/**
 * Scans the next `count` blocks at once, given as one string with BLOCK_SEPARATOR between them
 * (`starts[i]` is where block i begins). One fold and one tokenizer pass over a whole batch cost
 * far less than thousands of tiny ones; the separator stops every match at the block's edge.
 * `position` is where the first block starts in the document's text (default: right after the
 * blocks scanned so far); a caller that skips text with nothing to find passes it. `furniture[i]`
 * marks block i as page furniture, not article text: its hits are still reported but are no
 * evidence of what the page is about (finishScan). Furniture text still counts in positions.
 */
export function scanJoined(
  doc: DocumentScan,
  text: string,
  starts: ArrayLike<number>,
  count: number,
  position: number = doc.chars,
  furniture?: ArrayLike<boolean>,
): void {
  const first = doc.hits.length;
  findInText(text, doc.matcher, false, doc.hits);
  let b = 0;
  for (let h = first; h < doc.hits.length; h++) {
    const hit = doc.hits[h]!;
    while (b + 1 < count && starts[b + 1]! <= hit.start) b++;
    const offset = starts[b]!;
    hit.block = doc.blocks + b;
    hit.start -= offset;
    hit.end -= offset;
    // Separators are not text: block b starts `b` characters earlier than in the batch.
    hit.pos = position + offset - b + hit.start;
    if (furniture !== undefined && furniture[b] === true) hit.furniture = true;
  }
  doc.blocks += count;
  doc.chars = position + text.length - (count - 1);
}

/** Scans a whole document; `furniture[i]` marks block i as page furniture (see scanJoined). */
export function scanBlocks(
  blocks: readonly string[],
  matcher: Matcher,
  furniture?: readonly boolean[],
): TextScan {
  const doc = beginScan(matcher);
  if (blocks.length > 0) {
    const starts: number[] = [];
    let offset = 0;
    for (const text of blocks) {
      starts.push(offset);
      offset += text.length + 1;
    }
    scanJoined(doc, blocks.join(BLOCK_SEPARATOR), starts, blocks.length, doc.chars, furniture);
  }
  return finishScan(doc);
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
function findInText(t: string, matcher: Matcher, topicsOnly: boolean, out: Hit[]): void {
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

/**
 * Does a hit of this target let the person's surname alone count later in the document? A full
 * name or an alias does (finishScan below); the DOM adapter's prefilter wakes surnames by the same
 * rule, so it never skips a block where a follow-up would be kept.
 */
export function wakesSurname(target: Target): boolean {
  return target.entity >= 0 && target.match !== 'surname';
}

/** Applies the document-level rules and builds the report. */
export function finishScan(doc: DocumentScan): TextScan {
  const { matcher, hits } = doc;
  const entities = matcher.entities;
  const topicCount = new Int32Array(matcher.topics.length);
  const topicOrder: number[] = [];
  // What classifies the page: topic terms in its article text only (a hit in page furniture is
  // reported, but "Licensing FAQ" in a footer says nothing about the article).
  const groups = { ai: 0, copyright: 0, letter: 0, otherInitiative: 0 };
  const countTopic = (ti: number, h: Hit): void => {
    if (topicCount[ti] === 0) topicOrder.push(ti);
    topicCount[ti] = topicCount[ti]! + 1;
    if (h.furniture !== true) groups[matcher.topics[ti]!.group]++;
  };

  // Per-entity state lives in Maps keyed by the entities the hits name, never in arrays sized by
  // the dictionary: with 50,000 names, allocating and sweeping those on every scan cost more than
  // the scan itself.
  // How many different people on this page carry each surname (full names anywhere on the page).
  const named = new Set<number>();
  for (const h of hits) if (h.target.entity >= 0 && h.target.match !== 'surname') named.add(h.target.entity);
  const surnameCarriers = new Map<string, number>();
  for (const ei of named) {
    const e = entities[ei]!;
    if (e.kind === 'person' && e.surname)
      surnameCarriers.set(e.surname, (surnameCarriers.get(e.surname) ?? 0) + 1);
  }

  // Surname follow-ups need the full name EARLIER in document order.
  const activated = new Set<number>();
  const accepted: Hit[] = [];
  for (const h of hits) {
    const t = h.target;
    if (wakesSurname(t)) {
      activated.add(t.entity);
      for (const ti of t.implied) countTopic(ti, h);
    } else if (t.entity >= 0) {
      const e: CompiledEntity = entities[t.entity]!;
      if (!activated.has(t.entity) || surnameCarriers.get(e.surname) !== 1) continue;
    } else {
      countTopic(t.topic, h);
    }
    accepted.push(h);
  }

  const aiCopyright = groups.ai > 0 && groups.copyright > 0 && aiNearCopyright(accepted, matcher);
  const classification: Classification = {
    aiCopyright,
    // Both need the AI-and-copyright context: "Keir Starmer" alone does not make a page about an AI campaign.
    letter: aiCopyright && groups.letter > 0,
    otherInitiative: aiCopyright && groups.otherInitiative > 0,
  };

  const mentions: TextMention[] = [];
  // In order of first mention (Map order).
  const peopleCount = new Map<number, number>();
  for (const h of accepted) {
    const t = h.target;
    if (t.entity >= 0 && !aiCopyright && onlyOnTopic(entities[t.entity]!)) {
      // Silent on ordinary news: actors only on AI-and-copyright pages. "OpenAI" still counts as a term.
      if (t.sameSpanTopic >= 0) {
        mentions.push({
          block: h.block,
          start: h.start,
          end: h.end,
          ref: { kind: 'topic', id: matcher.topics[t.sameSpanTopic]!.id },
          match: 'term',
        });
      }
      continue;
    }
    mentions.push({ block: h.block, start: h.start, end: h.end, ref: t.ref, match: t.match });
    if (t.entity >= 0) {
      peopleCount.set(t.entity, (peopleCount.get(t.entity) ?? 0) + 1);
    }
  }

  return {
    mentions,
    people: [...peopleCount].map(([ei, mentions]) => ({ id: entities[ei]!.id, mentions })),
    topics: topicOrder.map((ti) => ({ id: matcher.topics[ti]!.id, mentions: topicCount[ti]! })),
    classification,
  };
}

/**
 * Who is reported only on pages about AI and copyright: the debate's actors ("Trump" in ordinary
 * news is not news about the debate), and names other people share (the golfer Adam Scott, the
 * senator Paul Simon), so that a namesake is never shown as a signatory.
 */
function onlyOnTopic(e: CompiledEntity): boolean {
  return e.status === 'actor' || e.common;
}

/**
 * How far apart (in characters of the page's text, starts of the two terms) an AI term and a
 * copyright term may be and still make the page about both: about two or three paragraphs. It
 * is counted in characters, not blocks, because the DOM adapter only builds the blocks where
 * something may match (lib/dom/scan-dom.ts) and never knows how many blocks lie between.
 */
export const TOPIC_WINDOW_CHARS = 1000;

/**
 * topics.json's rule (an 'ai' term and a 'copyright' term) tightened for real pages: the two must
 * occur within TOPIC_WINDOW_CHARS of each other, so a gadget review with "AI" in the body and
 * "Licensing FAQ" far below is not "about AI and copyright" (and its actors stay silent). Both
 * must be in the article's text: hits in page furniture are no evidence (and the article was
 * about Trump's tweets when a related-story link said "AI" and the footer "Licensing FAQ"). The
 * distance still counts furniture text between two article terms, as the reader sees the page.
 */
function aiNearCopyright(hits: readonly Hit[], matcher: Matcher): boolean {
  let lastAi = -Infinity;
  let lastCopyright = -Infinity;
  for (const h of hits) {
    if (h.furniture === true) continue;
    const t = h.target;
    const topics = t.entity >= 0 ? (t.match === 'surname' ? [] : t.implied) : [t.topic];
    for (const ti of topics) {
      const group = matcher.topics[ti]!.group;
      if (group === 'ai') {
        lastAi = h.pos;
        if (h.pos - lastCopyright <= TOPIC_WINDOW_CHARS) return true;
      } else if (group === 'copyright') {
        lastCopyright = h.pos;
        if (h.pos - lastAi <= TOPIC_WINDOW_CHARS) return true;
      }
    }
  }
  return false;
}

/**
 * Whether the document has both an AI and a copyright candidate in its article text, so that hit
 * positions decide the classification (the DOM adapter then makes them exact; otherwise it need
 * not bother).
 */
export function positionsMatter(doc: DocumentScan): boolean {
  let ai = false;
  let copyright = false;
  const topics = doc.matcher.topics;
  for (const h of doc.hits) {
    if (h.furniture === true) continue;
    const t = h.target;
    if (t.entity >= 0) {
      if (t.match === 'surname') continue;
      for (const ti of t.implied) {
        const g = topics[ti]!.group;
        ai ||= g === 'ai';
        copyright ||= g === 'copyright';
      }
    } else {
      const g = topics[t.topic]!.group;
      ai ||= g === 'ai';
      copyright ||= g === 'copyright';
    }
    if (ai && copyright) return true;
  }
  return false;
}
