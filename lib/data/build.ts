/**
 * Turns the researched facts (../shared/data, see its README) into the product's data bundle.
 * Pure: the build script reads the files, this shapes them, the schema judges the result.
 */
import type { DataBundle, Entity, Source } from './model';
import { DATA_FORMAT } from './schema';

interface RawSource {
  url: string;
  outlet?: string | null;
  outletName?: string | null;
  established?: boolean;
  secondHand?: boolean;
  saysSigned?: boolean;
  date?: string | null;
}
interface RawSignatory {
  id: string;
  name: string;
  aliases: string[];
  role: string | null;
  note: string | null;
  organiser: boolean;
  outlets: number;
  sources: RawSource[];
}
interface RawActor {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  aliases: string[];
  role: string | null;
  relation: string | null;
  sources: RawSource[];
}
interface RawUnconfirmed {
  name: string;
  claim: string;
  assessment: string;
  source: RawSource;
}
interface RawLetter extends Omit<
  DataBundle['letter'],
  'answers' | 'paragraphs' | 'signatureCounts' | 'coverNote' | 'organisersSources'
> {
  answers: (Omit<DataBundle['letter']['answers'][number], 'by' | 'sources'> & {
    by?: string;
    sources: RawSource[];
  })[];
  paragraphs: (Omit<DataBundle['letter']['paragraphs'][number], 'note' | 'sources'> & {
    note?: string;
    sources: RawSource[];
  })[];
  signatureCounts: { date: string; figure: string; note?: string; sources: RawSource[] }[];
  coverNote: { summary: string; sources: RawSource[] };
  organisersSources: RawSource[];
}

export interface RawFacts {
  dataset: {
    version: string;
    compiled: string;
    method: string;
    signatoriesPublished: number;
    signatoriesReported: string;
  };
  letter: RawLetter;
  signatories: RawSignatory[];
  actors: RawActor[];
  unconfirmed: RawUnconfirmed[];
  initiatives: (Omit<DataBundle['initiatives'][number], 'sources'> & { sources: RawSource[] })[];
  topics: { topics: DataBundle['topics']; otherLanguages: Record<string, string[]> };
}

export function buildBundle(facts: RawFacts): DataBundle {
  const { dataset, letter } = facts;
  return {
    format: DATA_FORMAT,
    version: dataset.version,
    compiled: dataset.compiled,
    method: dataset.method,
    counts: {
      signatoriesPublished: dataset.signatoriesPublished,
      signatoriesReported: dataset.signatoriesReported,
    },
    letter: {
      ...letter,
      answers: letter.answers.map((a) => ({ ...a, by: a.by ?? null, sources: a.sources.map(toSource) })),
      organisersSources: letter.organisersSources.map(toSource),
      signatureCounts: letter.signatureCounts.map((c) => ({
        ...c,
        note: c.note ?? null,
        sources: c.sources.map(toSource),
      })),
      paragraphs: letter.paragraphs.map((p) => ({
        ...p,
        note: p.note ? readerFacing(p.note) : null,
        sources: p.sources.map(toSource),
      })),
      coverNote: { ...letter.coverNote, sources: letter.coverNote.sources.map(toSource) },
    },
    entities: [
      ...facts.signatories.map(fromSignatory),
      ...facts.actors.map(fromActor),
      ...facts.unconfirmed.map(fromUnconfirmed),
    ],
    initiatives: facts.initiatives.map((i) => ({ ...i, sources: i.sources.map(toSource) })),
    topics: facts.topics.topics,
    topicLanguages: facts.topics.otherLanguages,
  };
}

function fromSignatory(s: RawSignatory): Entity {
  return {
    id: s.id,
    kind: 'person',
    name: s.name,
    aliases: s.aliases,
    status: s.organiser ? 'organiser' : 'signed',
    role: s.role,
    relation: null,
    note: s.note,
    outlets: s.outlets,
    sources: s.sources.map(toSource),
  };
}

/**
 * The research gave two pairs of organisations one joint label ("AI company; VC firm" for Anthropic
 * and Andreessen Horowitz, "Union; newspaper" for the Writers Guild and The New York Times), so each
 * card would call one of them what it is not. Each keeps the half that is its own. A correction
 * applies only while the research still says `from`: once it is fixed there, this does nothing,
 * and the data test that checks these corrections fails, so the table is removed.
 */
export const ROLE_CORRECTIONS: Readonly<Record<string, { from: string; to: string }>> = {
  anthropic: { from: 'AI company; VC firm', to: 'AI company' },
  'andreessen-horowitz': { from: 'AI company; VC firm', to: 'Venture capital firm' },
  'writers-guild-of-america': { from: 'Union; newspaper', to: 'Union' },
  'new-york-times': { from: 'Union; newspaper', to: 'Newspaper' },
};

function actorRole(a: RawActor): string | null {
  const correction = ROLE_CORRECTIONS[a.id];
  return correction && a.role === correction.from ? correction.to : a.role;
}

function fromActor(a: RawActor): Entity {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    aliases: a.aliases,
    status: 'actor',
    role: actorRole(a),
    relation: a.relation,
    note: null,
    outlets: 0,
    sources: a.sources.map(toSource),
  };
}

/** An unconfirmed claim becomes an entity whose status says so; it is never "signed". */
function fromUnconfirmed(u: RawUnconfirmed): Entity {
  return {
    id: slug(u.name),
    kind: 'person',
    name: u.name,
    aliases: [],
    status: 'unconfirmed',
    role: null,
    relation: u.claim,
    note: u.assessment,
    outlets: 0,
    sources: [toSource(u.source)],
  };
}

/**
 * The research's notes sometimes cite its own working files ("the seed article (000_….txt)");
 * readers see these notes in cards, so such a reference becomes a plain "one report".
 */
export function readerFacing(note: string): string {
  return note.replace(/\bthe seed article \(\d{3}_[0-9a-f]+\.txt\)/g, 'one report');
}

/** The research names outlets where it could; otherwise the URL's host is the honest label. */
function toSource(s: RawSource): Source {
  const source: Source = { url: s.url, outlet: s.outletName ?? s.outlet ?? hostOf(s.url) };
  if (s.established !== undefined) source.established = s.established;
  if (s.secondHand !== undefined) source.secondHand = s.secondHand;
  if (s.saysSigned !== undefined) source.saysSigned = s.saysSigned;
  if (s.date) source.date = s.date;
  return source;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '');
  } catch {
    return url;
  }
}

export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
