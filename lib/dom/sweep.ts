/**
 * The sweep of a root the DOM scanner has just walked, for the further parts of the same document:
 * open shadow roots (hosts looked for among custom elements only: a native query, not a read of
 * every element's shadowRoot; see scan-dom.ts) and same-origin iframes (by tag, a native lookup).
 * A frame that is not rendered is not opened but reported (the content script rescans when one
 * shows). Runs in slices like the walk: it stops only between hosts or frames.
 */
import { isUnrenderedFrame } from './rules';
import { shadowHostCandidates, type ShadowHostIndex } from './shadow-hosts';

/** What the sweep needs from the scanner. */
export interface SweepHost {
  /** The block element of a node, or null when its content is skipped. */
  resolve(node: Node): Node | null;
  /** Queues a shadow root or a frame's body, scanned after the roots queued before it. */
  addRoot(root: Node): void;
  /** A frame not opened because it is not rendered. */
  hiddenFrame(el: Element): void;
  /** Whether the current slice has done work yet (a whole-tree query then waits for the next one). */
  sliceBusy: boolean;
}

export class RootSweep {
  private hosts: Element[] | null = null;
  private nextHost = 0;
  private frames: Element[] | null = null;
  private nextFrame = 0;

  /**
   * `bigRoot`: the root is big enough for its whole-tree queries to need slices of their own when
   * scanning in slices (scan-dom.ts BIG_ROOT_TEXT_NODES).
   */
  constructor(
    private readonly root: Node,
    private readonly host: SweepHost,
    private readonly bigRoot: boolean,
    private readonly shadowHosts?: ShadowHostIndex,
  ) {}

  /** Queues open shadow roots and same-origin iframe documents; false when the deadline came first. */
  continue(deadline: number): boolean {
    const host = this.host;
    // Every call makes progress before it may stop: a deadline already past on entry (a budget of
    // 0, or a walk that used up the slice) must not stop it forever.
    let worked = false;
    // On a big root, each whole-tree query starts a slice of its own.
    const big = Number.isFinite(deadline) && this.bigRoot;
    if (this.hosts === null) {
      if (big && host.sliceBusy) return false;
      this.hosts = this.shadowHosts?.hostsUnder(this.root) ?? shadowHostCandidates(this.root);
      worked = true;
      host.sliceBusy = true;
    }
    const hosts = this.hosts;
    for (; this.nextHost < hosts.length; this.nextHost++) {
      if (worked && (this.nextHost & 255) === 255 && performance.now() >= deadline) return false;
      worked = true;
      const el = hosts[this.nextHost]!;
      const shadow = el.shadowRoot;
      if (shadow !== null && shadow !== undefined && host.resolve(el) !== null) host.addRoot(shadow);
    }
    if (this.frames === null) {
      if (worked && performance.now() >= deadline) return false;
      if (big && host.sliceBusy) return false;
      this.frames = framesOf(this.root);
      worked = true;
      host.sliceBusy = true;
    }
    const frames = this.frames;
    for (; this.nextFrame < frames.length; this.nextFrame++) {
      // The clock before every frame: a content script's first look into a same-origin frame (an
      // ad slot's blank document, say) costs 2–3 ms in Chromium, which builds the extension's
      // isolated world in that frame. 20 such frames measured 50–60 ms on the corpus' CNN page.
      if (worked && performance.now() >= deadline) return false;
      worked = true;
      this.openFrame(frames[this.nextFrame]!);
    }
    return true;
  }

  private openFrame(el: Element): void {
    // Two thirds of the corpus' same-origin frames are not rendered (nytimes-1: 14 of 15).
    if (isUnrenderedFrame(el)) {
      this.host.hiddenFrame(el);
      return;
    }
    let inner: Document | null = null;
    try {
      inner = (el as HTMLIFrameElement).contentDocument; // null or a throw when cross-origin
    } catch {
      inner = null;
    }
    const body = inner?.body;
    // Most frames are cross-origin or empty (ad slots): settled before the climb to their block.
    if (body === null || body === undefined || body.firstChild === null) return;
    // The block of the frame's parent (an iframe itself is a skipped tag, its container may not be).
    const parent = el.parentNode;
    if (parent !== null && this.host.resolve(parent) !== null) this.host.addRoot(body);
  }
}

/** The root's iframes, by tag (a native lookup, but a whole-tree one the first time: own slice). */
function framesOf(root: Node): Element[] {
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
