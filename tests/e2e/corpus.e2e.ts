/**
 * Real news pages from the shared corpus, in both browsers: the extension finds what the engine's
 * golden expectations say (none of these pages is about AI and copyright, so: no marks at all),
 * leaves each page's DOM exactly as it was, and logs no error of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { defineE2E } from './harness';
import { repoRoot } from './support/paths';

interface Golden {
  classification: { aiCopyright: boolean; letter: boolean; otherInitiative: boolean };
  people: { id: string; mentions: number }[];
}

const golden = (name: string): Golden =>
  JSON.parse(readFileSync(path.join(repoRoot, 'tests/fixtures/expected', `${name}.json`), 'utf8')) as Golden;

const pages: { file: string; expected: Golden }[] = [
  { file: 'cnn.html', expected: golden('corpus-cnn') },
  { file: 'theverge.html', expected: golden('corpus-theverge') },
  { file: 'qq.html', expected: golden('corpus-qq') },
  { file: 'wikipedia.html', expected: golden('corpus-wikipedia') },
  {
    file: 'nytimes-1.html',
    expected: { classification: { aiCopyright: false, letter: false, otherInitiative: false }, people: [] },
  },
];

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
