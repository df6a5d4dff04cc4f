/**
 * Where the DOM adapter looks for open shadow roots: custom elements (a hyphen in the tag name),
 * found with one native XPath query (why only these: the header of scan-dom.ts).
 *
 * That query still visits every element of the page, about as long as the whole text walk on a
 * typical news page. The content script rescans on every burst of page changes, so it keeps a
 * ShadowHostIndex instead: the first scan of a root queries it, later scans only query what was
 * added since (from the root's mutation records, taken at the start of the scan, so nothing added
 * synchronously before a scan is missed). The observer's callback only queues the added nodes,
 * never reads the DOM (uBlock Origin's rule, as in page-watcher.ts).
 */

const SHOW_ELEMENT = 1;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;
const ELEMENT_NODE = 1;

/** Descendants of the context node only (a shadow root's own tree; XPath never enters shadow trees). */
const HOST_XPATH = ".//*[contains(name(), '-')]";
const HOST_XPATH_SELF = "descendant-or-self::*[contains(name(), '-')]";
/** XPathResult.ORDERED_NODE_SNAPSHOT_TYPE (the global is missing outside browsers). */
const ORDERED_NODE_SNAPSHOT = 7;

/**
 * Custom elements under `root` (and `root` itself when `includeSelf`), in document order: the
 * elements that may carry an open shadow root worth scanning. In browsers one native XPath query
 * finds them without touching any other element (Chromium and Firefox refuse a shadow root as the
 * context node, so inside one its child elements are the contexts); where XPath is missing
 * (happy-dom) or throws, a walk over the elements gives the same list.
 */
export function shadowHostCandidates(root: Node, includeSelf = false): Element[] {
  const owner = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const hosts: Element[] = [];
  if (owner === null) return hosts;
  const self = includeSelf && root.nodeType === ELEMENT_NODE;
  if (typeof owner.evaluate === 'function') {
    try {
      // XPath refuses a shadow root (a document fragment) as its context: query its children.
      const fragment = root.nodeType === FRAGMENT_NODE;
      const contexts: Node[] = fragment ? [...(root as ParentNode).children] : [root];
      const expression = fragment || self ? HOST_XPATH_SELF : HOST_XPATH;
      for (const context of contexts) {
        const found = owner.evaluate(expression, context, null, ORDERED_NODE_SNAPSHOT, null);
        for (let i = 0; i < found.snapshotLength; i++) hosts.push(found.snapshotItem(i) as Element);
      }
      return hosts;
    } catch {
      hosts.length = 0; // fall through to the walk
    }
  }
  if (self && (root as Element).localName.includes('-')) hosts.push(root as Element);
  const walker = owner.createTreeWalker(root, SHOW_ELEMENT);
  for (let el = walker.nextNode() as Element | null; el !== null; el = walker.nextNode() as Element | null) {
    if (el.localName.includes('-')) hosts.push(el);
  }
  return hosts;
}

/** Above this many queued additions, one query of the whole root is cheaper than one per node. */
const MAX_QUEUED = 64;

/** The candidates of one root, and what was added under it since they were last brought up to date. */
class RootHosts {
  readonly observer: MutationObserver;
  private hosts: Element[];
  private added: Node[] = [];
  private removed = false;
  private overflow = false;

  constructor(readonly root: Node) {
    this.hosts = shadowHostCandidates(root);
    this.observer = new MutationObserver((records) => this.queue(records));
    this.observer.observe(root, { childList: true, subtree: true });
  }

  /** Only remembers what changed: no DOM reads here. */
  private queue(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.removedNodes.length > 0) this.removed = true;
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length && !this.overflow; i++) {
        const node = nodes[i]!;
        if (node.nodeType !== ELEMENT_NODE) continue;
        if (this.added.length === MAX_QUEUED) {
          this.overflow = true;
          this.added = [];
        } else {
          this.added.push(node);
        }
      }
    }
  }

  /** The current candidates under the root, in document order. */
  current(): Element[] {
    this.queue(this.observer.takeRecords());
    const root = this.root;
    if (this.overflow) {
      this.hosts = shadowHostCandidates(root);
      this.overflow = false;
      this.removed = false;
      return this.hosts;
    }
    let hosts = this.hosts;
    if (this.removed) {
      hosts = hosts.filter((host) => root.contains(host));
      this.removed = false;
    }
    if (this.added.length > 0) {
      const known = new Set(hosts);
      // A new array: a scan still reading the last one (in slices) must not see it change.
      if (hosts === this.hosts) hosts = hosts.slice();
      for (const node of this.added) {
        // Added, then moved or removed again before this scan: found where it is now, or not at all.
        if (!root.contains(node)) continue;
        for (const host of shadowHostCandidates(node, true)) {
          if (!known.has(host)) {
            known.add(host);
            hosts.push(host);
          }
        }
      }
      this.added = [];
      // New hosts go in their place, and a moved one (removed and added again) may have a new one.
      hosts.sort(inDocumentOrder);
    }
    this.hosts = hosts;
    return hosts;
  }
}

function inDocumentOrder(a: Node, b: Node): number {
  // DOCUMENT_POSITION_FOLLOWING (4): b comes after a.
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}

/**
 * Shadow-host candidates per scanned root (the document's body, and each shadow root found in
 * it), kept current across scans. Every observer ends with `signal`, the content script's lifetime.
 */
export class ShadowHostIndex {
  private readonly roots = new Map<Node, RootHosts>();
  private disposed = false;

  constructor(signal: AbortSignal) {
    if (signal.aborted) this.disposed = true;
    else signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  /** The custom elements under `root`, in document order (queried in full on first use). */
  hostsUnder(root: Node): Element[] {
    if (this.disposed) return shadowHostCandidates(root);
    let entry = this.roots.get(root);
    if (entry === undefined) {
      this.prune();
      entry = new RootHosts(root);
      this.roots.set(root, entry);
    }
    return entry.current();
  }

  /** Forgets roots no longer in a document (a shadow root whose host was removed, an old body). */
  private prune(): void {
    for (const [root, entry] of this.roots) {
      if (!root.isConnected) {
        entry.observer.disconnect();
        this.roots.delete(root);
      }
    }
  }

  private dispose(): void {
    this.disposed = true;
    for (const entry of this.roots.values()) entry.observer.disconnect();
    this.roots.clear();
  }
}
