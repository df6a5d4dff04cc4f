/**
 * Scanning a document: its blocks' text goes through find.ts (candidate matches in a string);
 * then, over the whole document, resolve surname follow-ups, classify the page and drop what must
 * not be reported.
 *
 * A document is an ordered list of blocks (paragraphs, cells, list items…); a match never crosses
 * a block. Offsets are into each block's ORIGINAL text (the fold keeps length 1:1).
 */
import { findInText, type Hit } from './find';
import type { CompiledEntity, MatchKind, Matcher, MentionRef, Target } from './model';

export { topicsIn } from './find';

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

  const carriers = surnameCarriers(hits, entities);

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
      if (!activated.has(t.entity) || carriers.get(e.surname) !== 1) continue;
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
 * How many different people on this page carry each surname (full names anywhere on the page).
 * Per-entity state lives in Maps keyed by the entities the hits name, never in arrays sized by the
 * dictionary: with 50,000 names, allocating and sweeping those on every scan cost more than the
 * scan itself.
 */
function surnameCarriers(hits: readonly Hit[], entities: readonly CompiledEntity[]): Map<string, number> {
  const named = new Set<number>();
  for (const h of hits) if (h.target.entity >= 0 && h.target.match !== 'surname') named.add(h.target.entity);
  const carriers = new Map<string, number>();
  for (const ei of named) {
    const e = entities[ei]!;
    if (e.kind === 'person' && e.surname) carriers.set(e.surname, (carriers.get(e.surname) ?? 0) + 1);
  }
  return carriers;
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

/** Is this hit evidence of what the page is about (a topic term, or a name that implies one)? */
function isTopicEvidence(t: Target): boolean {
  return t.entity < 0 || (t.match !== 'surname' && t.implied.length > 0);
}

/**
 * Marks the topic evidence found in page furniture (the caller decides which blocks are, e.g. by
 * the DOM's layout, lib/dom/rules.ts): still reported, no longer evidence. For callers that know
 * furniture only at the end, and only when positionsMatter(doc) (it cannot change the result otherwise).
 */
export function markFurniture(doc: DocumentScan, isFurniture: (block: number) => boolean): void {
  for (const hit of doc.hits) if (isTopicEvidence(hit.target) && isFurniture(hit.block)) hit.furniture = true;
}

/**
 * Makes the hits' positions (the topic window's unit) exact for a caller that skipped text between
 * blocks: `distance(a, b)` is how many characters of text lie from the start of block `a` to the
 * start of a later block `b` (capped past TOPIC_WINDOW_CHARS when that is all it knows).
 */
export function placeBlocks(doc: DocumentScan, distance: (a: number, b: number) => number): void {
  let block = -1;
  let position = 0;
  for (const hit of doc.hits) {
    if (hit.block !== block) {
      if (block >= 0) position += distance(block, hit.block);
      block = hit.block;
    }
    hit.pos = position + hit.start;
  }
}
