/**
 * Page furniture in both browsers: an article about Trump's posts whose related-story list says
 * "AI" and whose footer says "Licensing FAQ" is not about AI and copyright (no Trump marks, no
 * badge); neither is a tech portal whose footer says "published under license"; a real
 * AI-and-copyright article is, and a signatory named only in its "More stories" list is marked.
 */
import { expect } from 'vitest';
import { badgeText, markedTexts } from './support/page';
import { defineE2E } from './harness';

for (const [file, what] of [
  [
    'boilerplate-trump-posts',
    'an article about Trump’s posts with AI in a related link and a licensing footer',
  ],
  ['boilerplate-japanese-portal', 'a tech portal whose footer says "published under license"'],
] as const) {
  defineE2E(`${what} is not about AI and copyright`, async (t) => {
    const page = await t.open(`/fixtures/${file}.html`);
    const report = await t.waitForTabReport(page);
    expect(report.classification.aiCopyright).toBe(false);
    expect(report.people).toEqual([]);
    expect(await markedTexts(page)).toEqual([]);
    expect(await badgeText(t, await t.tabIdOf(page))).toBe('');
  });
}

defineE2E(
  'an AI-and-copyright article is classified by its text; furniture’s signatory is marked',
  async (t) => {
    const page = await t.open('/fixtures/ai-copyright-article.html');
    const report = await t.waitForTabReport(page);
    expect(report.classification.aiCopyright).toBe(true);
    expect(report.people.map((p) => p.id)).toEqual(
      expect.arrayContaining(['mark-ruffalo', 'cate-blanchett', 'ben-stiller']),
    );
    const marked = await t.poll('the marks', async () => {
      const texts = await markedTexts(page);
      return texts.some((m) => m.endsWith(':Ben Stiller')) ? texts : undefined;
    });
    expect(marked.some((m) => m.endsWith(':Mark Ruffalo'))).toBe(true);
  },
);
