/**
 * Property: on random DOM trees, the DOM adapter finds exactly what the pure core finds on the same
 * text flattened by the same block/inline rules (lib/dom/rules.ts), written here independently as
 * a plain recursive walk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDom } from '../../../lib/dom/scan-dom';
import { isBoundaryElement, isSkippedElement } from '../../../lib/dom/rules';
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

/** The reference flattening: blocks of text, split at block, break and skipped elements. */
function flatten(root: Node): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  const close = (): void => {
    if (current !== null) blocks.push(current);
    current = null;
  };
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        current = (current ?? '') + (child as Text).data;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (isSkippedElement(el)) {
          close();
        } else if (isBoundaryElement(el)) {
          close();
          visit(el);
          close();
        } else {
          visit(el);
        }
      }
    }
  };
  visit(root);
  close();
  return blocks;
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
    fc.assert(
      fc.property(tree, (nodes) => {
        const root = document.createElement('div');
        build(root, nodes);
        document.body.replaceChildren(root);
        const dom = scanDom(root, realMatcher);
        const blocks = flatten(root);
        const core = scanBlocks(blocks, realMatcher);
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
  }, 120_000);
});
