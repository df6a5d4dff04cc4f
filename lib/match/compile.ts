/**
 * Compiles the matcher data into token indexes: one-token patterns by the hash of their token,
 * longer ones by the hashes of their first TWO tokens (50,000 names share far fewer first-two-token
 * keys than first names: "Mark" alone would list hundreds of people). Build cost is linear in the
 * number of names and there is no regex to compile, so a 50,000-name dictionary costs about as
 * much per scanned token as 70 names (one or two Map lookups per token that passes a bitset).
 */
import type { MatcherData } from './data';
import { fold } from './fold';
import { CLASS_CJK, charClass, createTokens, hashToken, tokenize } from './tokenize';
import {
  ACRONYM_MAX_LENGTH,
  COMMON_NAME_SURNAMES,
  LANGUAGE_TERM_TOPICS,
  ORDINARY_WORD_SURNAMES,
  SURNAME_COMMON,
  SURNAME_ORDINARY,
  SURNAME_PARTICLES,
  SURNAME_PLAIN,
} from './rules';
import { topicsIn } from './find';
import {
  pairKey,
  type CjkPattern,
  type CompiledEntity,
  type CompiledTopic,
  type Matcher,
  type MentionRef,
  type Pattern,
  type Target,
} from './model';

const WS = /\s+/g;
const HANGUL = /[\uac00-\ud7af]/;

/** Reused: typed arrays are costly to allocate, and 50,000 names would allocate 200,000 of them. */
const PATTERN_TOKENS = createTokens(64);

/** Splits a name or term into the pattern shape, with the same fold and tokenizer as page text. */
function toPattern(text: string, target: Target): Pattern | CjkPattern | null {
  const f = fold(text.trim());
  if (f.length === 0) return null;
  for (let i = 0; i < f.length; i++) {
    if (charClass(f.charCodeAt(i)) !== CLASS_CJK) continue;
    if (target.entity >= 0 && HANGUL.test(f)) return { text: f.replace(WS, ' '), target, alone: true };
    return { text: f.replace(WS, ''), target };
  }
  const tokens = PATTERN_TOKENS;
  tokenize(f, tokens);
  if (tokens.count === 0) return null;
  const words: string[] = [];
  const gaps: string[] = [];
  for (let i = 0; i < tokens.count; i++) {
    words.push(f.slice(tokens.start[i], tokens.end[i]));
    if (i > 0) gaps.push(normaliseGap(f.slice(tokens.end[i - 1], tokens.start[i])));
  }
  const first = tokens.start[0]!;
  const last = tokens.end[tokens.count - 1]!;
  return {
    tokens: words,
    gaps,
    prefix: first === 0 ? '' : normaliseGap(f.slice(0, first)),
    suffix: last === f.length ? '' : normaliseGap(f.slice(last)),
    target,
  };
}

function normaliseGap(gap: string): string {
  return gap === ' ' ? gap : gap.replace(WS, ' ');
}

function keyOf(p: Pattern | CjkPattern): string {
  return 'text' in p
    ? `cjk:${p.text}`
    : `${p.prefix}\u0000${p.tokens.join('\u0001')}\u0000${p.gaps.join('\u0001')}\u0000${p.suffix}`;
}

function isAcronym(term: string): boolean {
  return term.length <= ACRONYM_MAX_LENGTH && /^[A-Z0-9]+$/.test(term) && /[A-Z]/.test(term);
}

/** The surname of a person's main name: its last word, with particles before it ("del Toro"). */
export function surnameOf(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return '';
  let first = words.length - 1;
  while (first > 1 && SURNAME_PARTICLES.has(words[first - 1]!)) first--;
  return words.slice(first).join(' ');
}

/** The folded words before `surname` in each name that ends with it ("Sir Paul McCartney" → sir, paul). */
function givenNames(names: readonly string[], surname: string): string[] {
  const given = new Set<string>();
  for (const name of names) {
    const f = fold(name.trim());
    if (!f.endsWith(` ${surname}`)) continue;
    for (const word of f.slice(0, -surname.length).split(/[\s\-.]+/)) if (word) given.add(word);
  }
  return [...given];
}

function newTarget(partial: Partial<Target> & Pick<Target, 'ref' | 'match'>): Target {
  return {
    entity: -1,
    topic: -1,
    acronym: false,
    capital: false,
    surname: 0,
    strictHyphen: false,
    implied: [],
    sameSpanTopic: -1,
    ...partial,
  };
}

/**
 * Pattern key → pattern, with collisions resolved as they are added: an entity over a topic (the
 * topic still counts), a full name over a surname, and never a guess between two entities.
 */
class PatternSet {
  readonly byKey = new Map<string, Pattern | CjkPattern>();
  /** Keys two people are spelled alike at: matched for neither. */
  readonly ambiguous = new Set<string>();

