/**
 * The DOM adapter, candidate-first: it walks a page's text nodes with a bare TreeWalker
 * (SHOW_TEXT, no JS filter, no per-node ancestor work) and runs the prefilter
 * (lib/match/prefilter.ts) on each node's text. Only where a name or term may be does it do the
 * DOM work: skip rules, the enclosing block by the tag rules in rules.ts, that block's text (all
 * its text nodes), the pure core on it, and the core's offsets mapped back to (Text, offset)
 * pairs. Blocks are processed once each, in document order, so document-level rules (surname
 * follow-ups after the full name) see them in order. Open shadow roots and same-origin iframes are
 * scanned after the main tree, as further parts of the same document; a frame that is not rendered
 * (display: none, as most ad and tracking slots are) is not opened (see continueSweep) but listed
 * in `hiddenFrames`, and the content script rescans when one shows (page-watcher.ts).
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
  TOPIC_WINDOW_CHARS,
  beginScan,
  finishScan,
  positionsMatter,
  scanJoined,
  wakesSurname,
  type DocumentScan,
} from '../match/scan';
import type { Classification, TextScan } from '../match/scan';
import type { Matcher, MatchKind, MentionRef } from '../match/model';
import { PrefilterStream } from '../match/prefilter';
import {
  BLOCK_TAGS,
  BREAK_TAGS,
  SKIPPED_TAGS,
  furnitureFlags,
  isArticleText,
  isSkippedElement,
  isUnrenderedFrame,
  readLayout,
  topFlags,
  type PageLayout,
} from './rules';
import { shadowHostCandidates, type ShadowHostIndex } from './shadow-hosts';

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
const TEXT_NODE = 3;

/** Where a hit's text came from, recorded while its block's node table still exists. */
interface Position {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

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

class DomScanner {
  private readonly doc: DocumentScan;
  private readonly stream: PrefilterStream<Text>;
  /** Element (or root) → the block element it belongs to, or null when its text is skipped. */
  private readonly blockOf = new Map<Node, Node | null>();
  private readonly roots: Node[] = [];
  private readonly seenRoots = new Set<Node>();
  private rootIndex = 0;
  private walker: TreeWalker | null = null;
  /** stats.textNodes when the current root's walk began (for BIG_ROOT_TEXT_NODES). */
  private rootFirstNode = 0;
  /** Whether the current step() has done any work yet (a whole-tree query may then wait). */
  private sliceBusy = false;
  /** A second walker over the same root, for assembling a block around a candidate. */
  private aux: TreeWalker | null = null;
  /** Offset of the next node's text among all text the walk has read (all roots). */
  private raw = 0;
  /** Set when the walk went back to re-read nodes (not counted twice in the stats) up to this one. */
  private rewalkUntil: Node | null = null;
  /** Where each root's text starts in that count, by root index (for the position correction). */
  private readonly rootRaw: number[] = [];
  /** For every matched block: its root index, first and last text nodes, and length. */
  private readonly blockRoot: number[] = [];
  private readonly blockFirst: Text[] = [];
  private readonly blockLast: Text[] = [];
  private readonly blockLength: number[] = [];
  /** For every matched block: its block element (or root), placed as article or furniture at the end. */
  private readonly blockElement: Node[] = [];
  /** DOM positions of hits, by "block:start" (mentions never overlap, so the key is unique). */
  private readonly positions = new Map<string, Position>();
  /** The page's main content and prose (rules.ts), read only when furniture matters (placeEvidence). */
  private layout: PageLayout | null = null;
  /** Whether placeEvidence has run. */
  private placed = false;
  /** Node → its furniture flags (rules.ts furnitureFlags), cached like blockOf. */
  private readonly flagsOf = new Map<Node, number>();

  // The block being assembled (reused).
  private readonly nodes: Text[] = [];
  private readonly nodeStarts: number[] = [];
  private readonly before: Text[] = [];

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

