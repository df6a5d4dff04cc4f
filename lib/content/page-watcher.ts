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
  const { isOwnNode, signal } = options;
  const burst = coalesce(options);
  const observer = new MutationObserver((records) => {
    if (records.some((record) => isForeignChange(record, isOwnNode))) burst.noteChange();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  watchFrameLoads(root, isOwnNode, burst.noteChange, signal);
  const hiddenFrames = watchHiddenFrames(burst.noteChange, signal);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      hiddenFrames.disconnect();
      burst.cancel();
    },
    { once: true },
  );
  return { watchHiddenFrames: hiddenFrames.watch };
}

/** Changes in a burst call `onChange` once: `quietMs` after the last, at most `maxWaitMs` after the first. */
function coalesce(options: WatchOptions): { noteChange: () => void; cancel: () => void } {
  const quietMs = options.quietMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 1500;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  const fire = () => {
    quietTimer = undefined;
    firstChangeAt = 0;
    if (!options.signal.aborted) options.onChange();
  };
  return {
    noteChange() {
      const now = performance.now();
      if (firstChangeAt === 0) firstChangeAt = now;
      clearTimeout(quietTimer);
      const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - now));
      quietTimer = setTimeout(fire, wait);
    },
    cancel: () => clearTimeout(quietTimer),
  };
}

/** Whether a mutation touches the page's own nodes. Only decides: no DOM reads beyond node identity. */
function isForeignChange(record: MutationRecord, isOwnNode: (node: Node) => boolean): boolean {
  if (isOwnNode(record.target)) return false;
  if (record.type === 'characterData') return true;
  const hasForeign = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (!isOwnNode(nodes[i]!)) return true;
    return false;
  };
  return hasForeign(record.addedNodes) || hasForeign(record.removedNodes);
}

/** A rendered same-origin frame that finishes loading is a change (cross-origin ones are unreadable). */
function watchFrameLoads(
  root: Node,
  isOwnNode: (node: Node) => boolean,
  noteChange: () => void,
  signal: AbortSignal,
): void {
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
}

/** Frames the scan left unopened because hidden: each is a change once, when it first shows. */
function watchHiddenFrames(
  noteChange: () => void,
  signal: AbortSignal,
): { watch: (frames: readonly Element[]) => void; disconnect: () => void } {
  const shownOnce = new WeakSet<Element>();
  let frameObserver: IntersectionObserver | null = null;
  const watch = (frames: readonly Element[]) => {
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
  };
  return { watch, disconnect: () => frameObserver?.disconnect() };
}
