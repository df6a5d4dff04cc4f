/**
 * Property: on random DOM trees, the DOM adapter finds exactly what the pure core finds on the same
 * text flattened by the same block/inline rules (lib/dom/rules.ts), written here independently as
 * a plain recursive walk; each block marked as furniture or article text by the same rules (the
 * main content, landmarks, named boxes, links), computed here top-down for every block.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDom } from '../../../lib/dom/scan-dom';
import {
  furnitureFlags,
  isArticleText,
  isBoundaryElement,
  isSkippedElement,
  readLayout,
  topFlags,
} from '../../../lib/dom/rules';
import { scanBlocks } from '../../../lib/match/index';
import { realMatcher } from '../match/helpers';

type Tree = { text: string } | { tag: string; attrs?: Record<string, string>; children: Tree[] };

const FRAGMENTS = [
  'Ben',
  'Stiller',
  'Ben Stiller',
  'Mark Ruffalo',
  'Mark ',
  'Ruffalo',
  'Ruffalo’s',
  'Chris',
  ' Rock',
  'Rock',
  'rock music',
  'Ron Howard',
  'Howard',
  'Howard Stern',
  'Lilly Wachowski',
  'Lily Gladstone',
  'Wachowski',
  'Donald Trump',
  'Trump',
  'OpenAI',
  'AI',
  ' AI training ',
  'copyright',
  'fair use',
  'OSTP',
  '本·斯蒂勒',
  'PAUL MCCARTNEY',
  'Alfonso Cuaron',
  ' ',
  '\u00a0',
  ', ',
  '. ',
  'the ',
  'said',
  'and ',
  'Licensing FAQ',
  'Copyright © 2026',
  'Related: AI chatbots',
];
/** Paragraph-length prose, so that the readability-style choice of the main content has a say. */
const PROSE = [
  'Donald Trump posted eleven times overnight, and his aides said more would follow.',
  'Artists say that AI training on their books is a breach of copyright, the filing says.',
  'The council voted to rebuild the bridge before winter, after months of delays.',
];
/** Landmarks, the main content and the headline: elements the furniture rules look at. */
const SECTIONS = ['article', 'main', 'header', 'nav', 'footer', 'aside', 'h1', 'section', 'ul', 'li'];
const FURNITURE_ATTRIBUTES: Record<string, string>[] = [
  { class: 'related-stories' },
  { class: 'cookieConsent' },
  { id: 'site-footer' },
  { class: 'commentary' },
  { role: 'navigation' },
  { role: 'main' },
  { role: 'banner' },
  { href: '/story' },
];
const INLINE = ['span', 'a', 'b', 'em', 'i', 'strong', 'label', 'time'];
const BLOCK = ['p', 'div', 'li', 'td', 'h2', 'blockquote', 'section', 'button'];
const SKIP = ['script', 'textarea', 'style', 'noscript'];

const tree: fc.Arbitrary<Tree[]> = fc.letrec<{ nodes: Tree[]; node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: fc.constantFrom(...FRAGMENTS).map((text): Tree => ({ text })) },
    { weight: 4, arbitrary: fc.record({ tag: fc.constantFrom(...INLINE), children: tie('nodes') }) },
    { weight: 2, arbitrary: fc.record({ tag: fc.constantFrom(...BLOCK), children: tie('nodes') }) },
    { weight: 2, arbitrary: fc.record({ tag: fc.constantFrom(...SECTIONS), children: tie('nodes') }) },
    {
      weight: 1,
      arbitrary: fc.record({
        tag: fc.constantFrom('div', 'section', 'a', 'ul'),
        attrs: fc.constantFrom(...FURNITURE_ATTRIBUTES),
        children: tie('nodes'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...PROSE).map((text): Tree => ({ tag: 'p', children: [{ text }] })),
    },
    { weight: 1, arbitrary: fc.constant<Tree>({ tag: 'br', children: [] }) },
    // A name cut in two at a random point, the first part in its own inline element.
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'Ben Stiller',
            'Mark Ruffalo',
            'Chris Rock',
            'Donald Trump',
            'OpenAI',
            '本·斯蒂勒',
            'copyright',
          ),
          fc.nat(20),
          fc.constantFrom(...INLINE),
        )
        .map(([name, cut, tag]): Tree => {
          const at = 1 + (cut % (name.length - 1));
          return {
            tag: 'span',
            children: [{ tag, children: [{ text: name.slice(0, at) }] }, { text: name.slice(at) }],
          };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        tag: fc.constantFrom(...SKIP),
        children: fc.constantFrom(...FRAGMENTS).map((text): Tree[] => [{ text }]),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        tag: fc.constantFrom('div', 'span'),
        attrs: fc.constantFrom<Record<string, string>>(
          { contenteditable: 'true' },
          { 'data-undersigned-ui': '' },
        ),
        children: tie('nodes'),
      }),
    },
  ),
  nodes: fc.array(tie('node'), { maxLength: 8 }),
})).nodes;

