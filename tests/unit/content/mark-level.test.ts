/**
 * The annotator under each mark level (happy-dom, with the Highlight API stand-in): the report is
 * exactly what is marked, a level change repaints without a reload, and a single-outlet signatory
 * is drawn in its own category.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Matcher } from '../../../lib/match';
import type { MarkLevel } from '../../../lib/settings/settings';
import { annotatorOn, marks, shippedMatcher as compiled, useHighlightStandIn } from '../support/annotator';
import { installMessages } from '../card/messages';

useHighlightStandIn();

const AI_PAGE =
  '<article><h1>Hollywood, AI and copyright</h1>' +
  '<p>Ben Stiller signed the letter against AI training on copyrighted work without a licence.</p>' +
  '<p>OpenAI said fair use covers AI training. Stiller disagreed about fair use and copyright.</p>' +
  '<p>OpenAI and the copyright owners argue about licensing and training data.</p></article>';

const PLAIN_PAGE =
  '<article><h1>Box office weekend</h1><p>Ben Stiller opened a comedy this weekend.</p>' +
  '<p>The studio said the film is protected by copyright and available under licence.</p></article>';

const setup = (html: string, markLevel: MarkLevel, matcher: Matcher = compiled) =>
  annotatorOn(html, { markLevel, matcher });

const byCategory = (category: string) => marks().filter((m) => m.category === category);
const sum = (list: { mentions: number }[]) => list.reduce((n, x) => n + x.mentions, 0);

beforeEach(() => installMessages());
afterEach(() => document.body.replaceChildren());

describe('mark levels in the annotator', () => {
  it('by default marks people and organisations, and each topic once, and reports just that', async () => {
    const { annotator, controller, reports } = setup(AI_PAGE, 'people-organisations');
    await annotator.start();
    const report = reports.at(-1)!;
    expect(report.classification.aiCopyright).toBe(true);
    const topicMarks = byCategory('topic');
    expect(topicMarks.length).toBeGreaterThan(0);
    // One mark per topic: no topic is marked twice.
    expect(topicMarks.length).toBe(report.topics.length);
    expect(report.topics.every((topic) => topic.mentions === 1)).toBe(true);
    expect(byCategory('actor').map((m) => m.text)).toEqual(['OpenAI', 'OpenAI']);
    // The report counts the marks, nothing more.
    expect(sum(report.people) + sum(report.topics)).toBe(marks().length);
    expect(report.people).toEqual(
      expect.arrayContaining([
        { id: 'ben-stiller', mentions: 2 },
        { id: 'openai', mentions: 2 },
      ]),
    );
    controller.abort();
  });

  it('marks every topic mention on "everything"', async () => {
    const { annotator, controller, reports } = setup(AI_PAGE, 'everything');
    await annotator.start();
    const report = reports.at(-1)!;
    expect(report.topics.some((topic) => topic.mentions > 1)).toBe(true);
    expect(byCategory('topic').length).toBe(sum(report.topics));
    controller.abort();
  });

  it('repaints at once when the level changes, and reports what is left', async () => {
    const { annotator, controller, reports } = setup(AI_PAGE, 'everything');
    await annotator.start();
    annotator.setMarkLevel('people');
    await vi.waitFor(() => expect(byCategory('topic')).toEqual([]));
    expect(byCategory('actor')).toEqual([]);
    expect(byCategory('signed').map((m) => m.text)).toEqual(['Ben Stiller', 'Stiller']);
    const report = reports.at(-1)!;
    expect(report.people).toEqual([{ id: 'ben-stiller', mentions: 2 }]);
    expect(report.topics).toEqual([]);
    expect(report.unmarked?.hiddenByLevel).toBeGreaterThan(1);
    expect(await annotator.currentReport()).toEqual(report);

    annotator.setMarkLevel('people-organisations');
    await vi.waitFor(() => expect(byCategory('actor').length).toBe(2));
    controller.abort();
  });

  it('on a page not about AI and copyright marks no topic and says topics were found', async () => {
    const { annotator, controller, reports } = setup(PLAIN_PAGE, 'everything');
    await annotator.start();
    const report = reports.at(-1)!;
    expect(report.classification.aiCopyright).toBe(false);
    expect(byCategory('topic')).toEqual([]);
    expect(report.topics).toEqual([]);
    expect(report.unmarked?.topicsOffPage).toBeGreaterThan(0);
    controller.abort();
  });

  it('draws a single-outlet signatory in a category of its own', async () => {
    const matcher: Matcher = {
      ...compiled,
      entities: compiled.entities.map((e) => (e.id === 'ben-stiller' ? { ...e, singleOutlet: true } : e)),
    };
    const { annotator, controller } = setup(AI_PAGE, 'people', matcher);
    await annotator.start();
    expect(byCategory('signedSingle').map((m) => m.text)).toEqual(['Ben Stiller', 'Stiller']);
    expect(byCategory('signed')).toEqual([]);
    controller.abort();
  });
});
