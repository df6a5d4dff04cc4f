/**
 * The DOM adapter, candidate-first: it walks a page's text nodes with a bare TreeWalker
 * (SHOW_TEXT, no JS filter, no per-node ancestor work) and runs the prefilter
 * (lib/match/prefilter.ts) on each node's text. Only where a name or term may be does it do the
 * DOM work: skip rules, the enclosing block by the tag rules in rules.ts, that block's text (all
 * its text nodes), the pure core on it, and the core's offsets mapped back to (Text, offset)
 * pairs. Blocks are processed once each, in document order, so document-level rules (surname
 * follow-ups after the full name) see them in order. Open shadow roots and same-origin iframes are
 * scanned after the main tree, as further parts of the same document; a frame that is not rendered
 * (display: none, as most ad and tracking slots are) is not opened (sweep.ts) but listed in
 * `hiddenFrames`, and the content script rescans when one shows (page-watcher.ts). A block's text
 * is assembled in blocks.ts; what is kept of matched blocks (DOM ranges, furniture, the distances
 * the topic window needs) in matched-blocks.ts.
 *
 * Which shadow roots: those of custom elements (`<my-widget>`, a hyphen in the tag name), found
 * with one native XPath query, nested ones included (each shadow root found is queried in turn);
 * the content script keeps them in a ShadowHostIndex across rescans (shadow-hosts.ts).
 * A shadow root attached to a built-in element (a `<div>` or `<span>` whose page script called
 * attachShadow, a declarative shadow root on one, or a customized built-in `<p is="…">`) is NOT
 * scanned. Decided on cost (issue #4): the only way to find those is to read every element's
 * `shadowRoot`, which in the content script's isolated world makes a JS wrapper for every element
 * of the page; measured cold on the news corpus, that sweep was about half of the content
 * script's page-load time (3–6 ms a page), while the XPath query costs about 1 ms and touches only
 * its matches (an `or @is` test for customized built-ins, which Safari never shipped, made it
 * several times slower). Web components, the way news pages embed shadow DOM, are custom
 * elements. tests/unit/dom/scan-dom.test.ts pins both sides of the decision.
 *
 * The prefilter never misses a block where the core would match and keep the match (it is an
 * exact superset; a surname alone wakes once matchBlock has seen that person's full name, as in
 * the core's finishScan), so the result is what the core finds on the whole page's blocks; the
 * property test checks this.
 *
 * Each matched block is article text or page furniture (rules.ts: outside the main content, in
 * navigation, a footer, a related-story list…); the core reports furniture's hits but does not
 * classify the page by them. That is decided at the end, and only when the classification depends
 * on it (an AI and a copyright candidate on the page, as for exact positions): the main content is
 * then looked for once, and only the blocks holding topic evidence are placed (cached per element).
 * Measured: deciding it for every matched block as it was found cost about half of the engine's
 * time on the bench (median 0.29 → 0.46 ms a page; 37 → 67 ms on the joined page).
 *
 * The same scanner runs in one go (scanDom) or in time slices (scanDomSliced) with identical
 * results: it only ever stops between text nodes.
 */
import {
  beginScan,
  finishScan,
  markFurniture,
  placeBlocks,
  positionsMatter,
  scanJoined,
  wakesSurname,
  type DocumentScan,
} from '../match/scan';
import type { Classification, TextScan } from '../match/scan';
import type { Matcher } from '../match/model';
import { PrefilterStream } from '../match/prefilter';
import { BlockAssembler, BlockMap, locate } from './blocks';
import { MatchedBlocks, type DomMention } from './matched-blocks';
import { SKIPPED_TAGS, isSkippedElement } from './rules';
import type { ShadowHostIndex } from './shadow-hosts';
import { RootSweep, type SweepHost } from './sweep';

export type { DomMention };

export interface DomScan {
  mentions: DomMention[];
  people: TextScan['people'];
  topics: TextScan['topics'];
  classification: Classification;
  /**
   * textNodes and chars: every text node the walk read (skipped content included); blocks: the
   * blocks that were assembled and matched (those where the prefilter found a candidate).
   */
  stats: { textNodes: number; chars: number; blocks: number };
  /** Frames not opened because they were not rendered (the content script rescans when one shows). */
  hiddenFrames: Element[];
}

const SHOW_TEXT = 4;
const ELEMENT_NODE = 1;

const ONE_BLOCK = [0];

/**
 * Text longer than this has its parent's tag checked before the prefilter reads it: a few nodes
 * of a page (style sheets, JSON in a script, an SVG's source) can hold most of its characters.
 * Shorter nodes are not worth the extra DOM read (the core's skip rules still apply to them).
 */
export const LONG_TEXT = 256;

/** Is this text node the content of a skipped element (its parent's tag alone)? */
function isInSkippedTag(node: Node): boolean {
  const parent = node.parentNode;
  return (
    parent !== null && parent.nodeType === ELEMENT_NODE && SKIPPED_TAGS.has((parent as Element).localName)
  );
}

