/**
 * Turns the researched facts (../shared/data, see its README) into the product's data bundle.
 * Pure: the build script reads the files, this shapes them, the schema judges the result.
 */
import type { DataBundle, Entity, Source } from './model';
import { DATA_FORMAT } from './schema';
import { bestFirst } from './source-rank';

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
  /** The research's own tally of outlets; the bundle counts them itself (see countOutlets). */
  outlets: number;
  /** Other people share this name. */
  commonName?: boolean;
  sources: RawSource[];
}
interface RawActor {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  aliases: string[];
  role: string | null;
  relation: string | null;
  commonName?: boolean;
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

export function buildBundle(rawFacts: RawFacts): DataBundle {
  // Maintainers' notes never reach the bundle, whatever record of the research carries one.
  const facts = withoutResearchNotes(rawFacts);
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
    commonName: s.commonName === true,
    ...countOutlets(s.sources),
    sources: bestFirst(s.sources.map(toSource)),
  };
}

/**
 * Counts a journalist would trust: a story is counted once, under its outlet.
 * `outlets`: distinct outlets among the originals and the copies of an established outlet's story
 * (such a copy is credited to that outlet, so it adds nothing when the original is also listed).
 * `copies`: copies on sites that are not established outlets (content farms, aggregators), each one.
 * When a person is named only in such copies, the copies still name them, but which or how many
 * stories they copy is unknown (Patton Oswalt's two both cite Deadline): the best of them stands for
 * one outlet and the rest are copies, so no report is counted twice and a named signatory is never 0.
 */
export function countOutlets(sources: readonly RawSource[]): { outlets: number; copies: number } {
  const farmCopy = (s: RawSource) => s.secondHand === true && s.established !== true;
  const credited = new Set(sources.filter((s) => !farmCopy(s)).map((s) => outletKey(s)));
  const copies = sources.filter(farmCopy).length;
  if (credited.size === 0 && copies > 0) return { outlets: 1, copies: copies - 1 };
  return { outlets: credited.size, copies };
}

function outletKey(s: RawSource): string {
  return (s.outletName ?? s.outlet ?? hostOf(s.url)).trim().toLowerCase();
}

function fromActor(a: RawActor): Entity {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    aliases: a.aliases,
    status: 'actor',
    role: a.role,
    relation: a.relation,
    note: null,
    commonName: a.commonName === true,
    outlets: 0,
    copies: 0,
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
    note: readerFacing(u.assessment),
    commonName: false,
    outlets: 0,
    copies: 0,
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

/**
 * A copy of the facts without any `researchNote` key, at any depth: those notes are the
 * maintainers' (how a claim was established, source caveats) and are never shown to readers.
 */
export function withoutResearchNotes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutResearchNotes(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'researchNote')
      .map(([key, item]) => [key, withoutResearchNotes(item)]),
  ) as T;
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
