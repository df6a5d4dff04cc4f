/**
 * Golden fixtures: every tests/fixtures/expected/<name>.json is one case, and its page is
 * tests/fixtures/pages/<name>.html, in the repository (each page says its licence in a comment), so
 * the cases need nothing outside it. Adding a fixture = one HTML file + one JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { scanDom } from '../../../lib/dom/scan-dom';
import { realMatcher } from './helpers';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const expectedDir = resolve(repoRoot, 'tests/fixtures/expected');

interface Expected {
  about: string;
  classification: { aiCopyright: boolean; letter: boolean; otherInitiative: boolean };
  people: { id: string; mentions: number }[];
  topics?: { id: string; mentions: number }[];
  /** Every entity mention, in page order. */
  mentions: { text: string; id: string; match: string }[];
}

const cases = readdirSync(expectedDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const expected = JSON.parse(readFileSync(resolve(expectedDir, f), 'utf8')) as Expected;
    const name = f.replace(/\.json$/, '');
    const page = resolve(repoRoot, 'tests/fixtures/pages', `${name}.html`);
    return { name, expected, page };
  });

/** Parses a saved page inertly (no scripts, no loading), as the CLI does. */
function parse(html: string): { body: HTMLElement; close: () => Promise<void> } {
  const window = new Window({
    url: 'https://fixture.invalid/',
    settings: { disableJavaScriptFileLoading: true, disableIframePageLoading: true },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return { body: doc.body as unknown as HTMLElement, close: () => window.happyDOM.close() };
}

describe('golden fixtures', () => {
  it('has the seed article and the pages that stand in for real news pages, each page present', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'seed',
        'news-off-topic',
        'chinese-ai-notices',
        'gadget-licensing-footer',
        'software-licences-no-ai',
      ]),
    );
    for (const c of cases) expect(existsSync(c.page), c.page).toBe(true);
  });

  for (const { name, expected, page } of cases) {
    it(`${name}: ${expected.about}`, async () => {
      const { body, close } = parse(readFileSync(page, 'utf8'));
      try {
        const scan = scanDom(body, realMatcher);
        const mentions = scan.mentions
          .filter((m) => m.ref.kind === 'entity')
          .map((m) => {
            const text =
              m.startNode === m.endNode
                ? m.startNode.data.slice(m.startOffset, m.endOffset)
                : m.startNode.data.slice(m.startOffset) +
                  textBetween(m.startNode, m.endNode) +
                  m.endNode.data.slice(0, m.endOffset);
            return { text: text.replace(/\s+/g, ' '), id: m.ref.id, match: m.match };
          });
        expect(mentions).toEqual(expected.mentions);
        expect(scan.people).toEqual(expected.people);
        expect(scan.classification).toEqual(expected.classification);
        if (expected.topics) expect(scan.topics).toEqual(expected.topics);
      } finally {
        await close();
      }
    }, 60_000);
  }
});

/** The text of the text nodes strictly between two text nodes, in document order. */
function textBetween(from: Text, to: Text): string {
  const walker = from.ownerDocument.createTreeWalker(from.ownerDocument.body, 4);
  walker.currentNode = from;
  let out = '';
  for (let n = walker.nextNode(); n !== null && n !== to; n = walker.nextNode()) out += (n as Text).data;
  return out;
}