/** How many text nodes between two looks at the clock. */
const CLOCK_EVERY = 256;

/**
 * A root with this many text nodes gets its whole-tree queries (shadow hosts, frames) in slices
 * of their own when scanning in slices: on the 76,000-node joined page of the bench they take
 * about 6–8 ms and 2.6 ms cold, and run after a slice's worth of walking they made it 2–3 times
 * the budget. On a typical page they take well under a millisecond and stay inline.
 */
const BIG_ROOT_TEXT_NODES = 4096;

class DomScanner implements SweepHost {
  private readonly doc: DocumentScan;
  private readonly stream: PrefilterStream<Text>;
  /** The block each element belongs to (blocks.ts). */
  private readonly blocks = new BlockMap();
  /** The sweep of the root just walked for shadow roots and frames (sweep.ts), while it runs. */
  private sweep: RootSweep | null = null;
  private readonly roots: Node[] = [];
  private readonly seenRoots = new Set<Node>();
  private rootIndex = 0;
  private walker: TreeWalker | null = null;
  /** stats.textNodes when the current root's walk began (for BIG_ROOT_TEXT_NODES). */
  private rootFirstNode = 0;
  /** Whether the current step() has done any work yet (a whole-tree query may then wait). */
  sliceBusy = false;
  /** A second walker over the same root, for assembling a block around a candidate. */
  private aux: TreeWalker | null = null;
  /** Offset of the next node's text among all text the walk has read (all roots). */
  private raw = 0;
  /** Set when the walk went back to re-read nodes (not counted twice in the stats) up to this one. */
  private rewalkUntil: Node | null = null;
  /** What is kept of every matched block (matched-blocks.ts). */
  private readonly matched = new MatchedBlocks(this.roots, this.blocks);
  /** Whether placeEvidence has run. */
  private placed = false;

  /** The block being assembled (reused). */
  private readonly assembler = new BlockAssembler(this.blocks);

  readonly stats = { textNodes: 0, chars: 0, blocks: 0 };
  private readonly hiddenFrames: Element[] = [];

  constructor(
    root: Node,
    matcher: Matcher,
    private readonly shadowHosts?: ShadowHostIndex,
  ) {
    this.doc = beginScan(matcher);
    this.stream = new PrefilterStream<Text>(matcher);
    this.addRoot(root);
  }

  addRoot(root: Node): void {
    if (this.seenRoots.has(root)) return;
    this.seenRoots.add(root);
    this.roots.push(root);
  }

  /** Works until `deadline` (a performance.now() time); returns true when the whole scan is done. */
  step(deadline: number): boolean {
    this.sliceBusy = false;
    for (;;) {
      if (this.sweep !== null) {
        // The shadow-root and iframe sweep of the root just walked, itself in slices.
        if (!this.sweep.continue(deadline)) return false;
        this.sweep = null;
        continue;
      }
      if (this.walker === null) {
        if (this.rootIndex >= this.roots.length) return true;
        const root = this.roots[this.rootIndex++]!;
        this.stream.reset();
        this.startRoot(root);
        if (this.walker === null) continue;
      }
      if (!this.walk(deadline)) return false;
      this.walker = null;
      this.aux = null;
      this.startSweep(this.roots[this.rootIndex - 1]!);
    }
  }

