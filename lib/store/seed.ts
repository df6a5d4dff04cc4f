/**
 * Installing a data set into the store. A seeding replaces the letter, the people, the topics, the
 * initiatives and the meta record in ONE readwrite transaction: it commits whole or not at all, so
 * a failure (or the worker being killed) part-way leaves the previous data set in place. The
 * history store is not part of it and is never touched.
 */
import { DATA_FORMAT } from '../data/schema';
import type { DataBundle } from '../data/model';
import { bundleRecords, DATA_STORES, type DataMeta, type StoreDB } from './db';
import { compareDataVersions, isDataVersion } from './version';

export interface Provenance {
  source: DataMeta['source'];
  sourceUrl?: string | null;
}

export async function seedData(
  db: StoreDB,
  bundle: DataBundle,
  provenance: Provenance,
  now: number = Date.now(),
): Promise<DataMeta> {
  // Everything is prepared before the transaction opens: awaiting anything but its own requests
  // would let it auto-commit half done.
  const records = bundleRecords(bundle);
  const meta: DataMeta = {
    key: 'data',
    format: bundle.format,
    version: bundle.version,
    compiled: bundle.compiled,
    method: bundle.method,
    counts: bundle.counts,
    topicLanguages: bundle.topicLanguages,
    letterId: bundle.letter.id,
    source: provenance.source,
    sourceUrl: provenance.sourceUrl ?? null,
    installedAt: now,
  };

  const tx = db.transaction([...DATA_STORES], 'readwrite');
  const pending: Promise<unknown>[] = [];
  try {
    for (const name of DATA_STORES) pending.push(tx.objectStore(name).clear());
    pending.push(tx.objectStore('letter').put(records.letter));
    for (const person of records.people) pending.push(tx.objectStore('people').put(person));
    for (const topic of records.topics) pending.push(tx.objectStore('topics').put(topic));
    for (const initiative of records.initiatives) pending.push(tx.objectStore('initiatives').put(initiative));
    // Written last: a meta record always describes data that is fully there.
    pending.push(tx.objectStore('meta').put(meta));
  } catch (error) {
    // put() throws synchronously on a bad key or an uncloneable value; without an explicit abort
    // the requests already queued (the clears!) would commit.
    tx.abort();
    await Promise.allSettled([...pending, tx.done]);
    throw error;
  }
  const settled = await Promise.allSettled([...pending, tx.done]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return meta;
}

/** The installed data set's meta record, or null if there is none or it is not a meta record. */
export async function readMeta(db: StoreDB): Promise<DataMeta | null> {
  const meta: unknown = await db.get('meta', 'data');
  return isDataMeta(meta) ? meta : null;
}

/** A structural check of a stored meta record: a damaged one means the data must be reinstalled. */
export function isDataMeta(value: unknown): value is DataMeta {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Record<keyof DataMeta, unknown>>;
  return (
    m.key === 'data' &&
    typeof m.format === 'number' &&
    isDataVersion(m.version) &&
    typeof m.letterId === 'string' &&
    (m.source === 'bundled' || m.source === 'update') &&
    typeof m.counts === 'object' &&
    m.counts !== null &&
    typeof (m.counts as { signatoriesPublished?: unknown }).signatoriesPublished === 'number' &&
    typeof m.topicLanguages === 'object' &&
    m.topicLanguages !== null
  );
}

/**
 * Why the bundled data set should be installed over what is there, or null to keep it.
 * A downloaded update newer than the bundled data survives an extension update; bundled data
 * replaces bundled data whenever the version differs (that also covers a rollback).
 */
export function reasonToSeedBundled(installed: DataMeta | null, bundled: DataBundle): string | null {
  if (!installed) return 'no data set installed';
  if (installed.format !== DATA_FORMAT)
    return `installed data format ${installed.format} is not ${DATA_FORMAT}`;
  if (installed.source === 'bundled' && installed.version !== bundled.version) {
    return `bundled data changed from ${installed.version} to ${bundled.version}`;
  }
  if (installed.source === 'update' && compareDataVersions(bundled.version, installed.version) > 0) {
    return `bundled data ${bundled.version} is newer than the downloaded ${installed.version}`;
  }
  return null;
}

/** Why the installed data cannot be served as is (counts do not match the meta), or null. */
export async function findDataDamage(db: StoreDB, meta: DataMeta): Promise<string | null> {
  const tx = db.transaction(['letter', 'people'], 'readonly');
  const [letter, people] = await Promise.all([
    tx.objectStore('letter').get(meta.letterId),
    tx.objectStore('people').count(),
    tx.done,
  ]);
  if (!letter) return `the letter "${meta.letterId}" is missing`;
  if (people === 0) return 'no people are stored';
  return null;
}

/** The installed data set as a bundle again (e.g. to hand a downloaded update to other contexts). */
export async function readInstalledBundle(db: StoreDB): Promise<DataBundle | null> {
  const meta = await readMeta(db);
  if (!meta) return null;
  const tx = db.transaction(['letter', 'people', 'topics', 'initiatives'], 'readonly');
  const [letter, people, topics, initiatives] = await Promise.all([
    tx.objectStore('letter').get(meta.letterId),
    tx.objectStore('people').getAll(),
    tx.objectStore('topics').getAll(),
    tx.objectStore('initiatives').getAll(),
    tx.done,
  ]);
  if (!letter) return null;
  return {
    format: meta.format as DataBundle['format'],
    version: meta.version,
    compiled: meta.compiled,
    method: meta.method,
    counts: meta.counts,
    letter,
    entities: people.map(({ names: _names, ...entity }) => entity),
    initiatives,
    topics,
    topicLanguages: meta.topicLanguages,
  };
}
