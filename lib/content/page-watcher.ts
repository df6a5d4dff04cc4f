/**
 * Notices when the page's text changes (infinite scroll, live blogs, re-rendering frameworks)
 * without ever working inside the MutationObserver callback (uBlock Origin's rule, uBlock#205):
 * the callback only counts what changed and schedules one pass for later.
 *
 * That pass is a full rescan in time slices rather than a patch per mutated subtree: surname
 * follow-ups depend on what came earlier in the document, and a sliced rescan of a news page costs
 * about as much as walking it (see `npm run bench`). Bursts are coalesced: the pass runs `quietMs`
 * after the last change, and at the latest `maxWaitMs` after the first, so a live blog that never
 * stops changing is still annotated.
 *
 * A same-origin frame that finishes loading is a change too: its text is scanned as part of the
 * page (lib/dom/scan-dom.ts), but it may still be empty when a scan reads it, and loading a frame
 * mutates nothing in the parent. Cross-origin frames (ads) are not readable and are ignored, and so
 * are frames that are not rendered (the scan does not open them either). A frame the last scan left
 * unopened for that reason is a change once it shows (watchHiddenFrames): showing one usually
 * flips a class or a style, which the MutationObserver does not watch (news pages flip those
 * constantly).
 */
import { isUnrenderedFrame } from '../dom/rules';

export interface WatchOptions {
  /** Nodes the extension itself adds (the card): changes inside them are not the page's. */
  isOwnNode: (node: Node) => boolean;
  /** Called once per coalesced burst; the caller rescans. */
  onChange: () => void;
  quietMs?: number;
  maxWaitMs?: number;
  /** The content script's lifetime: the observer and timers end with it. */
  signal: AbortSignal;
}

export interface PageWatch {
  /**
   * The frames the last scan did not open because they were not rendered: one that comes into view
   * later is a change (each frame once, so a frame the scan still cannot open never loops).
   */
  watchHiddenFrames(frames: readonly Element[]): void;
}

export function watchPage(root: Node, options: WatchOptions): PageWatch {
  const { isOwnNode, onChange, signal } = options;
  const quietMs = options.quietMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 1500;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;

  const fire = () => {
    quietTimer = undefined;
    firstChangeAt = 0;
    if (!signal.aborted) onChange();
  };

  const observer = new MutationObserver((records) => {
    // Only decide whether anything relevant happened: no DOM reads beyond node identity.
    let relevant = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        if (!isOwnNode(record.target)) relevant = true;
      } else if (
        !isOwnNode(record.target) &&
        (hasForeign(record.addedNodes) || hasForeign(record.removedNodes))
      ) {
        relevant = true;
      }
      if (relevant) break;
    }
    if (relevant) noteChange();
  });

  function noteChange(): void {
    const now = performance.now();
    if (firstChangeAt === 0) firstChangeAt = now;
    clearTimeout(quietTimer);
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - now));
    quietTimer = setTimeout(fire, wait);
  }

  // `load` does not bubble, but a capturing listener on the document sees every frame's.
  const onLoad = (event: Event) => {
    const target = event.target as Element | null;
    if (!target || (target.localName !== 'iframe' && target.localName !== 'frame') || isOwnNode(target))
      return;
    // The scan never opens such a frame, and opening it here would cost as much.
    if (isUnrenderedFrame(target)) return;
    let readable = false;
    try {
      readable = (target as HTMLIFrameElement).contentDocument !== null;
    } catch {
      // Cross-origin: never readable.
    }
    if (readable) noteChange();
  };
  root.ownerDocument?.addEventListener('load', onLoad, { capture: true, signal });

  const shownOnce = new WeakSet<Element>();
  let frameObserver: IntersectionObserver | null = null;
  function watchHiddenFrames(frames: readonly Element[]): void {
    frameObserver?.disconnect();
    if (signal.aborted || typeof IntersectionObserver !== 'function') return;
    for (const frame of frames) {
      if (shownOnce.has(frame)) continue;
      frameObserver ??= new IntersectionObserver((entries) => {
        // As in the other callbacks: only note the change, the rescan reads the frame.
        for (const entry of entries) {
          if (!entry.isIntersecting || shownOnce.has(entry.target)) continue;
          shownOnce.add(entry.target);
          frameObserver?.unobserve(entry.target);
          noteChange();
        }
      });
      frameObserver.observe(frame);
    }
  }

  function hasForeign(nodes: NodeList): boolean {
    for (let i = 0; i < nodes.length; i++) if (!isOwnNode(nodes[i]!)) return true;
    return false;
  }

  observer.observe(root, { childList: true, subtree: true, characterData: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      frameObserver?.disconnect();
      clearTimeout(quietTimer);
    },
    { once: true },
  );
  return { watchHiddenFrames };
}
