/**
 * What is marked and how it is drawn, decided in one pure function so the marks, the badge, the
 * popup's roster, the export and the history all count the same things.
 */
import type { Status } from '../data/model';
import type { MentionRef } from '../match';
import type { MarkLevel } from '../settings/settings';

/**
 * People by their status, topics alike. 'signedSingle' is a signatory named by one outlet only: a
 * lone report is weaker evidence, and its mark must not look like one named by sixty.
 */
export type MarkCategory = Status | 'signedSingle' | 'topic';

export const MARK_CATEGORIES: readonly MarkCategory[] = [
  'signed',
  'signedSingle',
  'organiser',
  'actor',
  'unconfirmed',
  'topic',
];

/** What the content script knows about an entity from the compiled matcher. */
export interface EntityFacts {
  kind: 'person' | 'organisation';
  status: Status;
  /** Named as a signatory by one outlet only (the compiled matcher's `singleOutlet`). */
  singleOutlet?: boolean;
}

export interface MarkPolicy {
  level: MarkLevel;
  /** The page is about AI and copyright: topics may be marked at all. */
  aiCopyright: boolean;
  /** The reader's "first mention of each person only". */
  firstMentionOnly: boolean;
}

export interface MarkSelection<M> {
  marked: { mention: M; category: MarkCategory }[];
  /** Distinct topics found on a page not about AI and copyright (never marked there). */
  topicsOffPage: number;
  /** Distinct organisations and topics the mark level leaves out. */
  hiddenByLevel: number;
}

export function categoryOf(facts: EntityFacts): MarkCategory {
  // Only a plain 'signed' has a weaker single-outlet form: organisers are named by the letter's
  // own organisers' statements, and actors or unconfirmed claims are not "signed" at all.
  return facts.status === 'signed' && facts.singleOutlet ? 'signedSingle' : facts.status;
}

/**
 * The mentions to mark, in page order, with their category. People are always marked;
 * organisations unless the level is "people"; topics only on AI-and-copyright pages, at their
 * first mention by default, at every mention on "everything", never on "people".
 */
export function selectMarks<M extends { ref: MentionRef }>(
  mentions: readonly M[],
  policy: MarkPolicy,
  entityOf: (id: string) => EntityFacts | undefined,
): MarkSelection<M> {
  const marked: MarkSelection<M>['marked'] = [];
  const seen = new Set<string>();
  const offPage = new Set<string>();
  const hidden = new Set<string>();
  for (const mention of mentions) {
    const { kind, id } = mention.ref;
    const key = `${kind}:${id}`;
    let category: MarkCategory;
    let onlyFirst: boolean;
    if (kind === 'topic') {
      if (!policy.aiCopyright) {
        offPage.add(id);
        continue;
      }
      if (policy.level === 'people') {
        hidden.add(key);
        continue;
      }
      category = 'topic';
      onlyFirst = policy.level !== 'everything';
    } else {
      const facts = entityOf(id);
      if (!facts) continue;
      if (facts.kind === 'organisation' && policy.level === 'people') {
        hidden.add(key);
        continue;
      }
      category = categoryOf(facts);
      onlyFirst = policy.firstMentionOnly;
    }
    if (onlyFirst && seen.has(key)) continue;
    seen.add(key);
    marked.push({ mention, category });
  }
  return { marked, topicsOffPage: offPage.size, hiddenByLevel: hidden.size };
}

/**
 * How many times each person and topic is marked: what the report says the page shows. Listed in
 * `order`'s order when given (the engine's: most mentioned first), else in page order.
 */
export function countMarked<M extends { ref: MentionRef }>(
  marked: MarkSelection<M>['marked'],
  order?: { people: readonly { id: string }[]; topics: readonly { id: string }[] },
): { people: { id: string; mentions: number }[]; topics: { id: string; mentions: number }[] } {
  const people = new Map<string, number>();
  const topics = new Map<string, number>();
  for (const { mention } of marked) {
    const counts = mention.ref.kind === 'topic' ? topics : people;
    counts.set(mention.ref.id, (counts.get(mention.ref.id) ?? 0) + 1);
  }
  const list = (counts: Map<string, number>, ordered?: readonly { id: string }[]) => {
    const rows = [...counts].map(([id, mentions]) => ({ id, mentions }));
    if (!ordered) return rows;
    const rank = new Map(ordered.map(({ id }, i) => [id, i]));
    const at = (id: string) => rank.get(id) ?? ordered.length;
    return rows.sort((a, b) => at(a.id) - at(b.id));
  };
  return { people: list(people, order?.people), topics: list(topics, order?.topics) };
}