  private addRoot(root: Node): void {
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
        if (!this.continueSweep(deadline)) return false;
        continue;
      }
      if (this.walker === null) {
        if (this.rootIndex >= this.roots.length) return true;
        const root = this.roots[this.rootIndex++]!;
        this.rootRaw.push(this.raw);
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
    this.blockOf.set(root, root);
    this.walker = owner.createTreeWalker(root, SHOW_TEXT);
    this.aux = owner.createTreeWalker(root, SHOW_TEXT);
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
        const tag = (c as Element).localName;
        if (isSkippedElement(c as Element)) base = null;
        else if (BLOCK_TAGS.has(tag) || BREAK_TAGS.has(tag)) base = c;
      }
      this.blockOf.set(c, base);
    }
    return base;
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
    const aux = this.aux!;
    // Back to the block's first text node (these were read already, and had no candidate).
    const before = this.before;
    before.length = 0;
    let first = node;
    let start = raw;
    const root = this.roots[this.rootIndex - 1]!;
    for (let t = previousText(node, root); t !== null; t = previousText(t, root)) {
      const up = t.parentNode;
      if (up === null || this.resolve(up) !== block || this.separated(t, first)) break;
      before.push(t);
      first = t;
      start -= t.data.length;
    }
    const nodes = this.nodes;
    const nodeStarts = this.nodeStarts;
    nodes.length = 0;
    nodeStarts.length = 0;
    let text = '';
    for (let i = before.length - 1; i >= 0; i--) {
      const t = before[i]!;
      nodes.push(t);
      nodeStarts.push(text.length);
      text += t.data;
    }
    before.length = 0;
    // Then forward to its last one.
    let last = node;
    nodes.push(node);
    nodeStarts.push(text.length);
    text += node.data;
    aux.currentNode = node;
    let past = node === current;
    for (let next = aux.nextNode(); next !== null; next = aux.nextNode()) {
      const t = next as Text;
      const up = t.parentNode;
      if (up === null || this.resolve(up) !== block || this.separated(last, t)) break;
      nodes.push(t);
      nodeStarts.push(text.length);
      text += t.data;
      last = t;
      // Nodes after the walker's position are read here, not by the walk: count them here.
      if (past) this.stats.textNodes++;
      else past = t === current;
    }
    // The block ended before the node being read (rare): the walk reads the nodes between again.
    if (!past) this.rewalkUntil = current;
    this.matchBlock(text, start, first, last, block);
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
    this.blockElement.push(element);
    this.stats.blocks++;
    this.blockRoot.push(this.rootIndex - 1);
    this.blockFirst.push(first);
    this.blockLast.push(last);
    this.blockLength.push(text.length);
    for (let h = before; h < hits.length; h++) {
      const hit = hits[h]!;
      // A full name or alias wakes that person's surname alone for the text after it.
      if (wakesSurname(hit.target)) this.stream.activate(hit.target.entity);
      const [startNode, startOffset] = locate(this.nodes, this.nodeStarts, hit.start, false);
      const [endNode, endOffset] = locate(this.nodes, this.nodeStarts, hit.end, true);
      this.positions.set(`${block}:${hit.start}`, { startNode, startOffset, endNode, endOffset });
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
    const furniture = new Map<number, boolean>();
    for (const hit of this.doc.hits) {
      const t = hit.target;
      if (t.entity >= 0 && (t.match === 'surname' || t.implied.length === 0)) continue;
      let isFurniture = furniture.get(hit.block);
      if (isFurniture === undefined) {
        isFurniture = !isArticleText(this.flags(this.blockElement[hit.block]!));
        furniture.set(hit.block, isFurniture);
      }
      if (isFurniture) hit.furniture = true;
    }
    return true;
  }

  /**
   * Where a block sits on the page (article text or furniture, rules.ts), climbing out of shadow
   * roots and frames to the page's main content. The main content is looked for once, here.
   */
  private flags(node: Node): number {
    this.layout ??= readLayout(this.roots[0]!);
    const layout = this.layout;
    const chain: Node[] = [];
    let n: Node | null = node;
    let base: number | undefined;
    while (n !== null) {
      base = this.flagsOf.get(n);
      if (base !== undefined) break;
      chain.push(n);
      n = composedParent(n);
    }
    if (base === undefined) base = topFlags(layout);
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      if (c.nodeType === ELEMENT_NODE) base = furnitureFlags(base, c as Element, layout);
      this.flagsOf.set(c, base);
    }
    return base;
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

  /**
   * The sweep of the root just walked for open shadow roots and same-origin iframes. Shadow hosts
   * are looked for among custom elements only (see the header: a native query, not a read of every
   * element's shadowRoot); iframes by tag (a native lookup).
   */
  private sweep: {
    root: Node;
    hosts: Element[] | null;
    nextHost: number;
    frames: Element[] | null;
    nextFrame: number;
  } | null = null;

  private startSweep(root: Node): void {
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (owner === null) return;
    this.sweep = { root, hosts: null, nextHost: 0, frames: null, nextFrame: 0 };
  }

  /** The root's iframes, by tag (a native lookup, but a whole-tree one the first time: own slice). */
  private framesOf(root: Node): Element[] {
    const frames: Element[] = [];
    const scope = root as Element;
    if (typeof scope.getElementsByTagName === 'function') {
      for (const tag of ['iframe', 'frame']) {
        const list = scope.getElementsByTagName(tag);
        for (let i = 0; i < list.length; i++) frames.push(list[i]!);
      }
    } else if (typeof (root as ParentNode).querySelectorAll === 'function') {
      // A shadow root has no getElementsByTagName.
      for (const el of (root as ParentNode).querySelectorAll('iframe,frame')) frames.push(el);
    }
    return frames;
  }

