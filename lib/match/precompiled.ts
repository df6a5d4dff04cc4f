/**
 * The compiled matcher as plain JSON, made at data-build time (scripts/build-data.ts writes it into
 * assets/data/matcher.json as `compiled`), so the content script does no compile work on a page
 * load: no folding or tokenizing of names, no surname or topic analysis, no prefilter key choice.
 * Loading it only rebuilds Maps and two small bitsets from arrays.
 *
 * tests/unit/match/precompiled.test.ts checks that the shipped form equals a fresh compile of the
 * same file's data (and `npm run data -- --check` that the file is current), so it cannot go stale
 * silently. Pure: no DOM.
 */
import { buildFirstTokens } from './compile';
import type { CjkPattern, CompiledEntity, CompiledTopic, Matcher, MatchKind, Pattern, Target } from './model';
import type { MatcherData } from './data';
import { prefilterParts, seedPrefilter, type PrefilterParts } from './prefilter';

/** Bumped whenever the shape below or the compiler's output changes meaning. */
export const PRECOMPILED_FORMAT = 5;

/**
 * A target as a tuple: [ref kind (0 entity, 1 topic), ref id, match, entity, topic, flags
 * (1 acronym, 2 capital, 4 strictHyphen), surname, implied, sameSpanTopic].
 */
type TargetTuple = [0 | 1, string, MatchKind, number, number, number, number, number[], number];
/** A token pattern: [tokens, gaps, prefix, suffix, target]. */
type PatternTuple = [string[], string[], string, string, TargetTuple];
/** A Han/kana/Hangul pattern: [text, target, alone (1 for a Hangul name)]. */
type CjkTuple = [string, TargetTuple, 0 | 1];

export interface PrecompiledMatcher {
  format: number;
  version: string;
  entities: CompiledEntity[];
  topics: CompiledTopic[];
  /** Matcher.index, Matcher.pairs and Matcher.cjk as [key, patterns] entries, in Map order. */
  index: [number, PatternTuple[]][];
  pairs: [number, PatternTuple[]][];
  cjk: [number, CjkTuple[]][];
  /** The hashes behind Matcher.firstTokens (the bitset is rebuilt from them). */
  firstHashes: number[];
  prefilter: PrefilterParts;
}

/** The matcher data as shipped: the compact data plus its compiled form. */
export type ShippedMatcherData = MatcherData & { compiled: PrecompiledMatcher };

function targetToTuple(t: Target): TargetTuple {
  const flags = (t.acronym ? 1 : 0) | (t.capital ? 2 : 0) | (t.strictHyphen ? 4 : 0);
  return [
    t.ref.kind === 'entity' ? 0 : 1,
    t.ref.id,
    t.match,
    t.entity,
    t.topic,
    flags,
    t.surname,
    t.implied,
    t.sameSpanTopic,
  ];
}

function tupleToTarget(x: TargetTuple): Target {
  return {
    ref: { kind: x[0] === 0 ? 'entity' : 'topic', id: x[1] },
    match: x[2],
    entity: x[3],
    topic: x[4],
    acronym: (x[5] & 1) !== 0,
    capital: (x[5] & 2) !== 0,
    surname: x[6],
    strictHyphen: (x[5] & 4) !== 0,
    implied: x[7],
    sameSpanTopic: x[8],
  };
}

const patternToTuple = (p: Pattern): PatternTuple => [
  p.tokens,
  p.gaps,
  p.prefix,
  p.suffix,
  targetToTuple(p.target),
];

const tupleToPattern = (x: PatternTuple): Pattern => ({
  tokens: x[0],
  gaps: x[1],
  prefix: x[2],
  suffix: x[3],
  target: tupleToTarget(x[4]),
});

/** The JSON form of a compiled matcher (build time). */
export function serializeMatcher(matcher: Matcher): PrecompiledMatcher {
  return {
    format: PRECOMPILED_FORMAT,
    version: matcher.version,
    entities: matcher.entities.map((e) => ({ ...e })),
    topics: matcher.topics.map((t) => ({ ...t })),
    index: [...matcher.index].map(([k, list]) => [k, list.map(patternToTuple)]),
    pairs: [...matcher.pairs].map(([k, list]) => [k, list.map(patternToTuple)]),
    cjk: [...matcher.cjk].map(([k, list]) => [
      k,
      list.map((p): CjkTuple => [p.text, targetToTuple(p.target), p.alone ? 1 : 0]),
    ]),
    firstHashes: [...matcher.firstHashes],
    prefilter: prefilterParts(matcher),
  };
}

/** The matcher from its JSON form (page load): Maps and bitsets only, no compile work. */
export function deserializeMatcher(form: PrecompiledMatcher): Matcher {
  if (form.format !== PRECOMPILED_FORMAT) {
    throw new Error(
      `precompiled matcher format ${form.format}, expected ${PRECOMPILED_FORMAT}: run npm run data`,
    );
  }
  const entityById = new Map<string, number>();
  for (let i = 0; i < form.entities.length; i++) entityById.set(form.entities[i]!.id, i);
  const topicById = new Map<string, number>();
  for (let i = 0; i < form.topics.length; i++) topicById.set(form.topics[i]!.id, i);
  const firstHashes = new Set(form.firstHashes);
  const { bits, mask } = buildFirstTokens(firstHashes);
  const matcher: Matcher = {
    version: form.version,
    entities: form.entities,
    topics: form.topics,
    index: new Map(form.index.map(([k, list]) => [k, list.map(tupleToPattern)])),
    pairs: new Map(form.pairs.map(([k, list]) => [k, list.map(tupleToPattern)])),
    cjk: new Map(
      form.cjk.map(([k, list]) => [
        k,
        list.map(([text, t, alone]): CjkPattern =>
          alone === 1 ? { text, target: tupleToTarget(t), alone: true } : { text, target: tupleToTarget(t) },
        ),
      ]),
    ),
    firstHashes,
    firstTokens: bits,
    firstTokenMask: mask,
    entityById,
    topicById,
  };
  seedPrefilter(matcher, form.prefilter);
  return matcher;
}

/** The content script's matcher: the shipped compiled form (never compiled on the page). */
export function loadMatcher(data: ShippedMatcherData): Matcher {
  if (data.compiled.version !== data.version) {
    throw new Error(
      `matcher.json: compiled ${data.compiled.version} ≠ data ${data.version}: run npm run data`,
    );
  }
  return deserializeMatcher(data.compiled);
}
