/**
 * What is marked, as one pure rule: people always; organisations unless "people only"; topics only
 * on AI-and-copyright pages, at their first mention by default and at every one on "everything";
 * a single-outlet signatory has a category of its own.
 */
import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  countMarked,
  selectMarks,
  type EntityFacts,
  type MarkPolicy,
} from '../../../lib/content/categories';
import type { MentionRef } from '../../../lib/match';

const FACTS: Record<string, EntityFacts> = {
  'ben-stiller': { kind: 'person', status: 'signed', singleOutlet: false },
  'lone-signer': { kind: 'person', status: 'signed', singleOutlet: true },
  'natasha-lyonne': { kind: 'person', status: 'organiser' },
  'donald-trump': { kind: 'person', status: 'actor' },
  openai: { kind: 'organisation', status: 'actor' },
};
const entityOf = (id: string) => FACTS[id];

const m = (kind: MentionRef['kind'], id: string, at: number) => ({ ref: { kind, id }, at });

/** A page: Stiller ×2, OpenAI ×2, "licensing" ×3, "fair use" ×1, one unknown id. */
const PAGE = [
  m('entity', 'ben-stiller', 0),
  m('topic', 'licensing', 1),
  m('entity', 'openai', 2),
  m('topic', 'licensing', 3),
  m('topic', 'fair-use', 4),
  m('entity', 'ben-stiller', 5),
  m('entity', 'openai', 6),
  m('topic', 'licensing', 7),
  m('entity', 'nobody-known', 8),
];

const policy = (over: Partial<MarkPolicy>): MarkPolicy => ({
  level: 'people-organisations',
  aiCopyright: true,
  firstMentionOnly: false,
  ...over,
});
const markedAt = (p: MarkPolicy) => selectMarks(PAGE, p, entityOf).marked.map((x) => x.mention.at);

describe('selectMarks', () => {
  it('by default marks people and organisations at every mention, topics at their first', () => {
    const selection = selectMarks(PAGE, policy({}), entityOf);
    expect(selection.marked.map((x) => x.mention.at)).toEqual([0, 1, 2, 4, 5, 6]);
    expect(selection.marked.map((x) => x.category)).toEqual([
      'signed',
      'topic',
      'actor',
      'topic',
      'signed',
      'actor',
    ]);
    expect(selection).toMatchObject({ topicsOffPage: 0, hiddenByLevel: 0 });
  });

  it('marks every topic mention on "everything"', () => {
    expect(markedAt(policy({ level: 'everything' }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('marks only people on "people", and counts what the level leaves out', () => {
    const selection = selectMarks(PAGE, policy({ level: 'people' }), entityOf);
    expect(selection.marked.map((x) => x.mention.at)).toEqual([0, 5]);
    // OpenAI, licensing and fair use: three distinct ids.
    expect(selection.hiddenByLevel).toBe(3);
  });

  it('never marks topics on a page not about AI and copyright, whatever the level', () => {
    for (const level of ['people', 'people-organisations', 'everything'] as const) {
      const selection = selectMarks(PAGE, policy({ level, aiCopyright: false }), entityOf);
      expect(
        selection.marked.every((x) => x.mention.ref.kind === 'entity'),
        level,
      ).toBe(true);
      expect(selection.topicsOffPage, level).toBe(2);
    }
  });

  it('applies "first mention only" to people and organisations', () => {
    expect(markedAt(policy({ firstMentionOnly: true }))).toEqual([0, 1, 2, 4]);
  });

  it('skips ids it has no facts for', () => {
    expect(markedAt(policy({ level: 'everything' }))).not.toContain(8);
  });
});

describe('categoryOf', () => {
  it('gives a single-outlet signatory a category of its own, and nobody else', () => {
    expect(categoryOf({ kind: 'person', status: 'signed', singleOutlet: true })).toBe('signedSingle');
    expect(categoryOf({ kind: 'person', status: 'signed', singleOutlet: false })).toBe('signed');
    expect(categoryOf({ kind: 'person', status: 'signed' })).toBe('signed');
    expect(categoryOf({ kind: 'person', status: 'unconfirmed', singleOutlet: true })).toBe('unconfirmed');
    expect(categoryOf({ kind: 'person', status: 'actor', singleOutlet: true })).toBe('actor');
  });
});

describe('countMarked', () => {
  it('lists in the engine’s order when given one', () => {
    const { marked } = selectMarks(PAGE, policy({}), entityOf);
    const counted = countMarked(marked, {
      people: [{ id: 'openai' }, { id: 'ben-stiller' }],
      topics: [{ id: 'fair-use' }, { id: 'licensing' }],
    });
    expect(counted.people.map((p) => p.id)).toEqual(['openai', 'ben-stiller']);
    expect(counted.topics.map((p) => p.id)).toEqual(['fair-use', 'licensing']);
  });

  it('counts the marks of each person and topic, which is what the report says', () => {
    const { marked } = selectMarks(PAGE, policy({}), entityOf);
    expect(countMarked(marked)).toEqual({
      people: [
        { id: 'ben-stiller', mentions: 2 },
        { id: 'openai', mentions: 2 },
      ],
      topics: [
        { id: 'licensing', mentions: 1 },
        { id: 'fair-use', mentions: 1 },
      ],
    });
  });
});
