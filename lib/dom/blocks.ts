/**
 * Which block each scanned text node belongs to, by the tag rules in rules.ts (a block or break
 * element, or the root; null inside skipped content), cached per element; where one block's
 * consecutive text nodes are separated by another block; and the text-node helpers the DOM
 * scanner assembles a block's text with.
 */
import { BLOCK_TAGS, BREAK_TAGS, isSkippedElement } from './rules';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export class BlockMap {
  /** Element (or root) → the block element it belongs to, or null when its text is skipped. */
  private readonly blockOf = new Map<Node, Node | null>();

  /** A root scanned for itself: its own ancestors are not looked at. */
  addRoot(root: Node): void {
    this.blockOf.set(root, root);
  }

  /** The block element of `el`, or null when it is inside skipped content; cached per element. */
  resolve(el: Node): Node | null {
    const cached = this.blockOf.get(el);
    if (cached !== undefined) return cached;
    // Climb to the nearest cached ancestor, then assign on the way back down.
    const chain: Node[] = [];
    let n: Node | null = el;
    let base: Node | null | undefined;
    while (n !== null) {
      base = this.blockOf.get(n);
      if (base !== undefined) break;
      chain.push(n);
      n = n.parentNode;
    }
    if (base === undefined) base = null; // detached from every root we scan
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      if (base !== null && c.nodeType === ELEMENT_NODE) {
        const tag = (c as Element).localName;
        if (isSkippedElement(c as Element)) base = null;
        else if (BLOCK_TAGS.has(tag) || BREAK_TAGS.has(tag)) base = c;
      }
      this.blockOf.set(c, base);
    }
    return base;
  }

  /**
   * Is there a block boundary between two consecutive scanned text nodes of the same block?
   * Usually they are siblings or a few inline elements apart, so this walk is short.
   */
  separated(a: Text, b: Text): boolean {
    if (a.nextSibling === b) return false;
    let n: Node = a;
    for (;;) {
      let next = n.nextSibling;
      while (next === null) {
        const up = n.parentNode;
        if (up === null || this.isBoundary(up)) return true;
        n = up;
        next = n.nextSibling;
      }
      n = next;
      for (;;) {
        if (n === b) return false;
        if (n.nodeType !== ELEMENT_NODE) break;
        if (this.isBoundary(n)) return true;
        const child: Node | null = n.firstChild;
        if (child === null) break;
        n = child;
      }
    }
  }

  /** A block, break or skipped element, from the cache: an element resolves to itself or null. */
  private isBoundary(n: Node): boolean {
    const block = this.resolve(n);
    return block === n || block === null;
  }
}

/**
 * The text node before `node` in document order, inside `root`. Not TreeWalker.previousNode:
 * happy-dom's (which the command-line scanner runs on) returns null when an empty element comes
 * in between (`Ben<span><span></span></span><span><span>B</span>en Stiller</span>`), and the block
 * then started too late: "Ben Stiller" was found in "BenBen Stiller". The walk back is short (to
 * the start of the block), so a plain loop costs nothing that matters.
 */
/**
 * The text of a block around a candidate node: back to the block's first text node (read already
 * by the walk, with no candidate), then forward with a second walker to its last one. Reused.
 */
export class BlockAssembler {
  /** The block's text nodes and where each starts in `text`. */
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  text = '';
  first: Text | null = null;
  last: Text | null = null;
  /** Characters of the block before the candidate node. */
  lead = 0;
  /** Text nodes read past the walk's current node (the walk then skips them). */
  ahead = 0;
  /** Whether the block reached the walk's current node (if not, the walk reads the nodes between again). */
  reachedCurrent = false;
  private readonly before: Text[] = [];

  constructor(private readonly blocks: BlockMap) {}

  assemble(node: Text, block: Node, root: Node, aux: TreeWalker, current: Node): void {
    const blocks = this.blocks;
    const before = this.before;
    before.length = 0;
    let first = node;
    let lead = 0;
    for (let t = previousText(node, root); t !== null; t = previousText(t, root)) {
      const up = t.parentNode;
      if (up === null || blocks.resolve(up) !== block || blocks.separated(t, first)) break;
      before.push(t);
      first = t;
      lead += t.data.length;
    }
    const nodes = this.nodes;
    const starts = this.starts;
    nodes.length = 0;
    starts.length = 0;
    let text = '';
    for (let i = before.length - 1; i >= 0; i--) {
      const t = before[i]!;
      nodes.push(t);
      starts.push(text.length);
      text += t.data;
    }
    before.length = 0;
    let last = node;
    nodes.push(node);
    starts.push(text.length);
    text += node.data;
    aux.currentNode = node;
    let past = node === current;
    let ahead = 0;
    for (let next = aux.nextNode(); next !== null; next = aux.nextNode()) {
      const t = next as Text;
      const up = t.parentNode;
      if (up === null || blocks.resolve(up) !== block || blocks.separated(last, t)) break;
      nodes.push(t);
      starts.push(text.length);
      text += t.data;
      last = t;
      if (past) ahead++;
      else past = t === current;
    }
    this.text = text;
    this.first = first;
    this.last = last;
    this.lead = lead;
    this.ahead = ahead;
    this.reachedCurrent = past;
  }
}

function previousText(node: Node, root: Node): Text | null {
  let n: Node = node;
  for (;;) {
    let prev = n.previousSibling;
    if (prev === null) {
      const up = n.parentNode;
      if (up === null || up === root) return null;
      n = up;
      continue;
    }
    // The previous node in document order is the last, deepest descendant of the previous sibling.
    for (let child = prev.lastChild; child !== null; child = prev.lastChild) prev = child;
    n = prev;
    if (n.nodeType === TEXT_NODE) return n as Text;
  }
}

/**
 * Maps a block offset to a text node and offset. A start belongs to the node where the character
 * begins; an end to the node holding the last character (so ranges never end at offset 0 of the
 * next node). The last node starting at or before that character is the one holding it.
 */
export function locate(
  nodes: readonly Text[],
  starts: readonly number[],
  offset: number,
  isEnd: boolean,
): [Text, number] {
  let lo = 0;
  let hi = starts.length - 1;
  const probe = isEnd ? offset - 1 : offset;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= probe) lo = mid;
    else hi = mid - 1;
  }
  return [nodes[lo]!, offset - starts[lo]!];
}
