/**
 * The schema of Undersigned's data bundle: the one typed model that the matcher, the card, the
 * popup and the store share (types are inferred from it in `model.ts`).
 *
 * It runs at build time (scripts/build-data.ts), in the tests, and in the background when a data
 * update is downloaded, so the rules that keep the product truthful live here and nowhere else:
 * a signatory without a source, an unconfirmed name shown as signed, colliding names, a bare
 * surname used as an alias, or an elided paragraph called verbatim are all rejected.
 */
import * as v from 'valibot';

/**
 * Bumped when the bundle's shape changes; the store and the updater refuse other formats.
 * 2: entities carry `commonName` and `copies` (dataset 2026.12.07); the store reinstalls the
 * bundled data over a format-1 data set, keeping history and settings.
 */
export const DATA_FORMAT = 2;

const Text = v.pipe(v.string(), v.trim(), v.minLength(1));

/** Only web links: a data file must not be able to smuggle `javascript:` or `data:` URLs into a card. */
const WebUrl = v.pipe(
  v.string(),
  v.url(),
  v.check((url) => /^https?:\/\//i.test(url), 'a source must be an http(s) URL'),
);

/** Data ends up as text in cards and popups; markup in it is a sign of a poisoned file. */
const PlainText = v.pipe(
  Text,
  v.check((s) => !/[<>]/.test(s), 'text must not contain markup characters < or >'),
);

export const SourceSchema = v.object({
  url: WebUrl,
  /** Who published it, for display ("Los Angeles Times"); the URL's host when the research gave none. */
  outlet: PlainText,
  /** An established news outlet (not a content farm or aggregator). */
  established: v.optional(v.boolean()),
  /** A copy or rewrite of another outlet's story; the URL is the copy's. */
  secondHand: v.optional(v.boolean()),
  /** The report's own wording says "signed" or "signatories". */
  saysSigned: v.optional(v.boolean()),
  date: v.optional(PlainText),
});

export const StatusSchema = v.picklist(['signed', 'organiser', 'actor', 'unconfirmed']);

export const EntitySchema = v.pipe(
  v.object({
    /** Stable, URL-safe id ("paul-mccartney"). */
    id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lower-case slugs')),
    kind: v.picklist(['person', 'organisation']),
    name: PlainText,
    /** Other spellings and scripts seen in coverage; never a bare surname (see the check below). */
    aliases: v.array(PlainText),
    /**
     * signed: named as a signatory by at least one report; organiser: organised and signed;
     * actor: in the debate, not reported as a signatory; unconfirmed: a claim we could not confirm.
     */
    status: StatusSchema,
    /** Who they are ("director", "OpenAI chief global affairs officer"). */
    role: v.nullable(PlainText),
    /** Their part in the debate (actors) or the claim made about them (unconfirmed). */
    relation: v.nullable(PlainText),
    /** Caveats a reader should see next to the status. */
    note: v.nullable(PlainText),
    /** Other people share this name: a mention is theirs only on a page about AI and copyright. */
    commonName: v.boolean(),
    /**
     * How many distinct outlets name them as a signatory, a story counted once under its outlet
     * (copies of an established outlet's story included); 0 for actors and unconfirmed claims.
     */
    outlets: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Further copies of the story on sites that are not established outlets (content farms). */
    copies: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Best first: established originals, other originals, established copies, other copies. */
    sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'every entity needs at least one source')),
  }),
  v.check(
    (e) => e.kind !== 'person' || e.aliases.every((alias) => !isBareSurname(alias)),
    'a person alias must not be a bare surname: surnames are matched only as follow-ups to a full name',
  ),
  v.check(
    (e) => (e.status === 'signed' || e.status === 'organiser') === e.outlets > 0,
    'signatories (and only signatories) are named by at least one outlet',
  ),
  v.check(
    (e) => e.status === 'signed' || e.status === 'organiser' || e.copies === 0,
    'only signatories have copies of reports naming them',
  ),
);

export const ParagraphSchema = v.pipe(
  v.object({
    n: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** verbatim: the whole paragraph as quoted; partial: quoted with gaps marked […]. */
    attestation: v.picklist(['verbatim', 'partial']),
    text: PlainText,
    note: v.nullable(PlainText),
    sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  }),
  v.check(
    (p) => p.attestation !== 'verbatim' || !/\[(?:…|\.\.\.)\]/.test(p.text),
    'a paragraph marked verbatim must not contain an elision […]',
  ),
);

export const SubmissionSchema = v.object({
  who: PlainText,
  date: PlainText,
  by: v.nullable(PlainText),
  position: PlainText,
  quoted: PlainText,
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
});