function build(parent: Node, nodes: Tree[]): void {
  for (const n of nodes) {
    if ('text' in n) {
      parent.appendChild(document.createTextNode(n.text));
    } else {
      const el = document.createElement(n.tag);
      for (const [k, v] of Object.entries(n.attrs ?? {})) el.setAttribute(k, v);
      // Text inside skipped elements is set as plain children too (textContent, never markup).
      build(el, n.children);
      parent.appendChild(el);
    }
  }
}

/**
 * The reference flattening: blocks of text, split at block, break and skipped elements; each
 * block is furniture or not by the flags of the element that holds it (inline elements inside a
 * block do not change that).
 */
function flatten(root: Element): { blocks: string[]; furniture: boolean[] } {
  const blocks: string[] = [];
  const furniture: boolean[] = [];
  const layout = readLayout(root);
  let current: string | null = null;
  let currentFlags = 0;
  const close = (): void => {
    if (current !== null) {
      blocks.push(current);
      furniture.push(!isArticleText(currentFlags));
    }
    current = null;
  };
  // The flags of the scanned root, from the top of its document down.
  const above: Element[] = [];
  for (let el: Element | null = root; el !== null; el = el.parentElement) above.unshift(el);
  const rootFlags = above.reduce((flags, el) => furnitureFlags(flags, el, layout), topFlags(layout));
  const visit = (node: Node, blockFlags: number, flags: number): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        current ??= '';
        current += (child as Text).data;
        currentFlags = blockFlags;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const own = furnitureFlags(flags, el, layout);
        if (isSkippedElement(el)) {
          close();
        } else if (isBoundaryElement(el)) {
          close();
          visit(el, own, own);
          close();
        } else {
          visit(el, blockFlags, own);
        }
      }
    }
  };
  visit(root, rootFlags, rootFlags);
  close();
  return { blocks, furniture };
}

function domText(m: { startNode: Text; startOffset: number; endNode: Text; endOffset: number }): string {
  if (m.startNode === m.endNode) return m.startNode.data.slice(m.startOffset, m.endOffset);
  const range = document.createRange();
  range.setStart(m.startNode, m.startOffset);
  range.setEnd(m.endNode, m.endOffset);
  return range.toString();
}

describe('DOM adapter = core on flattened text', () => {
  it('finds the same mentions, people, topics and classification on random trees', () => {
    let mentions = 0;
    let spanningNodes = 0;
    let furnitureDecided = 0;
    fc.assert(
      fc.property(tree, (nodes) => {
        const root = document.createElement('div');
        build(root, nodes);
        document.body.replaceChildren(root);
        const dom = scanDom(root, realMatcher);
        const { blocks, furniture } = flatten(root);
        const core = scanBlocks(blocks, realMatcher, furniture);
        if (scanBlocks(blocks, realMatcher).classification.aiCopyright !== core.classification.aiCopyright)
          furnitureDecided++;
        expect(dom.mentions.map((m) => [domText(m), m.ref.id, m.match])).toEqual(
          core.mentions.map((m) => [blocks[m.block]!.slice(m.start, m.end), m.ref.id, m.match]),
        );
        expect(dom.people).toEqual(core.people);
        expect(dom.topics).toEqual(core.topics);
        expect(dom.classification).toEqual(core.classification);
        mentions += dom.mentions.length;
        spanningNodes += dom.mentions.filter((m) => m.startNode !== m.endNode).length;
      }),
      { numRuns: 300 },
    );
    // The generator must actually exercise matching, including names split across nodes.
    expect(mentions).toBeGreaterThan(100);
    expect(spanningNodes).toBeGreaterThan(5);
    // And the furniture rules must decide some pages' classification.
    expect(furnitureDecided).toBeGreaterThan(5);
  }, 120_000);
});
