/**
 * The annotator's life on a page (happy-dom, with the Highlight API stand-in): it reports what it
 * found, marks it, follows DOM changes, honours "first mention only", and its teardown leaves the
 * page exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { annotatorOn, marks, registeredNames, useHighlightStandIn } from '../support/annotator';
import { installMessages } from '../card/messages';

useHighlightStandIn();

const ARTICLE =
  '<article><h1>Hollywood and AI</h1>' +
  '<p>Ben Stiller and Cate Blanchett signed the letter on AI training and copyright.</p>' +
  '<p>Later, Blanchett spoke about fair use.</p></article>';

const setup = (firstMentionOnly = false) => annotatorOn(ARTICLE, { firstMentionOnly });

const marked = () => marks().map((m) => m.text);

// The once-per-page screen-reader announcement reads its words from _locales.
beforeEach(() => installMessages());

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('Annotator', () => {
  it('reports and marks the people and topics of an AI-and-copyright page', async () => {
    const { annotator, controller, reports } = setup();
    await annotator.start();
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.people).toEqual(
      expect.arrayContaining([
        { id: 'ben-stiller', mentions: 1 },
        { id: 'cate-blanchett', mentions: 2 },
      ]),
    );
    expect(report.classification.aiCopyright).toBe(true);
    expect(marked()).toEqual(
      expect.arrayContaining(['Ben Stiller', 'Cate Blanchett', 'Blanchett', 'fair use']),
    );
    expect(await annotator.currentReport()).toEqual(report);
    controller.abort();
  });

  it('marks only first mentions when asked, and follows the setting when it changes', async () => {
    const { annotator, controller } = setup(true);
    await annotator.start();
    expect(marked().filter((t) => t?.includes('Blanchett'))).toEqual(['Cate Blanchett']);
    annotator.setFirstMentionOnly(false);
    await vi.waitFor(() =>
      expect(marked().filter((t) => t?.includes('Blanchett'))).toEqual(['Cate Blanchett', 'Blanchett']),
    );
    controller.abort();
  });

  it('rescans after the page changes, without reacting to its own marks', async () => {
    const { annotator, controller, reports } = setup();
    await annotator.start();
    const p = document.createElement('p');
    p.textContent = 'Taika Waititi joined them.';
    document.querySelector('article')!.append(p);
    await vi.waitFor(() => expect(reports.at(-1)?.people.map((x) => x.id)).toContain('taika-waititi'), {
      timeout: 3000,
    });
    const count = reports.length;
    // Our own repaint after that rescan must not trigger another one.
    await new Promise((r) => setTimeout(r, 600));
    expect(reports.length).toBe(count);
    controller.abort();
  });

  it('tears everything down with the lifetime signal, leaving the page as it was', async () => {
    const { annotator, controller, reports } = setup();
    const before = document.body.innerHTML;
    await annotator.start();
    expect(marked().length).toBeGreaterThan(0);
    controller.abort();
    expect(document.body.innerHTML).toBe(before);
    expect(registeredNames()).toEqual([]);
    // No observer is left: later changes are not scanned.
    document.querySelector('article')!.append('Taika Waititi');
    await new Promise((r) => setTimeout(r, 600));
    expect(reports).toHaveLength(1);
  });
});
