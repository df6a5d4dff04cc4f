/**
 * The toolbar badge is the number of signatories marked on the page: organisers and single-outlet
 * signatories count, the debate's other people and organisations do not, and what the mark level
 * leaves unmarked is not counted.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import bundle from '../../../assets/data/bundle.json';
import { badgeFor } from '../../../lib/background/badge';
import type { Status } from '../../../lib/data/model';
import type { PageReport } from '../../../lib/messaging/protocol';
import type { MarkLevel } from '../../../lib/settings/settings';
import { installMessages } from '../card/messages';
import { annotatorOn, marks, useHighlightStandIn } from '../support/annotator';

useHighlightStandIn();

const statuses = new Map<string, Status>(
  (bundle as { entities: { id: string; status: Status }[] }).entities.map((e) => [e.id, e.status]),
);
const statusOf = (id: string) => statuses.get(id);

function report(people: string[]): PageReport {
  return {
    url: 'https://news.example/a',
    title: 'A',
    people: people.map((id) => ({ id, mentions: 1 })),
    topics: [],
    classification: { aiCopyright: true, letter: true, otherInitiative: false },
  };
}

beforeEach(() => installMessages());

describe('badgeFor', () => {
  it('counts signatories and organisers only', () => {
    const badge = badgeFor(report(['ben-stiller', 'natasha-lyonne', 'donald-trump', 'openai']), statusOf);
    expect(badge.text).toBe('2');
    expect(badge.title).toMatch(/2/);
  });

  it('shows no number when no signatory is marked, and says who else is', () => {
    const badge = badgeFor(report(['donald-trump', 'openai']), statusOf);
    expect(badge.text).toBe('');
    expect(badge.title).toMatch(/2/);
    expect(badgeFor(null, statusOf).text).toBe('');
  });
});

const PAGE =
  '<article><h1>AI, copyright and Hollywood</h1>' +
  '<p>Ben Stiller and Cate Blanchett signed the letter on AI training and copyright.</p>' +
  '<p>Natasha Lyonne organised it; Donald Trump and OpenAI were its addressees and opponents.</p>' +
  '<p>Later, Blanchett spoke about fair use and licensing.</p></article>';

async function annotate(markLevel: MarkLevel): Promise<{ shown: PageReport; signatoryMarks: number }> {
  const { annotator, controller, reports } = annotatorOn(PAGE, { markLevel });
  await annotator.start();
  const signatoryMarks = marks().filter((m) =>
    ['signed', 'signedSingle', 'organiser'].includes(m.category),
  ).length;
  controller.abort();
  return { shown: reports.at(-1)!, signatoryMarks };
}

describe('the badge of an annotated page', () => {
  it('equals the number of distinct signatories marked, at every level', async () => {
    for (const level of ['people', 'people-organisations', 'everything'] as const) {
      document.body.replaceChildren();
      const { shown, signatoryMarks } = await annotate(level);
      const signatories = shown.people.filter((p) => ['signed', 'organiser'].includes(statusOf(p.id)!));
      // Every signatory the report names is marked on the page as often as it says.
      expect(
        signatories.reduce((n, p) => n + p.mentions, 0),
        level,
      ).toBe(signatoryMarks);
      expect(signatories.map((p) => p.id).sort(), level).toEqual([
        'ben-stiller',
        'cate-blanchett',
        'natasha-lyonne',
      ]);
      expect(badgeFor(shown, statusOf).text, level).toBe('3');
      const hasOpenAi = shown.people.some((p) => p.id === 'openai');
      expect(hasOpenAi, level).toBe(level !== 'people');
    }
  });
});
