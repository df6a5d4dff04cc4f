/**
 * The DOM adapter: walks a page's text nodes (TreeWalker SHOW_TEXT, no JS filter), groups them
 * into blocks by the tag rules in rules.ts, feeds each block to the pure core, and maps the core's
 * offsets back to (Text, offset) pairs. Open shadow roots and same-origin iframes are scanned
 * after the main tree, as further blocks of the same document.
 *
 * The same scanner runs in one go (scanDom) or in time slices (scanDomSliced) with identical
 * results: it only ever stops between text nodes.
 */
import { BLOCK_SEPARATOR, beginScan, finishScan, scanJoined, type DocumentScan } from '../match/scan';
import type { Classification, TextScan } from '../match/scan';
import type { Matcher, MatchKind, MentionRef } from '../match/compile';
import { BLOCK_TAGS, BREAK_TAGS, SKIPPED_ATTRIBUTES, SKIPPED_TAGS, isSkippedElement } from './rules';

export interface DomMention {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  ref: MentionRef;
  match: MatchKind;
}

export interface DomScan {
  mentions: DomMention[];
  people: TextScan['people'];
  topics: TextScan['topics'];
  classification: Classification;
  stats: { textNodes: number; chars: number; blocks: number };
}

const SHOW_TEXT = 4;
const ELEMENT_NODE = 1;

/** Where a hit's text came from, recorded while its batch's node table still exists. */
interface Position {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/** Blocks are matched in batches of about this many characters (one fold, one tokenizer pass). */
const BATCH_CHARS = 32_768;

class DomScanner {
  private readonly doc: DocumentScan;
  /** Element (or root) → the block element it belongs to, or null when its text is skipped. */
  private readonly blockOf = new Map<Node, Node | null>();
  private readonly roots: Node[] = [];
  private readonly seenRoots = new Set<Node>();
  private rootIndex = 0;
  private walker: TreeWalker | null = null;
  /** DOM positions of hits, by "block:start" (mentions never overlap, so the key is unique). */
  private readonly positions = new Map<string, Position>();

  // The batch being assembled: blocks joined by BLOCK_SEPARATOR, and where each node starts.
  private text = '';
  private readonly nodes: Text[] = [];
  private readonly nodeStarts: number[] = [];
  private readonly blockStarts: number[] = [];
  private block: Node | null = null;
  private last: Text | null = null;
  // A two-entry cache in front of the Map: siblings share their parent.
  private lastParent: Node | null = null;
  private lastParentBlock: Node | null = null;
  private otherParent: Node | null = null;
  private otherParentBlock: Node | null = null;

  readonly stats = { textNodes: 0, chars: 0, blocks: 0 };

  constructor(root: Node, matcher: Matcher) {
    this.doc = beginScan(matcher);
    this.addRoot(root);
  }

  private addRoot(root: Node): void {
    if (this.seenRoots.has(root)) return;
    this.seenRoots.add(root);
    this.roots.push(root);
  }

  /** Works until `deadline` (a performance.now() time); returns true when the whole scan is done. */
  step(deadline: number): boolean {
    let budgetCheck = 0;
    for (;;) {
      if (this.sweep !== null) {
        // The shadow-root and iframe sweep of the root just walked, itself in slices.
        if (!this.continueSweep(deadline)) return false;
        continue;
      }
      if (this.walker === null) {
        if (this.rootIndex >= this.roots.length) {
          this.flush(true);
          return true;
        }
        const root = this.roots[this.rootIndex++]!;
        this.endBlock();
        this.startRoot(root);
        if (this.walker === null) continue;
      }
      const walker: TreeWalker = this.walker!;
      let node = walker.nextNode();
      while (node !== null) {
        this.visitText(node as Text);
        if (++budgetCheck === 256) {
          budgetCheck = 0;
          if (this.text.length >= BATCH_CHARS) this.flush(false);
          if (performance.now() >= deadline) {
            this.flush(false);
            return false;
          }
        }
        node = walker.nextNode();
      }
      this.walker = null;
      this.endBlock();
      this.startSweep(this.roots[this.rootIndex - 1]!);
    }
  }

