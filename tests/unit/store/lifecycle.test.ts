/**
 * The store's life: first install, data updates shipped with the extension, the migration from
 * schema v1, a seeding that fails half-way, and databases that are damaged or gone.
 */
import { deleteDB, openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, type StoreDB } from '../../../lib/store/db';
import { countHistory, historyForEntity, recordVisit } from '../../../lib/store/history';
import { findByName, getEntity } from '../../../lib/store/search';
import { readInstalledBundle, readMeta, seedData } from '../../../lib/store/seed';
import type { DataBundle } from '../../../lib/data/model';
import { DATA_FORMAT } from '../../../lib/data/schema';
import { validateBundle } from '../../../lib/data/validate';
import { getSettings, setSettings } from '../../../lib/settings/settings';
import { createStoreAccess, openStore, syncBundledData } from '../../../lib/store/store';
import { bundleCopy, bundled, captureLog, freshEnvironment, visit } from './helpers';

const open = (log = captureLog(), loadBundled = () => bundled) =>
  openStore({ loadBundled, log, now: () => 1000 });

async function entityCount(db: StoreDB): Promise<number> {
  return db.count('people');
}

/**
 * The data set installed before 2026.12.07, as format 1 shaped it: 35 signatories, no
 * `commonName` or `copies`, and the joint role labels the research later fixed.
 */
function previousDataSet(version = '2026.11.23'): DataBundle {
  const added = new Set(['paul-giamatti', 'phil-lord', 'chris-miller', 'brit-marling', 'kim-gordon']);
  const old = bundleCopy({ version, format: 1 as DataBundle['format'] });
  old.counts.signatoriesPublished = 35;
  old.entities = old.entities
    .filter((e) => !added.has(e.id))
    .map(({ commonName: _common, copies: _copies, ...e }) =>
      e.id === 'anthropic' ? { ...e, role: 'AI company; VC firm' } : e,
    ) as DataBundle['entities'];
  return old;
}

beforeEach(freshEnvironment);

describe('first install', () => {
  it('creates the database at the current version and seeds it from the bundled data', async () => {
    const log = captureLog();
    const db = await open(log);
    expect(db.version).toBe(DB_VERSION);
    const meta = await readMeta(db);
    expect(meta).toMatchObject({
      version: bundled.version,
      source: 'bundled',
      sourceUrl: null,
      installedAt: 1000,
    });
    expect(await entityCount(db)).toBe(bundled.entities.length);
    expect(await db.count('topics')).toBe(bundled.topics.length);
    expect(await db.count('initiatives')).toBe(bundled.initiatives.length);
    expect((await db.get('letter', bundled.letter.id))?.title).toBe(bundled.letter.title);
    expect((await getEntity(db, 'cate-blanchett'))?.status).toBe('signed');
    expect(log.lines).toEqual([
      expect.stringMatching(/^info: .*no data set installed; seeding from the bundled data/),
    ]);
    db.close();
  });

  it('indexes people by folded name and alias', async () => {
    const db = await open();
    expect((await findByName(db, 'ALFONSO CUARON')).map((e) => e.id)).toEqual(['alfonso-cuaron']);
    expect((await findByName(db, 'Cate Blanchet')).map((e) => e.id)).toEqual(['cate-blanchett']);
    expect(await findByName(db, 'Blanchett')).toEqual([]);
    db.close();
  });

  it('gives the installed data set back as a valid bundle', async () => {
    const db = await open();
    const back = await readInstalledBundle(db);
    expect(back && validateBundle(back).ok).toBe(true);
    expect(back?.version).toBe(bundled.version);
    expect(back?.entities.map((e) => e.id).sort()).toEqual(bundled.entities.map((e) => e.id).sort());
    expect(back?.entities.find((e) => e.id === 'cate-blanchett')).toEqual(
      bundled.entities.find((e) => e.id === 'cate-blanchett'),
    );
    db.close();
  });

  it('opens an already seeded database without seeding again or logging', async () => {
    (await open()).close();
    const log = captureLog();
    const db = await openStore({ loadBundled: () => bundled, log, now: () => 2000 });
    expect((await readMeta(db))?.installedAt).toBe(1000);
    expect(log.lines).toEqual([]);
    db.close();
  });
});

