/**
 * Opening the store the way the background needs it: always usable. A database that cannot be
 * opened (a newer, unknown version; a broken file) or that lacks a store or an index is deleted and
 * rebuilt from the bundled data, keeping whatever reading history can still be read, with a log
 * line saying why. A database without data (first install, or deleted by the user) is seeded.
 */
import { openDB } from 'idb';
import type { DataBundle } from '../data/model';
import {
  DB_NAME,
  deleteDatabase,
  findLayoutDamage,
  LOG_PREFIX,
  openDatabase,
  type DataMeta,
  type HistoryEntry,
  type StoreDB,
  type StoreLog,
} from './db';
import { toHistoryEntry } from './history';
import { findDataDamage, readMeta, reasonToSeedBundled, seedData } from './seed';

export interface StoreOptions {
  name?: string;
  /** The data bundled with the extension; called only when a seeding needs it. */
  loadBundled: () => DataBundle | Promise<DataBundle>;
  log?: StoreLog;
  now?: () => number;
  onClose?: () => void;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Opens the database, repairing or seeding it as needed. */
export async function openStore(options: StoreOptions): Promise<StoreDB> {
  const name = options.name ?? DB_NAME;
  const log = options.log ?? console;
  const open = () => openDatabase({ name, onClose: options.onClose });

  let db: StoreDB;
  try {
    db = await open();
  } catch (error) {
    return rebuild(
      options,
      `the database could not be opened (${describe(error)})`,
      await salvageHistoryByName(name),
    );
  }

  const damage = findLayoutDamage(db);
  if (damage) {
    const history = await salvageHistory(db);
    db.close();
    return rebuild(options, `the database was corrupted (${damage})`, history);
  }

  const meta = await readMeta(db);
  if (!meta) {
    const raw: unknown = await db.get('meta', 'data');
    if (raw === undefined) log.info(`${LOG_PREFIX} no data set installed; seeding from the bundled data`);
    else log.warn(`${LOG_PREFIX} the data set's meta record is damaged; reinstalling the bundled data`);
    await seedBundled(db, options);
    return db;
  }
  const dataDamage = await findDataDamage(db, meta);
  if (dataDamage) {
    log.warn(
      `${LOG_PREFIX} the installed data set ${meta.version} is damaged (${dataDamage}); reinstalling the bundled data`,
    );
    await seedBundled(db, options);
  }
  return db;
}

async function seedBundled(db: StoreDB, options: StoreOptions): Promise<DataMeta> {
  const bundle = await options.loadBundled();
  return seedData(db, bundle, { source: 'bundled' }, options.now?.() ?? Date.now());
}

async function rebuild(options: StoreOptions, reason: string, history: HistoryEntry[]): Promise<StoreDB> {
  const name = options.name ?? DB_NAME;
  const log = options.log ?? console;
  await deleteDatabase(name);
  const db = await openDatabase({ name, onClose: options.onClose });
  if (history.length > 0) {
    const tx = db.transaction('history', 'readwrite');
    await Promise.all([...history.map((entry) => tx.store.put(entry)), tx.done]);
  }
  const meta = await seedBundled(db, options);
  log.warn(
    `${LOG_PREFIX} ${reason}; rebuilt it from the bundled data ${meta.version}` +
      ` (${history.length} reading-history entries kept)`,
  );
  return db;
}

/** Whatever history entries a damaged database still holds, re-validated one by one. */
async function salvageHistory(db: StoreDB): Promise<HistoryEntry[]> {
  try {
    if (!db.objectStoreNames.contains('history')) return [];
    const raw: unknown[] = await db.getAll('history');
    return raw.map((r) => toHistoryEntry(r)).filter((e): e is HistoryEntry => e !== null);
  } catch {
    return [];
  }
}

/** The same, for a database we cannot open at our version: open it at whatever version it has. */
async function salvageHistoryByName(name: string): Promise<HistoryEntry[]> {
  try {
    const db = (await openDB(name)) as unknown as StoreDB;
    try {
      return await salvageHistory(db);
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/**
 * On install and on every extension update: install the bundled data if its version differs from
 * the installed bundled data (or is newer than a downloaded update). Returns the reason, or null.
 */
export async function syncBundledData(db: StoreDB, options: StoreOptions): Promise<string | null> {
  const bundle = await options.loadBundled();
  const reason = reasonToSeedBundled(await readMeta(db), bundle);
  if (reason) {
    await seedData(db, bundle, { source: 'bundled' }, options.now?.() ?? Date.now());
    (options.log ?? console).info(`${LOG_PREFIX} installed the bundled data ${bundle.version}: ${reason}`);
  }
  return reason;
}

export interface StoreAccess {
  /** The open database; opened (and repaired or seeded) on first use, shared afterwards. */
  get(): Promise<StoreDB>;
  /** Runs syncBundledData once the store is open. */
  syncBundled(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * One shared connection for the background. A failed open is not cached, so the next message
 * tries again; a connection closed by the browser (or by a newer version) is reopened.
 */
export function createStoreAccess(options: StoreOptions): StoreAccess {
  let pending: Promise<StoreDB> | null = null;
  const access: StoreAccess = {
    get() {
      if (!pending) {
        pending = openStore({ ...options, onClose: () => (pending = null) });
        pending.catch(() => (pending = null));
      }
      return pending;
    },
    async syncBundled() {
      return syncBundledData(await access.get(), options);
    },
    async close() {
      const current = pending;
      pending = null;
      if (current) (await current.catch(() => null))?.close();
    },
  };
  return access;
}
