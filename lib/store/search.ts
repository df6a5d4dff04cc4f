/**
 * The popup's look-ups: one entity by id, and a people search that forgives case, accents and
 * small typos ("cuaron" → Alfonso Cuarón, "blanchtt" → Cate Blanchett). Exact and prefix matches
 * rank before fuzzy ones. Every result carries the entity's status, so the popup can say
 * "signed", "in the debate" or "unconfirmed" and never guess.
 */
import type { Entity, Letter, Topic } from '../data/model';
import type { PersonRecord, StoreDB } from './db';
import { foldName } from './fold';
import { readMeta } from './seed';

export type MatchKind = 'exact' | 'prefix' | 'word' | 'fuzzy';

export interface PeopleSearchResult {
  entity: Entity;
  match: MatchKind;
  /** The name or alias that matched (as written in the data). */
  matched: string;
}

const RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, word: 2, fuzzy: 3 };
const STATUS_ORDER: Record<Entity['status'], number> = { organiser: 0, signed: 0, actor: 1, unconfirmed: 2 };
const MAX_QUERY = 100;

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped early. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** Typos forgiven per word: none in short words (too many false friends), up to two in long ones. */
function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** Distance of a query word to its closest label word, counting a typed beginning as a whole word. */
function wordDistance(queryWord: string, labelWords: readonly string[]): number {
  const max = allowedTypos(queryWord.length);
  let best = max + 1;
  for (const word of labelWords) {
    best = Math.min(best, editDistance(queryWord, word, max));
    // "blanchtt" is a typo of the beginning of "blanchett": compare with a same-length prefix too.
    if (queryWord.length >= 5 && word.length > queryWord.length) {
      best = Math.min(best, editDistance(queryWord, word.slice(0, queryWord.length), max));
    }
    if (best === 0) break;
  }
  return best;
}

interface Scored {
  kind: MatchKind;
  distance: number;
}

function scoreLabel(query: string, queryWords: readonly string[], label: string): Scored | null {
  if (label === query) return { kind: 'exact', distance: 0 };
  if (label.startsWith(query)) return { kind: 'prefix', distance: 0 };
  const words = label.split(' ');
  if (queryWords.every((q) => words.some((w) => w.startsWith(q)))) return { kind: 'word', distance: 0 };
  // Spacing differences: "open ai" → "OpenAI", "deltoro" → "Guillermo del Toro".
  const compact = queryWords.join('');
  if (words.some((_, i) => words.slice(i).join('').startsWith(compact))) return { kind: 'word', distance: 0 };
  if (query.length < 3) return null;
  let total = 0;
  for (const q of queryWords) {
    const d = wordDistance(q, words);
    if (d > allowedTypos(q.length)) return null;
    total += d;
  }
  return { kind: 'fuzzy', distance: total };
}

const compareScores = (a: Scored, b: Scored) => RANK[a.kind] - RANK[b.kind] || a.distance - b.distance;

/** Ranks people for a query; pure, so it is tested without a database. */
export function rankPeople(people: readonly PersonRecord[], query: string, limit = 20): PeopleSearchResult[] {
  const folded = foldName(query.slice(0, MAX_QUERY));
  if (folded === '') return [];
  const queryWords = folded.split(' ');
  const scored: { person: PersonRecord; label: string; score: Scored }[] = [];
  for (const person of people) {
    const labels = [person.name, ...person.aliases];
    let best: { label: string; score: Scored } | null = null;
    for (const label of labels) {
      const score = scoreLabel(folded, queryWords, foldName(label));
      if (!score) continue;
      if (!best || compareScores(score, best.score) < 0) {
        best = { label, score };
      }
    }
    if (best) scored.push({ person, ...best });
  }
  scored.sort(
    (a, b) =>
      compareScores(a.score, b.score) ||
      STATUS_ORDER[a.person.status] - STATUS_ORDER[b.person.status] ||
      a.person.name.localeCompare(b.person.name),
  );
  return scored.slice(0, limit).map(({ person, label, score }) => ({
    entity: toEntity(person),
    match: score.kind,
    matched: label,
  }));
}

export function toEntity(record: PersonRecord): Entity {
  const { names: _names, ...entity } = record;
  return entity;
}

/** The popup's search box. The whole people store is small (hundreds, at most a few thousand). */
export async function searchPeople(db: StoreDB, query: string, limit = 20): Promise<PeopleSearchResult[]> {
  return rankPeople(await db.getAll('people'), query, limit);
}

export async function getEntity(db: StoreDB, id: string): Promise<Entity | null> {
  const record = await db.get('people', id);
  return record ? toEntity(record) : null;
}

/** Entities whose name or one of whose aliases folds to exactly `name` (the name index). */
export async function findByName(db: StoreDB, name: string): Promise<Entity[]> {
  const folded = foldName(name);
  if (folded === '') return [];
  return (await db.getAllFromIndex('people', 'byName', folded)).map(toEntity);
}

export async function getTopic(db: StoreDB, id: string): Promise<Topic | null> {
  return (await db.get('topics', id)) ?? null;
}

export async function getLetter(db: StoreDB): Promise<Letter | null> {
  const meta = await readMeta(db);
  return meta ? ((await db.get('letter', meta.letterId)) ?? null) : null;
}