describe('an extension update', () => {
  it('installs bundled data with a new version, keeping history and settings', async () => {
    const db = await open();
    await recordVisit(db, visit('https://news.example/a', ['cate-blanchett']), { now: 5 });
    await setSettings({ history: true, markStyle: 'background', denyList: ['example.org'] });

    const newer = bundleCopy({ version: '2026.12.1' });
    const blanchett = newer.entities.find((e) => e.id === 'cate-blanchett');
    if (!blanchett) throw new Error('fixture');
    blanchett.role = 'actor and producer';
    const log = captureLog();
    const reason = await syncBundledData(db, { loadBundled: () => newer, log, now: () => 3000 });

    expect(reason).toBe(`bundled data changed from ${bundled.version} to 2026.12.1`);
    expect(log.lines).toEqual([expect.stringContaining('installed the bundled data 2026.12.1')]);
    expect(await readMeta(db)).toMatchObject({ version: '2026.12.1', installedAt: 3000 });
    expect((await getEntity(db, 'cate-blanchett'))?.role).toBe('actor and producer');
    expect((await historyForEntity(db, 'cate-blanchett')).map((e) => e.url)).toEqual([
      'https://news.example/a',
    ]);
    expect(await getSettings()).toMatchObject({ markStyle: 'background', denyList: ['example.org'] });
    db.close();
  });

  it('upgrades a store holding format-1 data (2026.11.23) to 2026.12.07, keeping history and settings', async () => {
    const db = await open(captureLog(), () => previousDataSet());
    expect(await readMeta(db)).toMatchObject({ format: 1, version: '2026.11.23' });
    await recordVisit(db, visit('https://news.example/a', ['cate-blanchett']), { now: 5 });
    await setSettings({ history: true, markStyle: 'background' });

    const log = captureLog();
    expect(await syncBundledData(db, { loadBundled: () => bundled, log, now: () => 3000 })).toBe(
      `installed data format 1 is not ${DATA_FORMAT}`,
    );
    expect(await readMeta(db)).toMatchObject({
      format: DATA_FORMAT,
      version: '2026.12.07',
      installedAt: 3000,
    });
    expect(await entityCount(db)).toBe(bundled.entities.length);
    expect(await getEntity(db, 'kim-gordon')).toMatchObject({ status: 'signed', commonName: true });
    expect(await getEntity(db, 'paul-mccartney')).toMatchObject({ outlets: 51, copies: 23 });
    expect((await getEntity(db, 'anthropic'))?.role).toBe('AI company');
    expect((await historyForEntity(db, 'cate-blanchett')).map((e) => e.url)).toEqual([
      'https://news.example/a',
    ]);
    expect(await getSettings()).toMatchObject({ history: true, markStyle: 'background' });
    db.close();
  });

  it('replaces a format-1 data update even when its version is newer than the bundled data', async () => {
    const db = await open();
    await seedData(db, previousDataSet('2027.1.5'), {
      source: 'update',
      sourceUrl: 'https://data.example/b.json',
    });
    const reason = await syncBundledData(db, { loadBundled: () => bundled, log: captureLog() });
    expect(reason).toBe(`installed data format 1 is not ${DATA_FORMAT}`);
    expect(await readMeta(db)).toMatchObject({
      format: DATA_FORMAT,
      version: bundled.version,
      source: 'bundled',
    });
    db.close();
  });

  it('leaves the data alone when the bundled version did not change', async () => {
    const db = await open();
    const reason = await syncBundledData(db, {
      loadBundled: () => bundled,
      now: () => 9999,
      log: captureLog(),
    });
    expect(reason).toBeNull();
    expect((await readMeta(db))?.installedAt).toBe(1000);
    db.close();
  });

  it('keeps a downloaded update that is newer than the data the new release bundles', async () => {
    const db = await open();
    await seedData(db, bundleCopy({ version: '2027.1.5' }), {
      source: 'update',
      sourceUrl: 'https://data.example/b.json',
    });
    expect(
      await syncBundledData(db, {
        loadBundled: () => bundleCopy({ version: '2026.12.1' }),
        log: captureLog(),
      }),
    ).toBeNull();
    expect(await readMeta(db)).toMatchObject({ version: '2027.1.5', source: 'update' });
    // …but a release bundling even newer data replaces it.
    expect(
      await syncBundledData(db, {
        loadBundled: () => bundleCopy({ version: '2027.2.1' }),
        log: captureLog(),
      }),
    ).toMatch(/newer than the downloaded 2027\.1\.5/);
    expect(await readMeta(db)).toMatchObject({ version: '2027.2.1', source: 'bundled' });
    db.close();
  });

  it('shares one connection through createStoreAccess and syncs after opening', async () => {
    const access = createStoreAccess({ loadBundled: () => bundled, log: captureLog() });
    const [a, b] = await Promise.all([access.get(), access.get()]);
    expect(a).toBe(b);
    expect(await access.syncBundled()).toBeNull();
    await access.close();
  });
});