  /** Queues open shadow roots and same-origin iframe documents; false when the deadline came first. */
  private continueSweep(deadline: number): boolean {
    const sweep = this.sweep!;
    // Every call makes progress before it may stop: a deadline already past on entry (a budget of
    // 0, or a walk that used up the slice) must not stop it forever.
    let worked = false;
    // On a big root, each whole-tree query starts a slice of its own (see BIG_ROOT_TEXT_NODES).
    const big = Number.isFinite(deadline) && this.stats.textNodes - this.rootFirstNode >= BIG_ROOT_TEXT_NODES;
    if (sweep.hosts === null) {
      if (big && this.sliceBusy) return false;
      sweep.hosts = this.shadowHosts?.hostsUnder(sweep.root) ?? shadowHostCandidates(sweep.root);
      worked = true;
      this.sliceBusy = true;
    }
    const hosts = sweep.hosts;
    for (; sweep.nextHost < hosts.length; sweep.nextHost++) {
      if (worked && (sweep.nextHost & 255) === 255 && performance.now() >= deadline) return false;
      worked = true;
      const el = hosts[sweep.nextHost]!;
      const shadow = el.shadowRoot;
      if (shadow !== null && shadow !== undefined && this.resolve(el) !== null) this.addRoot(shadow);
    }
    if (sweep.frames === null) {
      if (worked && performance.now() >= deadline) return false;
      if (big && this.sliceBusy) return false;
      sweep.frames = this.framesOf(sweep.root);
      worked = true;
      this.sliceBusy = true;
    }
    const frames = sweep.frames;
    for (; sweep.nextFrame < frames.length; sweep.nextFrame++) {
      // The clock before every frame: a content script's first look into a same-origin frame (an
      // ad slot's blank document, say) costs 2–3 ms in Chromium, which builds the extension's
      // isolated world in that frame. 20 such frames measured 50–60 ms on the corpus' CNN page.
      if (worked && performance.now() >= deadline) return false;
      worked = true;
      const el = frames[sweep.nextFrame]!;
      // Two thirds of the corpus' same-origin frames are not rendered (nytimes-1: 14 of 15).
      if (isUnrenderedFrame(el)) {
        this.hiddenFrames.push(el);
        continue;
      }
      let inner: Document | null = null;
      try {
        inner = (el as HTMLIFrameElement).contentDocument; // null or a throw when cross-origin
      } catch {
        inner = null;
      }
      const body = inner?.body;
      // Most frames are cross-origin or empty (ad slots): settled before the climb to their block.
      if (body === null || body === undefined || body.firstChild === null) continue;
      if (this.resolveParent(el) !== null) this.addRoot(body);
    }
    this.sweep = null;
    return true;
  }

  /** The block of an element's parent (an iframe itself is a skipped tag, its container may not be). */
  private resolveParent(el: Element): Node | null {
    const parent = el.parentNode;
    return parent === null ? null : this.resolve(parent);
  }

  /**
   * The topic window counts characters of the page's scanned text, skipped content excluded. Only
   * when it matters (an AI and a copyright candidate on the page) are the hits' positions made
   * exact: between consecutive matched blocks, the text in between is read (skipped content left
   * out), up to just past the window; farther is "far" whatever the exact distance.
   */
  private flattenPositions(): void {
    const hits = this.doc.hits;
    let block = -1;
    let position = 0;
    for (const hit of hits) {
      if (hit.block !== block) {
        if (block >= 0) position += this.blockLength[block]! + this.gap(block, hit.block);
        block = hit.block;
      }
      hit.pos = position + hit.start;
    }
  }

  /** Scanned characters between the end of block `a` and the start of block `b`, capped past the window. */
  private gap(a: number, b: number): number {
    const far = TOPIC_WINDOW_CHARS + 1;
    if (this.blockRoot[a] !== this.blockRoot[b]) return far;
    const root = this.roots[this.blockRoot[a]!]!;
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
    const walker = owner.createTreeWalker(root, SHOW_TEXT);
    walker.currentNode = this.blockLast[a]!;
    const end = this.blockFirst[b]!;
    let chars = 0;
    for (let n = walker.nextNode(); n !== null && n !== end; n = walker.nextNode()) {
      const parent = n.parentNode;
      if (parent === null || this.resolve(parent) === null) continue;
      chars += (n as Text).data.length;
      if (chars >= far) return far;
    }
    return chars;
  }

  finish(): DomScan {
    this.placeEvidence();
    // Article text only, now that furniture is known.
    if (positionsMatter(this.doc)) this.flattenPositions();
    const scan = finishScan(this.doc);
    const mentions: DomMention[] = [];
    for (const m of scan.mentions) {
      const p = this.positions.get(`${m.block}:${m.start}`);
      if (p === undefined) continue; // cannot happen: every hit's position is recorded when matched
      mentions.push({ ...p, ref: m.ref, match: m.match });
    }
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

/** The parent across a shadow root (its host) and a frame's document (the frame). */
function composedParent(n: Node): Node | null {
  if (n.nodeType === 11) return (n as ShadowRoot).host ?? null;
  if (n.nodeType === 9) {
    try {
      return (n as Document).defaultView?.frameElement ?? null;
    } catch {
      return null; // only same-origin frames are scanned, but a page may change its domain
    }
  }
  return n.parentNode;
}

/**
 * The text node before `node` in document order, inside `root`. Not TreeWalker.previousNode:
 * happy-dom's (which the command-line scanner runs on) returns null when an empty element comes
 * in between (`Ben<span><span></span></span><span><span>B</span>en Stiller</span>`), and the block
 * then started too late: "Ben Stiller" was found in "BenBen Stiller". The walk back is short (to
 * the start of the block), so a plain loop costs nothing that matters.
 */
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
