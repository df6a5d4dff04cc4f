/**
 * Synthetic dictionaries for the scaling measurements: the real entities plus deterministic,
 * plausible "First Last" names built from syllables, so a run is reproducible and the 1k and
 * 50k results can be compared across commits. Pure: no DOM, runs in the page or in Node.
 */
import type { MatcherData } from '../../lib/match/index';

export type { MatcherData };
type MatcherEntity = MatcherData['entities'][number];

/** mulberry32: tiny, fast, good enough to pick syllables reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's'];
const MORE_ONSETS = ['sh', 'st', 't', 'th', 'tr', 'v', 'w', 'z', 'kr', 'pl', 'sl', 'fl'];
const ALL_ONSETS = [...ONSETS, ...MORE_ONSETS];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ie', 'ou', 'y'];
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'm', 'nd', 'rt', 'th', 'ck', 'ld'];

/** Case- and accent-insensitive key, so "Zoë Kane" and "zoe kane" count as the same name. */
export function nameKey(name: string): string {
  // The synthetic names are ASCII: skip the (slow) normalisation for them.
  if (/^[\x20-\x7e]*$/.test(name)) return name.toLowerCase().replace(/\s+/g, ' ').trim();
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function word(random: () => number, minSyllables: number, maxSyllables: number): string {
  const count = minSyllables + Math.floor(random() * (maxSyllables - minSyllables + 1));
  let text = '';
  for (let i = 0; i < count; i++)
    text += pick(ALL_ONSETS, random) + pick(VOWELS, random) + pick(CODAS, random);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * `count` distinct synthetic names, none equal (case/accents ignored) to any name in `taken`.
 * Deterministic for a given seed and `taken`.
 */
export function syntheticNames(count: number, taken: Iterable<string>, seed = 0x5eed): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  for (const name of taken) seen.add(nameKey(name));
  const names: string[] = [];
  while (names.length < count) {
    const name = `${word(random, 1, 2)} ${word(random, 2, 3)}`;
    const key = nameKey(name);
    // Very short tokens look like real words ("Ma", "Lo") and would inflate hit counts.
    if (seen.has(key) || name.length < 8) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/**
 * The real matcher data grown to `totalNames` entities with synthetic people. Synthetic entries
 * are plain "actor" people with no aliases, so they can never produce a "signed" label.
 */
export function growDictionary(base: MatcherData, totalNames: number, seed = 0x5eed): MatcherData {
  const taken: string[] = [];
  for (const entity of base.entities) taken.push(entity.name, ...entity.aliases);
  for (const topic of base.topics) taken.push(...topic.terms);
  const extra = syntheticNames(Math.max(0, totalNames - base.entities.length), taken, seed);
  const synthetic = extra.map((name, index): MatcherEntity => ({
    id: `synthetic-${index + 1}`,
    kind: 'person',
    name,
    aliases: [],
    status: 'actor',
  }));
  return { ...base, entities: [...base.entities, ...synthetic] };
}