describe('migration from schema v1', () => {
  /** The v1 layout, written by hand as the first release of the store would have left it. */
  async function writeV1Database(): Promise<void> {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('letter', { keyPath: 'id' });
        db.createObjectStore('people', { keyPath: 'id' });
        db.createObjectStore('topics', { keyPath: 'id' });
        db.createObjectStore('initiatives', { keyPath: 'id' });
        db.createObjectStore('history', { keyPath: 'url' }).createIndex('byTime', 'time');
      },
    });
    const tx = v1.transaction(['meta', 'letter', 'people', 'topics', 'initiatives', 'history'], 'readwrite');
    await tx.objectStore('meta').put({
      key: 'data',
      format: bundled.format,
      version: bundled.version,
      compiled: bundled.compiled,
      method: bundled.method,
      counts: bundled.counts,
      topicLanguages: bundled.topicLanguages,
      letterId: bundled.letter.id,
      source: 'bundled',
      sourceUrl: null,
      installedAt: 42,
    });
    await tx.objectStore('letter').put(bundled.letter);
    // v1 people had no folded `names`; v1 history entries had no `entityIds`/`topicIds`.
    for (const entity of bundled.entities) await tx.objectStore('people').put(entity);
    for (const topic of bundled.topics) await tx.objectStore('topics').put(topic);
    for (const initiative of bundled.initiatives) await tx.objectStore('initiatives').put(initiative);
    await tx.objectStore('history').put({
      url: 'https://news.example/old',
      title: 'Old article',
      time: 100,
      people: counted({ 'cate-blanchett': 2, 'ben-stiller': 1 }),
      topics: counted({ copyright: 3 }),
    });
    await tx.objectStore('history').put({
      url: 'https://news.example/newer',
      title: 'Newer article',
      time: 200,
      people: [{ id: 'cate-blanchett', mentions: 1 }],
      topics: [],
    });
    await tx.done;
    v1.close();
  }

  it('upgrades to the current version, backfilling indexes and keeping history, data and settings', async () => {
    await writeV1Database();
    await setSettings({ history: false, mode: 'on-click' });
    const log = captureLog();
    const db = await open(log);

    expect(db.version).toBe(DB_VERSION);
    expect(log.lines).toEqual([]);
    // Not reseeded: the same data set, installed at the same time.
    expect((await readMeta(db))?.installedAt).toBe(42);
    expect(await countHistory(db)).toBe(2);
    expect((await historyForEntity(db, 'cate-blanchett')).map((e) => e.title)).toEqual([
      'Newer article',
      'Old article',
    ]);
    expect((await historyForEntity(db, 'ben-stiller')).map((e) => e.url)).toEqual([
      'https://news.example/old',
    ]);
    expect((await db.getAllFromIndex('history', 'byTopic', 'copyright')).map((e) => e.url)).toEqual([
      'https://news.example/old',
    ]);
    expect((await findByName(db, 'alfonso cuaron')).map((e) => e.id)).toEqual(['alfonso-cuaron']);
    expect(await getSettings()).toMatchObject({ history: false, mode: 'on-click' });
    db.close();
  });
});

describe('a seeding that fails half-way', () => {
  it('leaves the previous data set intact when a record cannot be stored', async () => {
    const db = await open();
    const broken = bundleCopy({ version: '2026.12.1' });
    // Half-way through the people: a record without its key makes put() throw mid-transaction.
    const victim = broken.entities[Math.floor(broken.entities.length / 2)];
    if (!victim) throw new Error('fixture');
    delete (victim as { id?: string }).id;
    const renamed = broken.entities[0];
    if (!renamed) throw new Error('fixture');
    renamed.name = 'Someone Else Entirely';

    await expect(seedData(db, broken, { source: 'bundled' })).rejects.toThrow();

    expect(await readMeta(db)).toMatchObject({ version: bundled.version, installedAt: 1000 });
    expect(await entityCount(db)).toBe(bundled.entities.length);
    expect((await getEntity(db, bundled.entities[0]!.id))?.name).toBe(bundled.entities[0]!.name);
    expect(await db.get('letter', bundled.letter.id)).toBeTruthy();
    db.close();
  });

  it('leaves the previous data set intact when a value cannot be cloned', async () => {
    const db = await open();
    const broken = bundleCopy({ version: '2026.12.1' });
    (broken.initiatives[1] as unknown as { extra: () => void }).extra = () => undefined;
    await expect(seedData(db, broken, { source: 'bundled' })).rejects.toThrow();
    expect((await readMeta(db))?.version).toBe(bundled.version);
    expect(await db.count('initiatives')).toBe(bundled.initiatives.length);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    db.close();
  });
});