  add(p: Pattern | CjkPattern | null): void {
    if (!p) return;
    // Chinese names are written with or without the middle dot: accept both.
    if ('text' in p && p.text.includes('\u00b7')) this.add({ ...p, text: p.text.replace(/\u00b7/g, '') });
    const key = keyOf(p);
    const old = this.byKey.get(key);
    if (!old) {
      this.byKey.set(key, p);
      return;
    }
    const a = old.target;
    const b = p.target;
    if (a.entity >= 0 && b.entity >= 0) {
      if (a.entity !== b.entity) {
        if (a.match !== 'surname' && b.match === 'surname') return; // a full name beats a surname
        if (a.match === 'surname' && b.match !== 'surname') this.byKey.set(key, p);
        else this.ambiguous.add(key); // two people spelled the same: mark neither
      }
      return; // same entity: the first (the main name) keeps 'full'
    }
    if (a.entity >= 0 && b.topic >= 0) {
      a.sameSpanTopic = b.topic;
      a.acronym ||= b.acronym;
      return;
    }
    if (a.topic >= 0 && b.entity >= 0) {
      b.sameSpanTopic = a.topic;
      b.acronym ||= a.acronym;
      this.byKey.set(key, p);
    }
    // topic vs topic (the same word in two languages): the first stays.
  }
}

export function compileMatcher(data: MatcherData): Matcher {
  const patterns = new PatternSet();
  // Topics first, so entity names can see which topic terms they contain.
  const topics = data.topics.map((t): CompiledTopic => ({ id: t.id, group: t.group }));
  const topicById = new Map(topics.map((t, i) => [t.id, i]));
  for (const [ti, t] of data.topics.entries()) for (const term of t.terms) addTerm(patterns, term, t.id, ti);
  for (const terms of Object.values(data.languages)) {
    for (const term of terms) {
      const id = LANGUAGE_TERM_TOPICS[fold(term.trim())];
      const ti = id === undefined ? undefined : topicById.get(id);
      if (ti !== undefined) addTerm(patterns, term, id!, ti);
    }
  }
  const entities = compileEntities(data.entities, patterns);
  const matcher: Matcher = {
    version: data.version,
    entities,
    topics,
    ...buildIndexes(patterns),
    entityById: new Map(entities.map((e, i) => [e.id, i])),
    topicById,
  };
  markImpliedTopics(data, patterns, matcher);
  return matcher;
}

/** A topic term (or its translation) as a pattern of topic `ti`. */
function addTerm(patterns: PatternSet, term: string, id: string, ti: number): void {
  const single = !/[\s\-.]/.test(term.trim());
  patterns.add(
    toPattern(
      term,
      newTarget({
        ref: { kind: 'topic', id },
        match: 'term',
        topic: ti,
        acronym: single && isAcronym(term.trim()),
      }),
    ),
  );
}

/** Each entity with its names, aliases and (where allowed) surname as patterns. */
function compileEntities(data: MatcherData['entities'], patterns: PatternSet): CompiledEntity[] {
  const rawSurnames = data.map((e) => (e.kind === 'person' ? surnameOf(e.name) : ''));
  // Surnames shared by two people in the data ("Wachowski") are never used alone.
  const surnameOwners = new Map<string, number>();
  for (const raw of rawSurnames) {
    const s = fold(raw);
    if (s) surnameOwners.set(s, (surnameOwners.get(s) ?? 0) + 1);
  }
  return data.map((e, ei): CompiledEntity => {
    const rawSurname = rawSurnames[ei]!;
    const folded = fold(rawSurname);
    // Unconfirmed claims get no follow-ups: "Thompson" alone must never point at an unverified claim.
    const surnameOn = folded !== '' && e.status !== 'unconfirmed' && surnameOwners.get(folded) === 1;
    addNames(e, ei, patterns);
    if (surnameOn) addSurname(rawSurname, folded, { kind: 'entity', id: e.id }, ei, patterns);
    return {
      id: e.id,
      kind: e.kind,
      name: e.name,
      status: e.status,
      surname: surnameOn ? folded : '',
      given: surnameOn ? givenNames([e.name, ...e.aliases], folded) : [],
      common: e.common === true,
      singleOutlet: e.singleOutlet === true,
    };
  });
}

/** The entity's main name ('full'), its aliases and their spelled-out ligature variants ('alias'). */
function addNames(e: MatcherData['entities'][number], ei: number, patterns: PatternSet): void {
  const ref = { kind: 'entity', id: e.id } as const;
  const person = e.kind === 'person';
  const names =
    e.aliases.length === 0 && !LIGATURES.test(e.name)
      ? [e.name]
      : [e.name, ...e.aliases.flatMap(ligatureVariants)];
  for (const [i, name] of names.entries()) {
    const single = !/\s/.test(name.trim()) && !/-/.test(name.trim());
    patterns.add(
      toPattern(
        name,
        newTarget({
          ref,
          match: i === 0 ? 'full' : 'alias',
          entity: ei,
          capital: single,
          acronym: single && isAcronym(name.trim()),
          strictHyphen: person,
        }),
      ),
    );
  }
  for (const variant of LIGATURES.test(e.name) ? ligatureVariants(e.name).slice(1) : []) {
    patterns.add(toPattern(variant, newTarget({ ref, match: 'alias', entity: ei, strictHyphen: person })));
  }
}

