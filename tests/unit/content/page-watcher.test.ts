import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPage } from '../../../lib/content/page-watcher';

/** Lets MutationObserver deliver its records (a microtask) before timers are advanced. */
const flushObservers = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('watchPage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  function setup(quietMs = 100, maxWaitMs = 400) {
    vi.useFakeTimers();
    const controller = new AbortController();
    const own = document.createElement('undersigned-card');
    const onChange = vi.fn();
    const watch = watchPage(document.body, {
      isOwnNode: (node) => node === own || own.contains(node),
      onChange,
      quietMs,
      maxWaitMs,
      signal: controller.signal,
    });
    return { controller, own, onChange, watch };
  }

  it('coalesces a burst of changes into one call after the page goes quiet', async () => {
    const { onChange } = setup();
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    await flushObservers();
    expect(onChange).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('still fires within maxWaitMs when changes never stop', async () => {
    const { onChange } = setup(100, 400);
    for (let t = 0; t < 600; t += 50) {
      document.body.append(document.createTextNode('more'));
      await flushObservers();
      vi.advanceTimersByTime(50);
    }
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('ignores the extension’s own nodes', async () => {
    const { own, onChange } = setup();
    document.body.append(own);
    await flushObservers();
    own.append(document.createElement('div'));
    await flushObservers();
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('notices text edits', async () => {
    const p = document.createElement('p');
    p.textContent = 'before';
    document.body.append(p);
    const { onChange } = setup();
    (p.firstChild as Text).data = 'after';
    await flushObservers();
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('stops when the lifetime signal aborts', async () => {
    const { controller, onChange } = setup();
    document.body.append(document.createElement('p'));
    await flushObservers();
    controller.abort();
    vi.advanceTimersByTime(1000);
    document.body.append(document.createElement('p'));
    await flushObservers();
    vi.advanceTimersByTime(1000);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('a same-origin frame that finishes loading is a change; a cross-origin one is not', async () => {
    const sameOrigin = document.createElement('iframe');
    const crossOrigin = document.createElement('iframe');
    document.body.append(sameOrigin, crossOrigin);
    await flushObservers();
    const { onChange } = setup();
    // A readable document for one, null (what browsers give for another origin) for the other.
    Object.defineProperty(sameOrigin, 'contentDocument', {
      value: document.implementation.createHTMLDocument('frame'),
    });
    Object.defineProperty(crossOrigin, 'contentDocument', { value: null });
    crossOrigin.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(500);
    expect(onChange).not.toHaveBeenCalled();
    sameOrigin.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a frame that is not rendered is not opened when it loads (the scan skips it too)', async () => {
    const hidden = document.createElement('iframe');
    hidden.style.display = 'none';
    document.body.append(hidden);
    await flushObservers();
    const { onChange } = setup();
    const contentDocument = vi.fn(() => document.implementation.createHTMLDocument('frame'));
    Object.defineProperty(hidden, 'contentDocument', { get: contentDocument });
    hidden.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(500);
    expect(contentDocument).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('a frame the scan left unopened because it was hidden is a change once it shows, once', async () => {
    // An IntersectionObserver the test drives: happy-dom lays nothing out.
    const observers: FakeIntersectionObserver[] = [];
    class FakeIntersectionObserver {
      readonly targets = new Set<Element>();
      constructor(readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        observers.push(this);
      }
      observe(target: Element) {
        this.targets.add(target);
      }
      unobserve(target: Element) {
        this.targets.delete(target);
      }
      disconnect() {
        this.targets.clear();
      }
      show(target: Element, isIntersecting = true) {
        if (this.targets.has(target)) this.callback([{ target, isIntersecting }]);
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    const [a, b] = [document.createElement('iframe'), document.createElement('iframe')];
    document.body.append(a, b);
    await flushObservers();
    const { onChange, watch, controller } = setup();
    watch.watchHiddenFrames([a, b]);
    const io = observers[0]!;
    expect([...io.targets]).toEqual([a, b]);
    // The first report of a still hidden frame is not a change.
    io.show(a, false);
    vi.advanceTimersByTime(500);
    expect(onChange).not.toHaveBeenCalled();
    io.show(a);
    vi.advanceTimersByTime(100);
    expect(onChange).toHaveBeenCalledTimes(1);
    // The next scan still lists `a` (say it could not open it after all): no second rescan for it.
    watch.watchHiddenFrames([a, b]);
    expect([...io.targets]).toEqual([b]);
    controller.abort();
    expect(io.targets.size).toBe(0);
  });
});
