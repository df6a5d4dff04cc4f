/**
 * Real news pages from the shared corpus, in both browsers: none of them is about AI and copyright
 * (the engine's golden cases in tests/fixtures stand in for four of them), so the extension reports
 * no one and marks nothing, leaves each page's DOM exactly as it was, and logs no error of its own.
 */
import { expect } from 'vitest';
import { defineE2E } from './harness';

const NOTHING = {
  classification: { aiCopyright: false, letter: false, otherInitiative: false },
  people: [] as { id: string; mentions: number }[],
};

const pages = ['cnn.html', 'theverge.html', 'qq.html', 'wikipedia.html', 'nytimes-1.html'].map((file) => ({
  file,
  expected: NOTHING,
}));

/** Errors that are the extension's own, not the page's (its blocked images, its missing scripts). */
const isOurs = (entry: { source: string; text: string }) =>
  /extension:\/\/|undersigned/i.test(`${entry.source} ${entry.text}`);

for (const { file, expected } of pages) {
  defineE2E(`corpus page ${file}: expected report, no marks, DOM unchanged`, async (t) => {
    const page = await t.open(`/shared/corpus/news/${file}`, {
      beforeNavigate: (p) =>
        p.evaluateOnNewDocument(() => {
          document.addEventListener('DOMContentLoaded', () => {
            (window as unknown as { __before: string }).__before = document.documentElement.outerHTML;
          });
        }),
    });
    const report = await t.waitForTabReport(page);
    expect(report.people).toEqual(expected.people);
    expect(report.classification).toEqual(expected.classification);

    const ours = await page.evaluate(() => {
      const names: string[] = [];
      CSS.highlights.forEach((_highlight, name) => {
        if (name.startsWith('undersigned-')) names.push(name);
      });
      return names;
    });
    expect(ours).toEqual([]);

    const [before, after] = await page.evaluate(() => {
      const clone = document.documentElement.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-undersigned-ui]').forEach((element) => element.remove());
      return [(window as unknown as { __before: string }).__before, clone.outerHTML];
    });
    expect(after).toBe(before);
    expect((await t.consoleErrors()).filter(isOurs)).toEqual([]);
  });
}
