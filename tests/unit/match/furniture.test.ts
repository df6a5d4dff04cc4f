/**
 * Page furniture in the core: blocks the DOM adapter marks as not the article (navigation,
 * footers, related-story lists…; lib/dom/rules.ts) still report their mentions, but are no
 * evidence of what the page is about.
 */
import { describe, expect, it } from 'vitest';
import { beginScan, finishScan, scanBlocks, scanJoined } from '../../../lib/match/index';
import { realMatcher } from './helpers';

const scan = (blocks: string[], furniture?: boolean[]) => scanBlocks(blocks, realMatcher, furniture);

describe('furniture blocks', () => {
  it('do not make a page about AI and copyright: a related-story link and a footer', () => {
    const page = [
      'Donald Trump posted again overnight about the election.',
      'Related: Why AI chatbots keep getting the news wrong',
      'Licensing FAQ',
    ];
    expect(scan(page).classification.aiCopyright).toBe(true);
    expect(scan(page, [false, true, true]).classification.aiCopyright).toBe(false);
    // One piece of evidence in the article is not enough either: both must be there.
    expect(scan(page, [false, false, true]).classification.aiCopyright).toBe(false);
    expect(scan(page, [false, true, false]).classification.aiCopyright).toBe(false);
  });

  it('still count where the article itself has the evidence', () => {
    const page = ['Menu: AI · Copyright · Politics', 'AI companies want a fair use exception.'];
    expect(scan(page, [true, false]).classification.aiCopyright).toBe(true);
  });

  it('report their mentions and topics, and a signatory is marked wherever it is', () => {
    const page = ['A story about housing.', 'More stories: Mark Ruffalo on AI and copyright'];
    const result = scan(page, [false, true]);
    expect(result.classification).toEqual({ aiCopyright: false, letter: false, otherInitiative: false });
    expect(result.people).toEqual([{ id: 'mark-ruffalo', mentions: 1 }]);
    expect(result.mentions.map((m) => [m.block, m.ref.id])).toEqual([
      [1, 'mark-ruffalo'],
      [1, 'ai'],
      [1, 'copyright'],
    ]);
    expect(result.topics).toEqual([
      { id: 'ai', mentions: 1 },
      { id: 'copyright', mentions: 1 },
    ]);
  });

  it('do not wake the actors: OpenAI in a footer stays a term on an ordinary page', () => {
    const page = ['A story about housing.', 'Partners: OpenAI · Copyright policy'];
    expect(scan(page).mentions.map((m) => m.ref.id)).toContain('openai');
    const result = scan(page, [false, true]);
    expect(result.mentions.map((m) => m.ref.id)).not.toContain('openai');
    expect(result.mentions.map((m) => m.ref.id)).toContain('ai');
  });

  it('do not make the letter or another initiative: their anchors need article evidence', () => {
    const article = 'AI companies want a fair use exception.';
    const letter = 'The OSTP asked for comments on the AI Action Plan.';
    const other = 'The Human Artistry Campaign responded.';
    expect(scan([article, letter, other]).classification).toEqual({
      aiCopyright: true,
      letter: true,
      otherInitiative: true,
    });
    expect(scan([article, letter, other], [false, true, true]).classification).toEqual({
      aiCopyright: true,
      letter: false,
      otherInitiative: false,
    });
  });

  it('still count in the distance between two article terms (the window is page text)', () => {
    const filler = 'Sign up for our newsletter to get the best stories every morning. '.repeat(16);
    expect(filler.length).toBeGreaterThan(1000);
    const page = ['A pocket AI companion.', filler, 'Licensing deals with publishers.'];
    expect(scan(page, [false, false, false]).classification.aiCopyright).toBe(false);
    expect(scan(page, [false, true, false]).classification.aiCopyright).toBe(false);
    expect(
      scan(['A pocket AI companion.', 'Licensing deals with publishers.']).classification.aiCopyright,
    ).toBe(true);
  });

  it('are the same whether the blocks are scanned in one batch or one by one', () => {
    const page = ['AI news.', 'Footer: copyright policy', 'More AI.'];
    const flags = [false, true, false];
    const whole = scan(page, flags);
    expect(whole.classification.aiCopyright).toBe(false);
    expect(whole.topics).toEqual([
      { id: 'ai', mentions: 2 },
      { id: 'copyright', mentions: 1 },
    ]);
    const doc = beginScan(realMatcher);
    page.forEach((text, i) => scanJoined(doc, text, [0], 1, doc.chars, [flags[i]!]));
    expect(finishScan(doc)).toEqual(whole);
  });
});