  /** The hot loop: read every text node, prefilter it; false when the deadline came first. */
  private walk(deadline: number): boolean {
    const walker = this.walker!;
    const stream = this.stream;
    let raw = this.raw;
    let nodes = 0;
    let clock = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const data = (node as Text).data;
      if (this.rewalkUntil === null) nodes++;
      else if (node === this.rewalkUntil) this.rewalkUntil = null;
      if (data.length > LONG_TEXT && isInSkippedTag(node)) {
        // A style sheet or an inline data blob: its text is never matched, and it separates the
        // text before it from the text after it, like any skipped element.
        stream.reset();
        raw += data.length;
      } else if (stream.next(data, node as Text, raw)) {
        raw = this.candidate(stream.flagged!, stream.flaggedAt);
        stream.reset();
      } else {
        raw += data.length;
      }
      if (++clock === CLOCK_EVERY) {
        clock = 0;
        if (performance.now() >= deadline) {
          this.raw = raw;
          this.stats.textNodes += nodes;
          return false;
        }
      }
    }
    this.raw = raw;
    this.stats.textNodes += nodes;
    if (nodes > 0) this.sliceBusy = true;
    return true;
  }

  private startRoot(root: Node): void {
    this.rootFirstNode = this.stats.textNodes;
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (owner === null) return;
    // The root's own ancestors are not scanned, so only the root itself can exclude its subtree.
    if (root.nodeType === ELEMENT_NODE && isSkippedElement(root as Element)) return;
    this.blocks.addRoot(root);
    this.walker = owner.createTreeWalker(root, SHOW_TEXT);
    this.aux = owner.createTreeWalker(root, SHOW_TEXT);
  }

  private startSweep(root: Node): void {
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (owner === null) return;
    const big = this.stats.textNodes - this.rootFirstNode >= BIG_ROOT_TEXT_NODES;
    this.sweep = new RootSweep(root, this, big, this.shadowHosts);
  }

  resolve(node: Node): Node | null {
    return this.blocks.resolve(node);
  }

  hiddenFrame(el: Element): void {
    this.hiddenFrames.push(el);
  }

  /**
   * Handles a candidate: the text node where a possible match begins, and its offset in the
   * walk's text. Matches its whole block, then moves the walk to the block's last node. Returns
   * the walk's text offset after that node.
   */
  private candidate(node: Text, raw: number): number {
    const walker = this.walker!;
    // The node being read; the candidate itself may be an earlier one (a word glued across nodes).
    const current = walker.currentNode;
    const parent = node.parentNode;
    const block = parent === null ? null : this.resolve(parent);
    if (block === null) {
      if (node !== current) this.rewalkUntil = current;
      walker.currentNode = node;
      return raw + node.data.length;
    }
    const a = this.assembler;
    a.assemble(node, block, this.roots[this.rootIndex - 1]!, this.aux!, current);
    // Nodes after the walker's position were read there, not by the walk: count them here.
    this.stats.textNodes += a.ahead;
    // The block ended before the node being read (rare): the walk reads the nodes between again.
    if (!a.reachedCurrent) this.rewalkUntil = current;
    const start = raw - a.lead;
    const text = a.text;
    const last = a.last!;
    this.matchBlock(text, start, a.first!, last, block);
    walker.currentNode = last;
    return start + text.length;
  }

  /** Runs the core on one assembled block and records its hits' DOM positions. */
  private matchBlock(text: string, raw: number, first: Text, last: Text, element: Node): void {
    const doc = this.doc;
    const hits = doc.hits;
    const before = hits.length;
    const block = doc.blocks;
    scanJoined(doc, text, ONE_BLOCK, 1, raw);
    this.stats.blocks++;
    this.matched.add(this.rootIndex - 1, first, last, text.length, element);
    for (let h = before; h < hits.length; h++) {
      const hit = hits[h]!;
      // A full name or alias wakes that person's surname alone for the text after it.
      if (wakesSurname(hit.target)) this.stream.activate(hit.target.entity);
      const [startNode, startOffset] = locate(this.assembler.nodes, this.assembler.starts, hit.start, false);
      const [endNode, endOffset] = locate(this.assembler.nodes, this.assembler.starts, hit.end, true);
      this.matched.setRange(block, hit.start, { startNode, startOffset, endNode, endOffset });
    }
  }

  /**
   * Marks the hits that are topic evidence in page furniture (rules.ts), once the page is known to
   * have both an AI and a copyright candidate: only then can furniture change the classification.
   * Sliced scans run it in a slice of its own (reading the layout of the bench's 3 MB joined page
   * took 15–25 ms); finish() runs it when it has not run. Returns whether it had work to do.
   */
  placeEvidence(): boolean {
    if (this.placed) return false;
    this.placed = true;
    if (!positionsMatter(this.doc)) return false;
    markFurniture(this.doc, (block) => this.matched.isFurniture(block));
    return true;
  }

  finish(): DomScan {
    this.placeEvidence();
    // Article text only, now that furniture is known. The topic window counts characters of the
    // page's scanned text, skipped content excluded; only when it matters (an AI and a copyright
    // candidate on the page) are the hits' positions made exact: between consecutive matched
    // blocks, the text in between is read, up to just past the window.
    if (positionsMatter(this.doc)) placeBlocks(this.doc, (a, b) => this.matched.distance(a, b));
    const scan = finishScan(this.doc);
    const mentions = this.matched.mentions(scan.mentions);
    this.stats.chars = this.raw;
    return {
      mentions,
      people: scan.people,
      topics: scan.topics,
      classification: scan.classification,
      stats: { ...this.stats },
      hiddenFrames: this.hiddenFrames,
    };
  }
}

export interface ScanOptions {
  /**
   * Where to find shadow hosts: an index kept across scans (the content script's), instead of a
   * query of the whole page on every scan.
   */
  shadowHosts?: ShadowHostIndex;
}

/** Scans everything under `root` synchronously. */
export function scanDom(root: Node, matcher: Matcher, options: ScanOptions = {}): DomScan {
  const scanner = new DomScanner(root, matcher, options.shadowHosts);
  scanner.step(Number.POSITIVE_INFINITY);
  return scanner.finish();
}

export interface SlicedScanOptions extends ScanOptions {
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
  const scanner = new DomScanner(root, matcher, options.shadowHosts);
  for (;;) {
    options.signal?.throwIfAborted();
    const done = scanner.step(performance.now() + budget);
    // The document-level rules (and, on AI-and-copyright pages, exact positions) get a slice of their own.
    await yieldFn();
    if (done) break;
  }
  options.signal?.throwIfAborted();
  if (scanner.placeEvidence()) {
    await yieldFn();
    options.signal?.throwIfAborted();
  }
  return scanner.finish();
}