describe('a damaged or deleted database', () => {
  it('rebuilds a database missing an object store, with a log line, keeping readable history', async () => {
    // The current version number, but without the people store: not something our upgrade makes.
    const damaged = await openDB(DB_NAME, DB_VERSION, {
      upgrade(db) {
        db.createObjectStore('meta', { keyPath: 'key' });
        for (const name of ['letter', 'topics', 'initiatives']) db.createObjectStore(name, { keyPath: 'id' });
        db.createObjectStore('history', { keyPath: 'url' }).createIndex('byTime', 'time');
      },
    });
    await damaged.put('history', {
      url: 'https://news.example/kept',
      title: 'Kept',
      time: 7,
      people: [{ id: 'mark-ruffalo', mentions: 1 }],
      topics: [],
    });
    await damaged.put('history', {
      url: 'javascript:alert(1)',
      title: 'junk',
      time: 8,
      people: [],
      topics: [],
    });
    damaged.close();

    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^warn: \[undersigned store\] the database was corrupted \(missing object store "people"\); rebuilt it from the bundled data 2026\.12\.07 \(1 reading-history entries kept\)$/,
      ),
    ]);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    expect((await historyForEntity(db, 'mark-ruffalo')).map((e) => e.title)).toEqual(['Kept']);
    db.close();
  });

  it('rebuilds a database missing an index', async () => {
    const damaged = await openDB(DB_NAME, DB_VERSION, {
      upgrade(db) {
        for (const name of ['meta', 'letter', 'topics', 'initiatives']) {
          db.createObjectStore(name, { keyPath: name === 'meta' ? 'key' : 'id' });
        }
        const people = db.createObjectStore('people', { keyPath: 'id' });
        people.createIndex('byName', 'names', { multiEntry: true });
        people.createIndex('byStatus', 'status');
        const history = db.createObjectStore('history', { keyPath: 'url' });
        history.createIndex('byTime', 'time');
        history.createIndex('byTopic', 'topicIds', { multiEntry: true });
      },
    });
    damaged.close();
    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toEqual([
      expect.stringMatching(/corrupted \(missing index "history\.byEntity"\); rebuilt it/),
    ]);
    expect(db.transaction('history').store.indexNames.contains('byEntity')).toBe(true);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    db.close();
  });

  it('rebuilds a database left at an unknown, newer version', async () => {
    (await openDB(DB_NAME, 99, { upgrade: (db) => void db.createObjectStore('whatever') })).close();
    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(
      /^warn: .*the database could not be opened \(VersionError.*rebuilt it from the bundled data/,
    );
    expect(db.version).toBe(DB_VERSION);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    db.close();
  });

  it('reinstalls the data when the meta record has an unexpected shape, keeping history', async () => {
    const first = await open();
    await recordVisit(first, visit('https://news.example/a', ['ben-stiller']));
    await first.put('meta', { key: 'data', version: 42 } as never);
    first.close();
    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toEqual([
      expect.stringMatching(/^warn: .*meta record is damaged; reinstalling the bundled data/),
    ]);
    expect((await readMeta(db))?.version).toBe(bundled.version);
    expect(await countHistory(db)).toBe(1);
    db.close();
  });

  it('reinstalls the data when the stored people are gone', async () => {
    const first = await open();
    await first.clear('people');
    first.close();
    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toEqual([
      expect.stringMatching(/^warn: .*data set 2026\.12\.07 is damaged \(no people are stored\)/),
    ]);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    db.close();
  });

  it('seeds again after the database was deleted', async () => {
    (await open()).close();
    await deleteDB(DB_NAME);
    const log = captureLog();
    const db = await open(log);
    expect(log.lines).toEqual([
      expect.stringContaining('no data set installed; seeding from the bundled data'),
    ]);
    expect(await entityCount(db)).toBe(bundled.entities.length);
    db.close();
  });
});

/** `{ id: mentions }` as the report's `[{ id, mentions }]`, in the object's order. */
function counted(mentions: Record<string, number>): { id: string; mentions: number }[] {
  return Object.entries(mentions).map(([id, n]) => ({ id, mentions: n }));
}
