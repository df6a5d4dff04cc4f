/**
 * lib/data/build.ts: what the build makes of the research. Counts a journalist would trust, sources
 * best first, `commonName` carried, and the maintainers' `researchNote` never reaching the bundle
 * (the schema refuses a bundle that carries one, wherever it is).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import committed from '../../../assets/data/bundle.json';
import notesFixture from '../../fixtures/research-notes.json';
import { buildBundle, countOutlets, withoutResearchNotes } from '../../../lib/data/build';
import type { DataBundle, Entity } from '../../../lib/data/model';
import { findKeyPath, NO_RESEARCH_NOTE } from '../../../lib/data/schema';
import { sourceRank } from '../../../lib/data/source-rank';
import { validateBundle } from '../../../lib/data/validate';
import { readFacts } from '../../../scripts/lib/facts';

const bundle = committed as unknown as DataBundle;
const factsDir = resolve(__dirname, '../../../../shared/data');

function entity(id: string): Entity {
  const found = bundle.entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id} in the bundle`);
  return found;
}

const src = (outletName: string, established: boolean, secondHand: boolean) => ({
  url: `https://${outletName.toLowerCase().replace(/\W+/g, '')}.example/story`,
  outletName,
  established,
  secondHand,
});

describe('outlet counts: a story counted once, under its outlet', () => {
  it('Paul McCartney: 51 outlets and 23 content-farm copies (the research listed 73 “outlets”)', () => {
    expect({ outlets: entity('paul-mccartney').outlets, copies: entity('paul-mccartney').copies }).toEqual({
      outlets: 51,
      copies: 23,
    });
  });

  it('credits a copy of an established outlet’s story to that outlet, once', () => {
    const counted = countOutlets([
      src('Variety', true, false),
      src('Variety', true, true),
      src('Deadline', true, true),
      src('Farm', false, true),
      src('Farm', false, true),
    ]);
    expect(counted).toEqual({ outlets: 2, copies: 2 });
  });

  it('counts an original on a site that is not established as an outlet', () => {
    expect(countOutlets([src('Teatrine TV', false, false), src('Embajada', false, true)])).toEqual({
      outlets: 1,
      copies: 1,
    });
  });

  it('names a person found only in copies by one outlet, never 0, and never counts a report twice', () => {
    expect(countOutlets([src('3acesnews', false, true)])).toEqual({ outlets: 1, copies: 0 });
    expect(countOutlets([src('newswatch', false, true), src('conservdaily', false, true)])).toEqual({
      outlets: 1,
      copies: 1,
    });
    // The four signatories the research found only in copies.
    expect(
      ['adam-scott', 'phil-lord', 'chris-miller', 'patton-oswalt'].map((id) => entity(id).outlets),
    ).toEqual([1, 1, 1, 1]);
    expect(entity('patton-oswalt').copies).toBe(1);
  });

  it('every entity’s counts are its own sources’ counts; actors and unconfirmed claims have none', () => {
    for (const e of bundle.entities) {
      const signatory = e.status === 'signed' || e.status === 'organiser';
      const expected = signatory ? countOutlets(e.sources) : { outlets: 0, copies: 0 };
      expect({ outlets: e.outlets, copies: e.copies }, e.id).toEqual(expected);
    }
  });
});

describe('sources best first', () => {
  it('ranks established originals, other originals, established copies, other copies', () => {
    expect(
      [
        { established: false, secondHand: true },
        { established: true, secondHand: true },
        { established: false, secondHand: false },
        { established: true, secondHand: false },
      ].map(sourceRank),
    ).toEqual([3, 2, 1, 0]);
  });

  it('stores every signatory’s sources in that order', () => {
    for (const e of bundle.entities.filter((x) => x.status === 'signed' || x.status === 'organiser')) {
      const ranks = e.sources.map(sourceRank);
      expect(ranks, e.id).toEqual([...ranks].sort((a, b) => a - b));
    }
  });
});

describe('commonName', () => {
  it('carries the research’s flag: shared names are flagged, others and actors are not', () => {
    const flagged = bundle.entities.filter((e) => e.commonName).map((e) => e.id);
    expect(flagged.sort()).toEqual(['adam-scott', 'chris-miller', 'kim-gordon', 'paul-simon', 'phil-lord']);
    expect(entity('donald-trump').commonName).toBe(false);
    expect(entity('billie-eilish').commonName).toBe(false);
  });
});

describe('researchNote never reaches the bundle', () => {
  it('the committed bundle has no researchNote key and none of the notes’ text', () => {
    expect(findKeyPath(bundle, 'researchNote')).toBeNull();
    const text = JSON.stringify(bundle);
    for (const [id, note] of Object.entries(notesFixture.notes)) expect(text, id).not.toContain(note);
  });

  it('the schema refuses a bundle that carries one, at any depth', () => {
    const places: ((b: DataBundle & Record<string, unknown>) => void)[] = [
      (b) => Object.assign(b, { researchNote: 'x' }),
      (b) => Object.assign(b.entities[0]!, { researchNote: 'confirm before showing signed' }),
      (b) => Object.assign(b.entities[0]!.sources[0]!, { researchNote: 'x' }),
      (b) => Object.assign(b.letter.paragraphs[0]!, { researchNote: 'x' }),
      (b) => Object.assign(b.letter.organisers[0]!, { researchNote: 'x' }),
      (b) => Object.assign(b.initiatives[0]!, { researchNote: 'x' }),
      (b) => Object.assign(b.topics[0]!, { researchNote: 'x' }),
    ];
    for (const [i, place] of places.entries()) {
      const broken = structuredClone(bundle) as DataBundle & Record<string, unknown>;
      place(broken);
      const result = validateBundle(broken);
      expect(result.ok ? [] : result.issues.map((x) => x.message), `place ${i}`).toContain(NO_RESEARCH_NOTE);
    }
  });

  it('withoutResearchNotes drops the key at every depth and keeps everything else', () => {
    const input = {
      a: 1,
      researchNote: 'x',
      b: [{ researchNote: 'y', c: 'kept' }],
      d: { e: { researchNote: 'z' } },
    };
    expect(withoutResearchNotes(input)).toEqual({ a: 1, b: [{ c: 'kept' }], d: { e: {} } });
  });

  it('the build copies none, even where the research adds one to a record it spreads', () => {
    const facts = readFacts(factsDir);
    const note = { researchNote: 'MAINTAINERS ONLY' };
    Object.assign(facts.letter, note);
    for (const list of [facts.letter.paragraphs, facts.letter.answers, facts.letter.signatureCounts]) {
      for (const item of list) Object.assign(item, note);
    }
    Object.assign(facts.letter.coverNote, note);
    for (const item of facts.initiatives) Object.assign(item, note);
    for (const item of facts.topics.topics) Object.assign(item, note);
    for (const item of facts.signatories) Object.assign(item.sources[0]!, note);
    const built = buildBundle(facts);
    expect(findKeyPath(built, 'researchNote')).toBeNull();
    expect(JSON.stringify(built)).not.toContain('MAINTAINERS ONLY');
    expect(validateBundle(built).ok).toBe(true);
  });

  it('the committed bundle is what the build makes of ../shared/data', () => {
    expect(existsSync(factsDir)).toBe(true);
    expect(validateBundle(buildBundle(readFacts(factsDir)))).toEqual({ ok: true, bundle });
  });
});

describe('reader-facing words only', () => {
  /** Maintainers' phrases the research used to put in fields readers see. */
  const MAINTAINER_PHRASES = [
    'confirm before',
    'not included in',
    'do not conflate',
    'treat as unconfirmed',
    'per petapixel',
    'signatories.json',
    'role as researched',
    '.txt',
  ];

  it('no role, relation, note or assessment of an entity, and no letter note, uses one', () => {
    const shown: [string, string | null][] = [
      ...bundle.entities.flatMap((e): [string, string | null][] => [
        [`${e.id}.role`, e.role],
        [`${e.id}.relation`, e.relation],
        [`${e.id}.note`, e.note],
      ]),
      ...bundle.letter.paragraphs.map((p): [string, string | null] => [`paragraph ${p.n}`, p.note]),
      ...bundle.letter.signatureCounts.map((c): [string, string | null] => [`count ${c.date}`, c.note]),
    ];
    expect(shown.length).toBeGreaterThan(200);
    for (const [where, text] of shown) {
      for (const phrase of MAINTAINER_PHRASES)
        expect((text ?? '').toLowerCase(), where).not.toContain(phrase);
    }
  });
});