  private startRoot(root: Node): void {
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (owner === null) return;
    // The root's own ancestors are not scanned, so only the root itself can exclude its subtree.
    if (root.nodeType === ELEMENT_NODE && isSkippedElement(root as Element)) return;
    this.blockOf.set(root, root);
    // Elements skipped for an attribute (our UI, editable regions) are found by one native query,
    // so the per-element check in resolve() is a tag lookup only.
    const scope = root as ParentNode;
    if (typeof scope.querySelectorAll === 'function') {
      const marked = scope.querySelectorAll(SKIPPED_ATTRIBUTES);
      for (let i = 0; i < marked.length; i++) this.blockOf.set(marked[i]!, null);
    }
    this.walker = owner.createTreeWalker(root, SHOW_TEXT);
  }

  /** The block element of `el`, or null when it is inside skipped content; cached per element. */
  private resolve(el: Node): Node | null {
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
        // Attribute-skipped elements are already in the cache (startRoot): tags decide the rest.
        const tag = (c as Element).localName;
        if (SKIPPED_TAGS.has(tag)) base = null;
        else if (BLOCK_TAGS.has(tag) || BREAK_TAGS.has(tag)) base = c;
      }
      this.blockOf.set(c, base);
    }
    return base;
  }

  private visitText(t: Text): void {
    const parent = t.parentNode;
    if (parent === null) return;
    let block: Node | null;
    if (parent === this.lastParent) {
      block = this.lastParentBlock;
    } else if (parent === this.otherParent) {
      // "text <a>link</a> text": parents alternate between two elements.
      block = this.otherParentBlock;
      this.otherParent = this.lastParent;
      this.otherParentBlock = this.lastParentBlock;
      this.lastParent = parent;
      this.lastParentBlock = block;
    } else {
      block = this.resolve(parent);
      this.otherParent = this.lastParent;
      this.otherParentBlock = this.lastParentBlock;
      this.lastParent = parent;
      this.lastParentBlock = block;
    }
    if (block === null) return;
    const data = t.data;
    this.stats.textNodes++;
    this.stats.chars += data.length;
    if (this.last === null || block !== this.block || this.separated(this.last, t)) {
      // A new block: the separator keeps every match inside its block.
      this.endBlock();
      if (this.blockStarts.length > 0) this.text += BLOCK_SEPARATOR;
      this.blockStarts.push(this.text.length);
      this.block = block;
    }
    this.nodes.push(t);
    this.nodeStarts.push(this.text.length);
    this.text += data;
    this.last = t;
  }

  /**
   * Is there a block boundary between two consecutive scanned text nodes of the same block?
   * Usually they are siblings or a few inline elements apart, so this walk is short.
   */
  private separated(a: Text, b: Text): boolean {
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

  /** Ends the current block (the next text node starts a new one). */
  private endBlock(): void {
    this.block = null;
    this.last = null;
  }

  /**
   * Matches the batch's complete blocks and records the DOM positions of their hits. Unless
   * `all`, the block in progress stays for the next batch: a block is never cut in two.
   */
  private flush(all: boolean): void {
    let count = this.blockStarts.length;
    if (!all && this.block !== null) count--;
    if (count <= 0) return;
    const keepFrom = count < this.blockStarts.length ? this.blockStarts[count]! : this.text.length + 1;
    const hits = this.doc.hits;
    const before = hits.length;
    const firstBlock = this.doc.blocks;
    const text = keepFrom > this.text.length ? this.text : this.text.slice(0, keepFrom - 1);
    scanJoined(this.doc, text, this.blockStarts, count);
    this.stats.blocks += count;
    for (let h = before; h < hits.length; h++) {
      const hit = hits[h]!;
      const base = this.blockStarts[hit.block - firstBlock]!;
      const [startNode, startOffset] = locate(this.nodes, this.nodeStarts, base + hit.start, false);
      const [endNode, endOffset] = locate(this.nodes, this.nodeStarts, base + hit.end, true);
      this.positions.set(`${hit.block}:${hit.start}`, { startNode, startOffset, endNode, endOffset });
    }
    if (keepFrom > this.text.length) {
      this.text = '';
      this.nodes.length = 0;
      this.nodeStarts.length = 0;
      this.blockStarts.length = 0;
      this.endBlock();
      return;
    }
    // Carry the block in progress over, with its offsets shifted to the start of the new batch.
    this.text = this.text.slice(keepFrom);
    let firstNode = this.nodeStarts.length - 1;
    while (firstNode > 0 && this.nodeStarts[firstNode - 1]! >= keepFrom) firstNode--;
    this.nodes.splice(0, firstNode);
    this.nodeStarts.splice(0, firstNode);
    for (let i = 0; i < this.nodeStarts.length; i++) this.nodeStarts[i] = this.nodeStarts[i]! - keepFrom;
    this.blockStarts.length = 0;
    this.blockStarts.push(0);
  }

  /** Elements of the root just walked, checked for open shadow roots and same-origin iframes. */
  private sweep: { elements: NodeListOf<Element>; next: number } | null = null;

  private startSweep(root: Node): void {
    const scope = root as ParentNode;
    if (typeof scope.querySelectorAll !== 'function') return;
    this.sweep = { elements: scope.querySelectorAll('*'), next: 0 };
  }

  /** Queues open shadow roots and same-origin iframe documents; false when the deadline came first. */
  private continueSweep(deadline: number): boolean {
    const sweep = this.sweep!;
    const all = sweep.elements;
    let i = sweep.next;
    while (i < all.length) {
      const el = all[i++]!;
      const shadow = el.shadowRoot;
      if (shadow !== null && shadow !== undefined && !isSkippedElement(el) && this.resolve(el) !== null)
        this.addRoot(shadow);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        if (this.resolveParent(el) === null) continue;
        let inner: Document | null = null;
        try {
          inner = (el as HTMLIFrameElement).contentDocument; // null or a throw when cross-origin
        } catch {
          inner = null;
        }
        if (inner?.body) this.addRoot(inner.body);
      }
      if ((i & 1023) === 0 && performance.now() >= deadline) {
        sweep.next = i;
        return false;
      }
    }
    this.sweep = null;
    return true;
  }

  /** The block of an element's parent (an iframe itself is a skipped tag, its container may not be). */
  private resolveParent(el: Element): Node | null {
    const parent = el.parentNode;
    return parent === null ? null : this.resolve(parent);
  }

  finish(): DomScan {
    this.flush(true);
    const scan = finishScan(this.doc);
    const mentions: DomMention[] = [];
    for (const m of scan.mentions) {
      const p = this.positions.get(`${m.block}:${m.start}`);
      if (p === undefined) continue; // cannot happen: every hit's position is recorded at flush
      mentions.push({ ...p, ref: m.ref, match: m.match });
    }
    return {
      mentions,
      people: scan.people,
      topics: scan.topics,
      classification: scan.classification,
      stats: { ...this.stats },
    };
  }
}