export const LetterSchema = v.object({
  id: Text,
  title: PlainText,
  shortTitle: PlainText,
  addressee: PlainText,
  submitted: v.pipe(v.string(), v.isoDate()),
  firstReported: v.pipe(v.string(), v.isoDate()),
  requestForInformation: v.object({
    title: PlainText,
    federalRegister: PlainText,
    runBy: PlainText,
    commentsDue: PlainText,
    underExecutiveOrder: PlainText,
    url: WebUrl,
  }),
  answers: v.array(SubmissionSchema),
  organisers: v.array(v.object({ name: PlainText, note: PlainText })),
  organisersSources: v.pipe(v.array(SourceSchema), v.minLength(1)),
  signatureCounts: v.array(
    v.object({
      date: PlainText,
      figure: PlainText,
      note: v.nullable(PlainText),
      sources: v.array(SourceSchema),
    }),
  ),
  signatoriesNamedPublicly: PlainText,
  fullTextPublishedBy: v.array(PlainText),
  paragraphOrderNote: PlainText,
  paragraphs: v.pipe(v.array(ParagraphSchema), v.minLength(1)),
  coverNote: v.object({ summary: PlainText, sources: v.array(SourceSchema) }),
  addressesTrumpByName: v.boolean(),
  addressesTrumpNote: PlainText,
});

export const InitiativeSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
  name: PlainText,
  date: PlainText,
  organiser: PlainText,
  reportedCount: PlainText,
  relation: PlainText,
  /** Names reported for that initiative; being listed here says nothing about the March 2025 letter. */
  namesReported: v.array(PlainText),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1)),
});

export const TopicSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
  /** ai + copyright terms make a page about AI and copyright; letter anchors make it about this letter. */
  group: v.picklist(['ai', 'copyright', 'letter', 'otherInitiative']),
  terms: v.pipe(v.array(PlainText), v.minLength(1)),
  note: PlainText,
});

/**
 * The research's `researchNote` fields are for maintainers and must never reach a reader. The
 * objects below would silently drop an unknown key, so this looks at the input itself, at any
 * depth, and refuses a bundle (built or downloaded) that carries one.
 */
export const NO_RESEARCH_NOTE = 'a bundle must not carry researchNote (maintainers’ notes are never shown)';

export const DataBundleSchema = v.pipe(
  v.unknown(),
  v.check((input) => findKeyPath(input, 'researchNote') === null, NO_RESEARCH_NOTE),
  v.object({
    format: v.literal(DATA_FORMAT),
    /** The compilation's version ("2026.12.07"); updates must be newer. */
    version: v.pipe(v.string(), v.regex(/^\d{4}\.\d{1,2}\.\d{1,2}(?:\.\d+)?$/)),
    compiled: v.pipe(v.string(), v.isoDate()),
    method: PlainText,
    counts: v.object({
      /** How many signatories are named in the coverage (40 in dataset 2026.12.07). */
      signatoriesPublished: v.pipe(v.number(), v.integer(), v.minValue(1)),
      /** How many signed in all, as reported ("more than 400 …"). */
      signatoriesReported: PlainText,
    }),
    letter: LetterSchema,
    entities: v.array(EntitySchema),
    initiatives: v.array(InitiativeSchema),
    topics: v.array(TopicSchema),
    /** Words that mark AI-and-copyright coverage in other languages, by language code. */
    topicLanguages: v.record(v.string(), v.array(PlainText)),
  }),
  v.check((b) => findDuplicate(b.entities.map((e) => e.id)) === null, 'entity ids must be unique'),
  v.check((b) => findNameCollision(b.entities) === null, 'a name or alias must belong to one entity only'),
  v.check(
    (b) =>
      b.entities.filter((e) => e.status === 'signed' || e.status === 'organiser').length ===
      b.counts.signatoriesPublished,
    'counts.signatoriesPublished must equal the number of signatories in the data',
  ),
);

/** The path ("entities.3.researchNote") of the first `key` found at any depth of `value`, or null. */
export function findKeyPath(value: unknown, key: string, path = ''): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, item] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k === key) return here;
    const found = findKeyPath(item, key, here);
    if (found !== null) return found;
  }
  return null;
}

/**
 * A coarse identity key for a name: case, accents, punctuation and spacing do not make two
 * names different people. (The matcher's 1:1 fold is finer; this only guards the data.)
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A single Latin-script word: "Ruffalo", "Wachowski". Names in unspaced scripts (CJK) are exempt. */
export function isBareSurname(alias: string): boolean {
  const word = alias
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
  return /^[a-z]+(?:['’-][a-z]+)*$/.test(word);
}

export function findDuplicate(values: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return null;
}

/** The first name or alias claimed by two different entities, as "key: id1 / id2", or null. */
export function findNameCollision(
  entities: readonly { id: string; name: string; aliases: readonly string[] }[],
): string | null {
  const owner = new Map<string, string>();
  for (const entity of entities) {
    for (const label of [entity.name, ...entity.aliases]) {
      const key = nameKey(label);
      const previous = owner.get(key);
      if (previous !== undefined && previous !== entity.id) return `${key}: ${previous} / ${entity.id}`;
      owner.set(key, entity.id);
    }
  }
  return null;
}