/** The surname follow-up pattern, with the context rule its kind of surname needs (rules.ts). */
function addSurname(raw: string, folded: string, ref: MentionRef, ei: number, patterns: PatternSet): void {
  const kind = ORDINARY_WORD_SURNAMES.has(folded)
    ? SURNAME_ORDINARY
    : COMMON_NAME_SURNAMES.has(folded)
      ? SURNAME_COMMON
      : SURNAME_PLAIN;
  patterns.add(
    toPattern(raw, newTarget({ ref, match: 'surname', entity: ei, surname: kind, strictHyphen: true })),
  );
}

/** The lookup structures of the Matcher, from the patterns that are not ambiguous. */
function buildIndexes(
  patterns: PatternSet,
): Pick<Matcher, 'index' | 'pairs' | 'cjk' | 'firstHashes' | 'firstTokens' | 'firstTokenMask'> {
  const index = new Map<number, Pattern[]>();
  const pairs = new Map<number, Pattern[]>();
  const cjk = new Map<number, CjkPattern[]>();
  const firstHashes = new Set<number>();
  for (const [key, p] of patterns.byKey) {
    if (patterns.ambiguous.has(key)) continue;
    if ('text' in p) {
      const first = p.text.charCodeAt(0);
      const list = cjk.get(first) ?? [];
      list.push(p);
      cjk.set(first, list);
    } else {
      const h = hashToken(p.tokens[0]!);
      firstHashes.add(h);
      const target = p.tokens.length === 1 ? index : pairs;
      const k = p.tokens.length === 1 ? h : pairKey(h, hashToken(p.tokens[1]!));
      const list = target.get(k) ?? [];
      list.push(p);
      target.set(k, list);
    }
  }
  for (const list of [...index.values(), ...pairs.values()]) {
    list.sort(
      (a, b) =>
        b.tokens.length - a.tokens.length ||
        b.suffix.length - a.suffix.length ||
        (a.target.match === 'surname' ? 1 : 0) - (b.target.match === 'surname' ? 1 : 0),
    );
  }
  for (const list of cjk.values()) list.sort((a, b) => b.text.length - a.text.length);
  const { bits, mask } = buildFirstTokens(firstHashes);
  return { index, pairs, cjk, firstHashes, firstTokens: bits, firstTokenMask: mask };
}

/**
 * Which topic terms each entity name contains (the OSTP's full name contains "Office of Science
 * and Technology Policy"): found with the matcher itself, topics only. Sets each target's `implied`.
 */
function markImpliedTopics(data: MatcherData, patterns: PatternSet, matcher: Matcher): void {
  const topicFirstTokens = new Set<number>();
  for (const [, p] of patterns.byKey)
    if (!('text' in p) && p.target.topic >= 0) topicFirstTokens.add(hashToken(p.tokens[0]!));
  for (const [, p] of patterns.byKey) {
    const t = p.target;
    if (t.entity < 0 || t.match === 'surname') continue;
    if (!('text' in p) && !p.tokens.some((w) => topicFirstTokens.has(hashToken(w)))) {
      // No topic term can start inside this name: skip the scan (most names, and all synthetic ones).
      if (t.sameSpanTopic >= 0) t.implied = [t.sameSpanTopic];
      continue;
    }
    const source =
      'text' in p
        ? p.text
        : [p.prefix, ...p.tokens.flatMap((w, i) => (i === 0 ? [w] : [p.gaps[i - 1]!, w])), p.suffix].join('');
    const e = data.entities[t.entity]!;
    const original = [e.name, ...e.aliases].find((n) => fold(n.trim()) === source) ?? source;
    const implied = new Set(topicsIn(original, matcher));
    if (t.sameSpanTopic >= 0) implied.add(t.sameSpanTopic);
    t.implied = [...implied];
  }
}

/**
 * A bitset with about 16 bits per first token keeps false positives near 6%; 8 kB for the real
 * data, 128 kB for 50,000 names, so it stays in cache where the Map would not.
 */
export function buildFirstTokens(hashes: ReadonlySet<number>): { bits: Uint32Array; mask: number } {
  let size = 65536;
  while (size < hashes.size * 16) size *= 2;
  const bits = new Uint32Array(size >>> 5);
  for (const h of hashes) {
    const bit = h & (size - 1);
    bits[bit >>> 5] = bits[bit >>> 5]! | (1 << (bit & 31));
  }
  return { bits, mask: size - 1 };
}

const LIGATURES = /[æœßþÆŒÞ]/;

/** Spelled-out variants for ligatures the 1:1 fold cannot expand (æ → ae, œ → oe, ß → ss, þ → th). */
function ligatureVariants(name: string): string[] {
  const out = [name];
  if (LIGATURES.test(name)) {
    out.push(
      name
        .replace(/æ/g, 'ae')
        .replace(/Æ/g, 'Ae')
        .replace(/œ/g, 'oe')
        .replace(/Œ/g, 'Oe')
        .replace(/ß/g, 'ss')
        .replace(/þ/g, 'th')
        .replace(/Þ/g, 'Th'),
    );
  }
  return out;
}