/**
 * Maps a batch offset to a text node and offset. A start belongs to the node where the character
 * begins; an end to the node holding the last character (so ranges never end at offset 0 of the
 * next node). The last node starting at or before that character is the one holding it.
 */
function locate(
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

/** Scans everything under `root` synchronously. */
export function scanDom(root: Node, matcher: Matcher): DomScan {
  const scanner = new DomScanner(root, matcher);
  scanner.step(Number.POSITIVE_INFINITY);
  return scanner.finish();
}

export interface SlicedScanOptions {
  /** Milliseconds of work per slice (default 8). */
  budgetMs?: number;
  signal?: AbortSignal;
  /** How to give the main thread back between slices (default: a macrotask via setTimeout 0). */
  yieldFn?: () => Promise<void>;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Same result as scanDom, computed in slices so that no task blocks the page for long. */
export async function scanDomSliced(
  root: Node,
  matcher: Matcher,
  options: SlicedScanOptions = {},
): Promise<DomScan> {
  const budget = options.budgetMs ?? 8;
  const yieldFn = options.yieldFn ?? defaultYield;
  const scanner = new DomScanner(root, matcher);
  for (;;) {
    options.signal?.throwIfAborted();
    if (scanner.step(performance.now() + budget)) break;
    await yieldFn();
  }
  options.signal?.throwIfAborted();
  return scanner.finish();
}
