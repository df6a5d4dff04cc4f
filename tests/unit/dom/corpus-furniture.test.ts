/**
 * Page furniture on real pages: on every page of the news corpus, a sentence about AI and
 * copyright planted in the footer, the navigation or an aside does not make the page about AI and
 * copyright; planted in the headline, it does (the headline is article text wherever it sits).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { scanDom } from '../../../lib/dom/scan-dom';
import { realMatcher } from '../match/helpers';

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/news');
const pages = readdirSync(corpus)
  .filter((f) => f.endsWith('.html'))
  .sort();

const SENTENCE = 'Artists say AI companies broke copyright law.';

const PLACES: [string, string][] = [
  ['footer', 'footer,[role=contentinfo]'],
  ['navigation', 'nav,[role=navigation]'],
  ['aside', 'aside,[role=complementary]'],
];

describe('furniture on the corpus pages', () => {
  it('has the corpus', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
  });

  it('never classifies a page by a sentence planted in its footer, navigation or aside', async () => {
    let planted = 0;
    let headlines = 0;
    for (const file of pages) {
      const window = new Window({
        url: 'https://corpus.invalid/',
        settings: { disableJavaScriptFileLoading: true, disableIframePageLoading: true },
      });
      try {
        const doc = new window.DOMParser().parseFromString(
          readFileSync(resolve(corpus, file), 'utf8'),
          'text/html',
        );
        const body = doc.body as unknown as HTMLElement;
        const aiCopyright = (): boolean => scanDom(body, realMatcher).classification.aiCopyright;
        expect(aiCopyright(), file).toBe(false);
        for (const [place, selector] of PLACES) {
          const boxes = body.querySelectorAll(selector);
          const box = boxes[boxes.length - 1];
          if (box === undefined) continue;
          const p = box.appendChild(doc.createElement('p') as unknown as HTMLElement);
          p.textContent = SENTENCE;
          expect(aiCopyright(), `${file}: ${place}`).toBe(false);
          p.remove();
          planted++;
        }
        const h1 = body.querySelector('h1');
        if (h1 !== null && h1.closest('nav,aside,footer') === null) {
          const added = h1.appendChild(doc.createTextNode(` ${SENTENCE}`) as unknown as Text);
          expect(aiCopyright(), `${file}: headline`).toBe(true);
          added.remove();
          headlines++;
        }
      } finally {
        await window.happyDOM.close();
      }
    }
    expect(planted).toBeGreaterThan(60);
    expect(headlines).toBeGreaterThan(35);
  }, 120_000);
});
