/** Reading history: one entry per page, bounded, queryable by person and by time, clearable. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreDB } from '../../../lib/store/db';
import {
  clearHistory,
  countHistory,
  historyForEntity,
  historyForTopic,
  historyUrl,
  recentHistory,
  recordVisit,
} from '../../../lib/store/history';
import { openStore } from '../../../lib/store/store';
import { bundled, captureLog, freshEnvironment, visit } from './helpers';

let db: StoreDB;

beforeEach(async () => {
  freshEnvironment();
  db = await openStore({ loadBundled: () => bundled, log: captureLog() });
});
afterEach(() => db.close());

describe('recording visits', () => {
  it('stores URL, title, time, people and topics of a page where people were found', async () => {
    const stored = await recordVisit(
      db,
      visit('https://news.example/ai-letter', ['cate-blanchett', 'ben-stiller'], 'Stars sign letter', [
        'copyright',
      ]),
      { now: 1234 },
    );
    expect(stored).toBe(true);
    expect(await recentHistory(db)).toEqual([
      {
        url: 'https://news.example/ai-letter',
        title: 'Stars sign letter',
        time: 1234,
        people: [
          { id: 'cate-blanchett', mentions: 1 },
          { id: 'ben-stiller', mentions: 1 },
        ],
        topics: [{ id: 'copyright', mentions: 1 }],
        entityIds: ['cate-blanchett', 'ben-stiller'],
        topicIds: ['copyright'],
      },
    ]);
  });

  it('records nothing for a page without people, or a page that is not http(s)', async () => {
    expect(await recordVisit(db, visit('https://news.example/topic-only', [], 'AI', ['copyright']))).toBe(
      false,
    );
    expect(await recordVisit(db, visit('file:///home/me/notes.html', ['cate-blanchett']))).toBe(false);
    expect(await recordVisit(db, visit('not a url', ['cate-blanchett']))).toBe(false);
    expect(await countHistory(db)).toBe(0);
  });

  it('updates the entry of a page visited again instead of adding one (fragments are the same page)', async () => {
    await recordVisit(db, visit('https://news.example/a', ['cate-blanchett'], 'First title'), { now: 10 });
    await recordVisit(
      db,
      visit('https://news.example/a#comments', ['cate-blanchett', 'mark-ruffalo'], 'Second title'),
      {
        now: 20,
      },
    );
    const all = await recentHistory(db);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ url: 'https://news.example/a', title: 'Second title', time: 20 });
    expect(all[0]?.entityIds).toEqual(['cate-blanchett', 'mark-ruffalo']);
    expect((await historyForEntity(db, 'mark-ruffalo')).map((e) => e.url)).toEqual([
      'https://news.example/a',
    ]);
  });

  it('never stores credentials written in a URL, nor malformed ids', async () => {
    expect(historyUrl('https://user:secret@news.example/p?q=1#x')).toBe('https://news.example/p?q=1');
    await recordVisit(db, {
      url: 'https://news.example/b',
      title: 'T',
      people: [
        { id: 'cate-blanchett', mentions: 2 },
        { id: '<script>', mentions: 1 },
      ],
      topics: [],
    });
    expect((await recentHistory(db))[0]?.entityIds).toEqual(['cate-blanchett']);
  });

  it('prunes the oldest entries beyond the cap', async () => {
    for (let i = 1; i <= 8; i++) {
      await recordVisit(db, visit(`https://news.example/${i}`, ['cate-blanchett']), { now: i * 100, cap: 5 });
    }
    expect(await countHistory(db)).toBe(5);
    expect((await recentHistory(db)).map((e) => e.time)).toEqual([800, 700, 600, 500, 400]);
    // Revisiting an old page makes it the newest: the next prune removes another one.
    await recordVisit(db, visit('https://news.example/4', ['cate-blanchett']), { now: 900, cap: 5 });
    await recordVisit(db, visit('https://news.example/9', ['cate-blanchett']), { now: 1000, cap: 5 });
    expect((await recentHistory(db)).map((e) => e.url.slice(-1))).toEqual(['9', '4', '8', '7', '6']);
  });
});

describe('querying and clearing', () => {
  beforeEach(async () => {
    await recordVisit(db, visit('https://a.example/1', ['cate-blanchett'], 'One', ['ai-training']), {
      now: 1_000,
    });
    await recordVisit(db, visit('https://b.example/2', ['alfonso-cuaron'], 'Two'), { now: 2_000 });
    await recordVisit(db, visit('https://c.example/3', ['cate-blanchett', 'alfonso-cuaron'], 'Three'), {
      now: 3_000,
    });
  });

  it('answers "where did I read about X", newest first, optionally since a time', async () => {
    expect((await historyForEntity(db, 'cate-blanchett')).map((e) => e.title)).toEqual(['Three', 'One']);
    expect((await historyForEntity(db, 'cate-blanchett', { since: 2_500 })).map((e) => e.title)).toEqual([
      'Three',
    ]);
    expect(await historyForEntity(db, 'paul-mccartney')).toEqual([]);
    expect((await historyForTopic(db, 'ai-training')).map((e) => e.title)).toEqual(['One']);
  });

  it('lists recent pages newest first with a limit and a lower time bound', async () => {
    expect((await recentHistory(db, { limit: 2 })).map((e) => e.title)).toEqual(['Three', 'Two']);
    expect((await recentHistory(db, { since: 2_000 })).map((e) => e.title)).toEqual(['Three', 'Two']);
  });

  it('clears everything, and only the history', async () => {
    await clearHistory(db);
    expect(await countHistory(db)).toBe(0);
    expect(await historyForEntity(db, 'cate-blanchett')).toEqual([]);
    expect(await db.count('people')).toBe(bundled.entities.length);
  });
});
