/**
 * Reading history: for each page where people were detected, its URL, title, time, and the people
 * and topics found, so the popup can answer "where did I read about Cate Blanchett this week?".
 * On by default, can be turned off and cleared (settings.ts); kept only in this local database;
 * bounded (the oldest entries are pruned); one entry per page, updated on each visit.
 */
import { httpUrl } from '../url/http';
import type { HistoryEntry, StoreDB } from './db';

export type { HistoryEntry } from './db';

/** Enough for months of reading (a few hundred bytes each, well under 1 MB in all). */
export const HISTORY_CAP = 1000;

const MAX_TITLE = 300;
const MAX_ITEMS = 200;
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What a page report offers the history (a subset of PageReport, so tests need no full report). */
export interface PageVisit {
  url: string;
  title: string;
  people: readonly { id: string; mentions: number }[];
  topics: readonly { id: string; mentions: number }[];
}

/**
 * The key a page is remembered under: http(s) only, without the fragment (same page) or any
 * user:password in the URL (never store credentials). Null for pages we do not remember.
 */
export function historyUrl(raw: string): string | null {
  const url = httpUrl(raw);
  if (url === null) return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.href;
}

function cleanItems(items: unknown): { id: string; mentions: number }[] {
  if (!Array.isArray(items)) return [];
  const byId = new Map<string, number>();
  for (const item of items.slice(0, MAX_ITEMS) as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, mentions } = item as { id?: unknown; mentions?: unknown };
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) continue;
    const count =
      typeof mentions === 'number' && Number.isFinite(mentions) ? Math.max(1, Math.floor(mentions)) : 1;
    byId.set(id, (byId.get(id) ?? 0) + count);
  }
  return [...byId].map(([id, mentions]) => ({ id, mentions }));
}

/** A history entry from untrusted input (a report, or a record salvaged from a damaged database). */
export function toHistoryEntry(raw: unknown, time?: number): HistoryEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { url?: unknown; title?: unknown; time?: unknown; people?: unknown; topics?: unknown };
  const url = typeof r.url === 'string' ? historyUrl(r.url) : null;
  const when = time ?? r.time;
  if (url === null || typeof when !== 'number' || !Number.isFinite(when)) return null;
  const people = cleanItems(r.people);
  const topics = cleanItems(r.topics);
  return {
    url,
    title: (typeof r.title === 'string' ? r.title.trim() : '').slice(0, MAX_TITLE),
    time: when,
    people,
    topics,
    entityIds: people.map((p) => p.id),
    topicIds: topics.map((t) => t.id),
  };
}

/**
 * Remembers a visit if people were found on the page (topics alone are not worth a history entry).
 * A page already in the history is updated, not duplicated. Returns whether anything was stored.
 * The caller checks that history is on.
 */
export async function recordVisit(
  db: StoreDB,
  visit: PageVisit,
  options: { now?: number; cap?: number } = {},
): Promise<boolean> {
  const entry = toHistoryEntry(visit, options.now ?? Date.now());
  if (!entry || entry.people.length === 0) return false;
  const cap = Math.max(1, options.cap ?? HISTORY_CAP);
  const tx = db.transaction('history', 'readwrite');
  await tx.store.put(entry);
  let excess = (await tx.store.count()) - cap;
  // Oldest first; the entry just written is the newest, so it is never the one pruned.
  for (
    let c = excess > 0 ? await tx.store.index('byTime').openCursor() : null;
    c && excess > 0;
    c = await c.continue()
  ) {
    await c.delete();
    excess--;
  }
  await tx.done;
  return true;
}

export interface HistoryQuery {
  /** Only entries read at or after this time (ms). */
  since?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 50;

/** Pages where a person (or organisation) was found, newest first. */
export async function historyForEntity(
  db: StoreDB,
  entityId: string,
  query: HistoryQuery = {},
): Promise<HistoryEntry[]> {
  const entries = await db.getAllFromIndex('history', 'byEntity', entityId);
  return newestFirst(entries, query);
}

/** Pages where a topic was found, newest first. */
export async function historyForTopic(
  db: StoreDB,
  topicId: string,
  query: HistoryQuery = {},
): Promise<HistoryEntry[]> {
  const entries = await db.getAllFromIndex('history', 'byTopic', topicId);
  return newestFirst(entries, query);
}

/** The most recently read pages, newest first. */
export async function recentHistory(db: StoreDB, query: HistoryQuery = {}): Promise<HistoryEntry[]> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const range = query.since === undefined ? null : IDBKeyRange.lowerBound(query.since);
  const out: HistoryEntry[] = [];
  const tx = db.transaction('history', 'readonly');
  for (
    let c = await tx.store.index('byTime').openCursor(range, 'prev');
    c && out.length < limit;
    c = await c.continue()
  ) {
    out.push(c.value);
  }
  await tx.done;
  return out;
}

function newestFirst(entries: HistoryEntry[], query: HistoryQuery): HistoryEntry[] {
  const since = query.since ?? -Infinity;
  return entries
    .filter((e) => e.time >= since)
    .sort((a, b) => b.time - a.time)
    .slice(0, query.limit ?? DEFAULT_LIMIT);
}

export async function clearHistory(db: StoreDB): Promise<void> {
  await db.clear('history');
}

export async function countHistory(db: StoreDB): Promise<number> {
  return db.count('history');
}
