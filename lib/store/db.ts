/**
 * The extension's one local database: the letter, the people, topics, initiatives, the installed
 * data set's version and provenance, and the reading history.
 *
 * It lives in the extension's own origin and only the background opens it: a content script's
 * `indexedDB` is the web page's, so it must never hold our data (the page could read or wipe it).
 * Settings are NOT here but in `browser.storage.local` (see settings.ts for why).
 *
 * Schema versions (bump DB_VERSION and add a step to `migrate` for every change; never edit a
 * released step, since users' databases replay them in order):
 *   1  meta, letter, people, topics, initiatives, history (by url, index byTime); history entries
 *      held only `people`/`topics` lists. The first layout, kept as a real step so that the
 *      migration path (and its test) exists from the start.
 *   2  people gain `names` (folded name + aliases) and a multiEntry index `byName`, plus `byStatus`;
 *      history entries gain `entityIds`/`topicIds` with multiEntry indexes, so "where did I read
 *      about X" is an index look-up. Existing history is backfilled, never dropped.
 */
import {
  deleteDB,
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { DataBundle, Entity, Initiative, Letter, Topic } from '../data/model';
import { foldName } from './fold';

export const DB_NAME = 'undersigned';
export const DB_VERSION = 2;

/** What the database says about the data it holds: which data set, and where it came from. */
export interface DataMeta {
  key: 'data';
  format: number;
  version: string;
  compiled: string;
  method: string;
  counts: DataBundle['counts'];
  topicLanguages: DataBundle['topicLanguages'];
  letterId: string;
  /** bundled: shipped with the extension; update: downloaded by the data updater. */
  source: 'bundled' | 'update';
  sourceUrl: string | null;
  installedAt: number;
}

/** An entity as stored: the data plus its folded labels for the name index. */
export interface PersonRecord extends Entity {
  names: string[];
}

export interface HistoryEntry {
  /** The page's URL without its fragment: one entry per page, updated on every visit. */
  url: string;
  title: string;
  /** When the page was last read (ms since the epoch). */
  time: number;
  people: { id: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  /** Copies of the ids above, for the multiEntry indexes. */
  entityIds: string[];
  topicIds: string[];
}

export interface UndersignedDB extends DBSchema {
  meta: { key: string; value: DataMeta };
  letter: { key: string; value: Letter };
  people: { key: string; value: PersonRecord; indexes: { byName: string; byStatus: string } };
  topics: { key: string; value: Topic };
  initiatives: { key: string; value: Initiative };
  history: {
    key: string;
    value: HistoryEntry;
    indexes: { byTime: number; byEntity: string; byTopic: string };
  };
}

export type StoreDB = IDBPDatabase<UndersignedDB>;

/** The stores holding the data set, replaced together by a seeding. */
export const DATA_STORES = ['meta', 'letter', 'people', 'topics', 'initiatives'] as const;

/** Every store and index the current version must have; anything missing means corruption. */
export const EXPECTED_LAYOUT: Readonly<Record<StoreNames<UndersignedDB>, readonly string[]>> = {
  meta: [],
  letter: [],
  people: ['byName', 'byStatus'],
  topics: [],
  initiatives: [],
  history: ['byTime', 'byEntity', 'byTopic'],
};

/** Where log lines go; the background passes `console`, tests capture them. */
export interface StoreLog {
  info(message: string): void;
  warn(message: string): void;
}

export const LOG_PREFIX = '[undersigned store]';

export function personNames(entity: Pick<Entity, 'name' | 'aliases'>): string[] {
  const names = new Set<string>();
  for (const label of [entity.name, ...entity.aliases]) {
    const folded = foldName(label);
    if (folded !== '') names.add(folded);
  }
  return [...names];
}

/**
 * Runs the upgrade steps from `oldVersion` to DB_VERSION inside the versionchange transaction.
 * Data is carried forward with cursors on that same transaction, so a failure aborts the whole
 * upgrade and the database stays at its old version with its old contents.
 */
function migrate(
  db: IDBPDatabase<UndersignedDB>,
  oldVersion: number,
  tx: IDBPTransaction<UndersignedDB, StoreNames<UndersignedDB>[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('letter', { keyPath: 'id' });
    db.createObjectStore('people', { keyPath: 'id' });
    db.createObjectStore('topics', { keyPath: 'id' });
    db.createObjectStore('initiatives', { keyPath: 'id' });
    const history = db.createObjectStore('history', { keyPath: 'url' });
    history.createIndex('byTime', 'time');
  }
  if (oldVersion < 2) {
    const people = tx.objectStore('people');
    people.createIndex('byName', 'names', { multiEntry: true });
    people.createIndex('byStatus', 'status');
    const history = tx.objectStore('history');
    history.createIndex('byEntity', 'entityIds', { multiEntry: true });
    history.createIndex('byTopic', 'topicIds', { multiEntry: true });
    if (oldVersion >= 1) void backfillV2(tx);
  }
}

/** v1 → v2: derive the new indexed fields of existing records. */
async function backfillV2(
  tx: IDBPTransaction<UndersignedDB, StoreNames<UndersignedDB>[], 'versionchange'>,
): Promise<void> {
  try {
    for (let c = await tx.objectStore('people').openCursor(); c; c = await c.continue()) {
      await c.update({ ...c.value, names: personNames(c.value) });
    }
    for (let c = await tx.objectStore('history').openCursor(); c; c = await c.continue()) {
      const entry = c.value;
      const people = Array.isArray(entry.people) ? entry.people : [];
      const topics = Array.isArray(entry.topics) ? entry.topics : [];
      await c.update({
        ...entry,
        people,
        topics,
        entityIds: people.map((p) => p.id),
        topicIds: topics.map((t) => t.id),
      });
    }
  } catch {
    // Abort rather than commit a half-migrated database; the open then fails and is retried.
    tx.abort();
  }
}

/** Missing stores or indexes, as a reason string, or null when the layout is whole. */
export function findLayoutDamage(db: StoreDB): string | null {
  for (const [store, indexes] of Object.entries(EXPECTED_LAYOUT) as [
    StoreNames<UndersignedDB>,
    readonly string[],
  ][]) {
    if (!db.objectStoreNames.contains(store)) return `missing object store "${store}"`;
    // Typed by idb as the schema's index names; here we check names the schema only promises.
    const present = db.transaction(store).store.indexNames as unknown as DOMStringList;
    for (const index of indexes) {
      if (!present.contains(index)) return `missing index "${store}.${index}"`;
    }
  }
  return null;
}

export interface OpenOptions {
  name?: string;
  /** Called when another context needs a newer version or the browser drops the connection. */
  onClose?: () => void;
}

/** Opens (creating or migrating) the database at DB_VERSION. Throws what IndexedDB throws. */
export function openDatabase(options: OpenOptions = {}): Promise<StoreDB> {
  return openDB<UndersignedDB>(options.name ?? DB_NAME, DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, tx) => migrate(db, oldVersion, tx),
    blocking: (_current, _blocked, event) => {
      // A newer version (a freshly updated background) wants in: step aside.
      (event.target as IDBDatabase | null)?.close();
      options.onClose?.();
    },
    terminated: () => options.onClose?.(),
  });
}

export function deleteDatabase(name: string = DB_NAME): Promise<void> {
  return deleteDB(name);
}

/** The bundle's parts as the records the data stores hold. */
export function bundleRecords(bundle: DataBundle): {
  letter: Letter;
  people: PersonRecord[];
  topics: Topic[];
  initiatives: Initiative[];
} {
  return {
    letter: bundle.letter,
    people: bundle.entities.map((e) => ({ ...e, names: personNames(e) })),
    topics: bundle.topics,
    initiatives: bundle.initiatives,
  };
}
