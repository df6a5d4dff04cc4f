/**
 * The content script's ShadowHostIndex (lib/dom/shadow-hosts.ts): across rescans it must give
 * exactly what a fresh query of the page gives, while querying only what was added since.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanDom, type DomScan } from '../../../lib/dom/scan-dom';
import { ShadowHostIndex, shadowHostCandidates } from '../../../lib/dom/shadow-hosts';
import { realMatcher } from '../match/helpers';

function names(scan: DomScan): string[] {
  return scan.mentions.map((m) => m.ref.id);
}

/** A custom element whose open shadow root holds `text`. */
function embed(tag: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.attachShadow({ mode: 'open' }).append(text);
  return el;
}

let controller: AbortController;

beforeEach(() => {
  document.body.replaceChildren();
  controller = new AbortController();
});

afterEach(() => {
  controller.abort();
  delete (document as { evaluate?: unknown }).evaluate;
});

describe('ShadowHostIndex', () => {
  it('gives what a fresh query gives after hosts are added, moved and removed between scans', () => {
    const root = document.body;
    root.append(embed('news-embed', 'Mark Ruffalo'));
    const index = new ShadowHostIndex(controller.signal);
    const withIndex = () => names(scanDom(root, realMatcher, { shadowHosts: index }));
    const fresh = () => names(scanDom(root, realMatcher));
    expect(withIndex()).toEqual(['mark-ruffalo']);

    // Added synchronously just before the scan: the records are taken at the start of the scan.
    const wrapper = document.createElement('div');
    wrapper.append(embed('quote-card', 'Ben Stiller'));
    root.prepend(wrapper);
    expect(withIndex()).toEqual(['ben-stiller', 'mark-ruffalo']);
    expect(withIndex()).toEqual(fresh());

    // Moved after the other host, then the first one removed.
    root.append(wrapper);
    expect(withIndex()).toEqual(['mark-ruffalo', 'ben-stiller']);
    root.querySelector('news-embed')!.remove();
    expect(withIndex()).toEqual(['ben-stiller']);
    expect(withIndex()).toEqual(fresh());

    // Many additions at once (an infinite scroll): one query of the whole page instead.
    for (let i = 0; i < 100; i++) root.append(embed(`x-${i % 3}-card`, i === 99 ? 'Cate Blanchett' : 'x'));
    expect(withIndex()).toEqual(['ben-stiller', 'cate-blanchett']);
    expect(withIndex()).toEqual(fresh());
  });

  it('queries the whole root once, then only the nodes added since', () => {
    const root = document.body;
    root.append(document.createElement('x-a'));
    const calls: Node[] = [];
    // happy-dom has no XPath: stand in for the browser's, answering with the walk's result.
    Object.defineProperty(document, 'evaluate', {
      configurable: true,
      value: (_expression: string, context: Node) => {
        calls.push(context);
        const saved = (document as { evaluate?: unknown }).evaluate;
        delete (document as { evaluate?: unknown }).evaluate;
        const found = shadowHostCandidates(context, true);
        Object.defineProperty(document, 'evaluate', { configurable: true, value: saved });
        return { snapshotLength: found.length, snapshotItem: (i: number) => found[i] ?? null };
      },
    });
    const index = new ShadowHostIndex(controller.signal);
    expect(index.hostsUnder(root).map((el) => el.localName)).toEqual(['x-a']);
    expect(calls).toEqual([root]);
    calls.length = 0;
    expect(index.hostsUnder(root).map((el) => el.localName)).toEqual(['x-a']);
    expect(calls).toEqual([]);
    const added = document.createElement('section');
    added.append(document.createElement('x-b'), 'text');
    root.prepend(added);
    expect(index.hostsUnder(root).map((el) => el.localName)).toEqual(['x-b', 'x-a']);
    expect(calls).toEqual([added]);
  });

  it('stops observing with the content script, and then queries afresh every time', () => {
    const root = document.body;
    const index = new ShadowHostIndex(controller.signal);
    expect(index.hostsUnder(root)).toEqual([]);
    controller.abort();
    root.append(document.createElement('x-late'));
    expect(index.hostsUnder(root).map((el) => el.localName)).toEqual(['x-late']);
  });
});
