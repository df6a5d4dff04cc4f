/** The popup's people search forgives case, accents and small typos, and ranks exact first. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleRecords, type StoreDB } from '../../../lib/store/db';
import { foldName } from '../../../lib/store/fold';
import { editDistance, getEntity, getLetter, rankPeople, searchPeople } from '../../../lib/store/search';
import { openStore } from '../../../lib/store/store';
import { bundled, captureLog, freshEnvironment } from './helpers';

const people = bundleRecords(bundled).people;
const top = (query: string) => rankPeople(people, query)[0];
const ids = (query: string) => rankPeople(people, query).map((r) => r.entity.id);

describe('folding', () => {
  it('ignores case, accents, punctuation and letters NFKD leaves alone', () => {
    expect(foldName('  Alfonso CUARÓN ')).toBe('alfonso cuaron');
    expect(foldName('Janelle Monáe')).toBe('janelle monae');
    expect(foldName("Faisal D'Souza")).toBe('faisal d souza');
    expect(foldName('Guðmundsdóttir Ørsted Łukasz')).toBe('gudmundsdottir orsted lukasz');
  });

  it('measures typos with transpositions as one edit', () => {
    expect(editDistance('cuaorn', 'cuaron', 2)).toBe(1);
    expect(editDistance('blanchtt', 'blanchett', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('rankPeople', () => {
  it('finds Alfonso Cuarón without the accent, and by surname alone', () => {
    expect(top('Alfonso Cuaron')).toMatchObject({
      entity: { id: 'alfonso-cuaron', status: 'signed' },
      match: 'exact',
    });
    expect(top('cuaron')).toMatchObject({ entity: { id: 'alfonso-cuaron' }, match: 'word' });
    expect(top('CUARÓN')?.entity.id).toBe('alfonso-cuaron');
  });

  it('finds Cate Blanchett from a misspelt or partial surname', () => {
    expect(top('blanchet')?.entity.id).toBe('cate-blanchett');
    expect(top('Blanchett')?.entity.id).toBe('cate-blanchett');
    expect(top('blanchtt')).toMatchObject({ entity: { id: 'cate-blanchett' }, match: 'fuzzy' });
    expect(top('kate blanchett')).toMatchObject({ entity: { id: 'cate-blanchett' }, match: 'fuzzy' });
  });

  it('forgives spacing differences', () => {
    expect(top('open ai')?.entity.id).toBe('openai');
    expect(top('deltoro')?.entity.id).toBe('guillermo-del-toro');
    expect(top('wallerbridge')?.entity.id).toBe('phoebe-waller-bridge');
  });

  it('forgives small typos in longer names', () => {
    expect(top('cuaorn')?.entity.id).toBe('alfonso-cuaron');
    expect(top('ruffallo')?.entity.id).toBe('mark-ruffalo');
    expect(top('gylenhaal')?.entity.id).toBe('maggie-gyllenhaal');
    expect(top('waititti')?.entity.id).toBe('taika-waititi');
  });

  it('ranks exact and prefix matches before fuzzy ones', () => {
    const paul = rankPeople(people, 'paul simon');
    expect(paul[0]).toMatchObject({ entity: { id: 'paul-simon' }, match: 'exact' });
    // Lily Gladstone and Lilly Wachowski are different people: the exact spelling comes first.
    expect(rankPeople(people, 'lily').map((r) => [r.entity.id, r.match])).toEqual([
      ['lily-gladstone', 'prefix'],
      ['lilly-wachowski', 'fuzzy'],
    ]);
    for (const query of ['paul', 'sam', 'lily', 'wachowsky', 'chris', 'coen']) {
      const ranks = rankPeople(people, query).map((r) =>
        ['exact', 'prefix', 'word', 'fuzzy'].indexOf(r.match),
      );
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(ids('paul').slice(0, 3).sort()).toEqual(['paul-giamatti', 'paul-mccartney', 'paul-simon']);
    // The alias "Sir Paul McCartney" still finds him, by word.
    expect(rankPeople(people, 'sir paul')[0]).toMatchObject({
      entity: { id: 'paul-mccartney' },
      matched: 'Sir Paul McCartney',
    });
  });

  it('returns each entity once, with its status, and nothing for nonsense or an empty query', () => {
    const results = rankPeople(people, 'sam');
    expect(new Set(results.map((r) => r.entity.id)).size).toBe(results.length);
    expect(
      results.every((r) => ['signed', 'organiser', 'actor', 'unconfirmed'].includes(r.entity.status)),
    ).toBe(true);
    expect(results.map((r) => r.entity.id)).toEqual(expect.arrayContaining(['sam-mendes', 'sam-altman']));
    expect(rankPeople(people, 'zzqxv')).toEqual([]);
    expect(rankPeople(people, '  ')).toEqual([]);
    // Short words are not fuzzed ("rok" is not "rock"), and a typo is not read as a beginning.
    expect(ids('rok')).toEqual([]);
    expect(ids('mark')).toEqual(['mark-ruffalo']);
  });

  it('orders signatories before actors at the same match quality', () => {
    const sam = rankPeople(people, 'sam');
    expect(sam.findIndex((r) => r.entity.id === 'sam-mendes')).toBeLessThan(
      sam.findIndex((r) => r.entity.id === 'sam-altman'),
    );
  });

  it('does not hand out the internal folded names', () => {
    expect(Object.keys(top('cuaron')?.entity ?? {})).not.toContain('names');
  });
});

describe('store queries', () => {
  let db: StoreDB;
  beforeEach(async () => {
    freshEnvironment();
    db = await openStore({ loadBundled: () => bundled, log: captureLog() });
  });
  afterEach(() => db.close());

  it('searches the stored people', async () => {
    expect((await searchPeople(db, 'cuaron'))[0]?.entity.name).toBe('Alfonso Cuarón');
    expect((await searchPeople(db, 'blanchet', 1)).map((r) => r.entity.id)).toEqual(['cate-blanchett']);
  });

  it('gets one entity by id, with its status and sources, or null', async () => {
    const entity = await getEntity(db, 'alfonso-cuaron');
    expect(entity).toMatchObject({ name: 'Alfonso Cuarón', status: 'signed' });
    expect(entity?.sources.length).toBeGreaterThan(0);
    expect(await getEntity(db, 'nobody-at-all')).toBeNull();
  });

  it('gets the letter', async () => {
    expect((await getLetter(db))?.id).toBe(bundled.letter.id);
  });
});
