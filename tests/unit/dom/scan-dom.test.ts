import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scanDom, scanDomSliced, type DomScan } from '../../../lib/dom/scan-dom';
import { shadowHostCandidates } from '../../../lib/dom/shadow-hosts';
import { scanBlocks } from '../../../lib/match/index';
import { AI_COPYRIGHT_CONTEXT, realMatcher } from '../match/helpers';
import { page, textOf } from '../support/dom';

function list(scan: DomScan): [string, string, string][] {
  return scan.mentions.filter((m) => m.ref.kind === 'entity').map((m) => [textOf(m), m.ref.id, m.match]);
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('scanDom', () => {
  it('maps offsets exactly back to text nodes', () => {
    const root = page('<p>Yesterday, <b>Mark Ruffalo</b>’s letter.</p>');
    const scan = scanDom(root, realMatcher);
    expect(scan.mentions).toHaveLength(1);
    const m = scan.mentions[0]!;
    expect(m.startNode).toBe(root.querySelector('b')!.firstChild);
    expect([m.startOffset, m.endOffset]).toEqual([0, 12]);
    expect(m.endNode).toBe(m.startNode);
    expect(scan.people).toEqual([{ id: 'mark-ruffalo', mentions: 1 }]);
  });

  it('finds a name split across inline elements', () => {
    const root = page(
      '<p>With <a href="#">Ben</a> <b>Stiller</b> and <span>Cate</span><i> Blanch</i><em>ett</em>.</p>',
    );
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([
      ['Ben Stiller', 'ben-stiller', 'full'],
      ['Cate Blanchett', 'cate-blanchett', 'full'],
    ]);
    const ben = scan.mentions[0]!;
    expect(ben.startNode.data).toBe('Ben');
    expect(ben.endNode.data).toBe('Stiller');
    expect(ben.endOffset).toBe(7);
  });

  it('never assembles a name across blocks: cells, paragraphs, list items, line breaks', () => {
    for (const markup of [
      '<table><tr><td>Ben</td><td>Stiller</td></tr></table>',
      '<p>Ben</p><p>Stiller</p>',
      '<ul><li>Ben</li><li>Stiller</li></ul>',
      '<div>Ben<br>Stiller</div>',
      '<div>Ben<div></div> Stiller</div>',
      '<p><span>Ben</span><button>Stiller</button></p>',
      '<h2>Ben</h2> Stiller',
    ]) {
      expect(list(scanDom(page(markup), realMatcher)), markup).toEqual([]);
    }
  });

  it('ignores text in script, style, noscript, textarea, select, template and svg', () => {
    const root = page(
      '<script>var a = "Mark Ruffalo";</script><style>/* Mark Ruffalo */</style><noscript>Mark Ruffalo</noscript>' +
        '<textarea>Mark Ruffalo</textarea><select><option>Mark Ruffalo</option></select>' +
        '<template>Mark Ruffalo</template><svg><text>Mark Ruffalo</text></svg><input value="Mark Ruffalo">',
    );
    expect(scanDom(root, realMatcher).mentions).toEqual([]);
  });

  it('ignores editable regions and the extension’s own UI', () => {
    const root = page(
      '<div contenteditable="true"><p>Mark Ruffalo</p></div><div contenteditable="">Ben Stiller</div>' +
        '<div contenteditable="plaintext-only">Cate Blanchett</div>' +
        '<div data-undersigned-ui><p>Ron Howard</p></div><undersigned-card data-wxt-shadow-root>Chris Rock</undersigned-card>' +
        '<p contenteditable="false">Ava DuVernay</p>',
    );
    expect(list(scanDom(root, realMatcher))).toEqual([['Ava DuVernay', 'ava-duvernay', 'full']]);
  });

  it('skips everything under the outermost skipped element, whichever descendant is reached first', () => {
    // The first candidate climbs through an editable span and then our UI's container: both count.
    const root = page(
      '<div data-undersigned-ui><span contenteditable><b>Ben Stiller</b></span><p>Mark Ruffalo</p></div>' +
        '<p>Ava DuVernay</p>',
    );
    expect(list(scanDom(root, realMatcher))).toEqual([['Ava DuVernay', 'ava-duvernay', 'full']]);
  });

  it('scans open shadow roots of custom elements, not closed ones, and not our own shadow hosts', () => {
    const root = page(
      '<p>Mark Ruffalo signed.</p><news-embed id="open"></news-embed><news-embed id="closed"></news-embed>' +
        '<news-embed id="ours" data-undersigned-ui></news-embed>',
    );
    const open = root.querySelector('#open')!.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.append('Ruffalo and ', 'Ben Stiller');
    open.append(p);
    const closed = root.querySelector('#closed')!.attachShadow({ mode: 'closed' });
    closed.append('Cate Blanchett');
    root.querySelector('#ours')!.attachShadow({ mode: 'open' }).append('Ron Howard');
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
      ['Ben Stiller', 'ben-stiller', 'full'],
    ]);
    expect(scan.mentions[1]!.startNode.getRootNode()).toBe(open);
  });

  it('scans nested shadow roots, each root after the one that holds it', () => {
    const root = page('<p>Mark Ruffalo</p><outer-card></outer-card><side-note></side-note>');
    const outer = root.querySelector('outer-card')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('inner-card');
    outer.append(inner);
    inner.attachShadow({ mode: 'open' }).append('Ben Stiller');
    root.querySelector('side-note')!.attachShadow({ mode: 'open' }).append('Cate Blanchett');
    expect(list(scanDom(root, realMatcher))).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Cate Blanchett', 'cate-blanchett', 'full'],
      ['Ben Stiller', 'ben-stiller', 'full'],
    ]);
  });

  // The documented restriction (lib/dom/scan-dom.ts header): finding shadow roots on plain
  // built-in elements would mean reading every element's shadowRoot on every page load.
  it('does not look for shadow roots on plain built-in elements (the cost decision in the header)', () => {
    const root = page('<p>Mark Ruffalo</p><div id="plain"></div><span id="inline"></span><p is="x-p"></p>');
    root.querySelector('#plain')!.attachShadow({ mode: 'open' }).append('Ben Stiller');
    root.querySelector('#inline')!.attachShadow({ mode: 'open' }).append('Cate Blanchett');
    root.querySelector('p[is]')!.attachShadow({ mode: 'open' }).append('Ava DuVernay');
    expect(list(scanDom(root, realMatcher))).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
  });

  it('finds shadow host candidates with one native XPath query where there is one, else by a walk', () => {
    const root = page('<div><x-a></x-a><p is="x-p"></p><span></span><x-b><x-c></x-c></x-b></div>');
    const walked = shadowHostCandidates(root);
    expect(walked.map((el) => el.localName)).toEqual(['x-a', 'x-b', 'x-c']);
    // happy-dom has no XPath: stand in for the browser's, and check the query and its use.
    const calls: { expression: string; context: Node; type: number }[] = [];
    const evaluate = (expression: string, context: Node, _ns: unknown, type: number) => {
      calls.push({ expression, context, type });
      return { snapshotLength: walked.length, snapshotItem: (i: number) => walked[i] ?? null };
    };
    Object.defineProperty(document, 'evaluate', { value: evaluate, configurable: true });
    try {
      expect(shadowHostCandidates(root)).toEqual(walked);
      expect(calls).toEqual([{ expression: ".//*[contains(name(), '-')]", context: root, type: 7 }]);
      // Browsers refuse a shadow root as the context node: its child elements are queried instead.
      const shadow = root.querySelector('x-a')!.attachShadow({ mode: 'open' });
      shadow.append(document.createElement('p'), 'text', document.createElement('y-b'));
      calls.length = 0;
      shadowHostCandidates(shadow);
      expect(calls.map((c) => [c.expression, (c.context as Element).localName])).toEqual([
        ["descendant-or-self::*[contains(name(), '-')]", 'p'],
        ["descendant-or-self::*[contains(name(), '-')]", 'y-b'],
      ]);
      // A browser that refuses the context node: the walk gives the same list.
      Object.defineProperty(document, 'evaluate', {
        value: () => {
          throw new Error('NotSupportedError');
        },
        configurable: true,
      });
      expect(shadowHostCandidates(root)).toEqual(walked);
    } finally {
      delete (document as { evaluate?: unknown }).evaluate;
    }
    expect(typeof (document as { evaluate?: unknown }).evaluate).toBe('undefined');
  });

  // happy-dom (as configured for the unit tests) does not load iframe documents, so these tests
  // give the iframe the document a same-origin frame would expose, through the same property the
  // adapter reads in a browser (contentDocument). The real-browser path is for the e2e suite.
  it('scans a same-origin iframe document', () => {
    const root = page('<p>Mark Ruffalo</p><iframe></iframe>');
    const inner = document.implementation.createHTMLDocument('frame');
    const p = inner.createElement('p');
    p.textContent = 'Ruffalo and Cate Blanchett';
    inner.body.append(p);
    Object.defineProperty(root.querySelector('iframe')!, 'contentDocument', { get: () => inner });
    const scan = scanDom(root, realMatcher);
    expect(list(scan)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
      ['Cate Blanchett', 'cate-blanchett', 'full'],
    ]);
    expect(scan.mentions[2]!.startNode.ownerDocument).toBe(inner);
  });

  it('skips cross-origin iframes (contentDocument null or throwing) and iframes inside skipped content', () => {
    const root = page(
      '<p>Mark Ruffalo</p><iframe id="a"></iframe><iframe id="b"></iframe><div contenteditable><iframe id="c"></iframe></div>',
    );
    Object.defineProperty(root.querySelector('#a')!, 'contentDocument', { get: () => null });
    Object.defineProperty(root.querySelector('#b')!, 'contentDocument', {
      get: () => {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    const inner = document.implementation.createHTMLDocument('frame');
    inner.body.textContent = 'Cate Blanchett';
    Object.defineProperty(root.querySelector('#c')!, 'contentDocument', { get: () => inner });
    expect(list(scanDom(root, realMatcher))).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
  });

  it('handles NBSP, thin spaces, curly apostrophes and possessives in the DOM', () => {
    const root = page(
      '<p>Mark&nbsp;Ruffalo, Faisal D’Souza and Mark\u2009Ruffalo’s film on AI and copyright</p>',
    );
    expect(list(scanDom(root, realMatcher))).toEqual([
      ['Mark\u00a0Ruffalo', 'mark-ruffalo', 'full'],
      ['Faisal D’Souza', 'faisal-d-souza', 'full'],
      ['Mark\u2009Ruffalo', 'mark-ruffalo', 'full'],
    ]);
  });

  it('follows surnames only after the full name in document order, and silences actors off topic', () => {
    const root = page(
      '<h1>Ruffalo speaks</h1><p>Mark Ruffalo and Donald Trump.</p><p>Ruffalo said Trump was wrong.</p>',
    );
    expect(list(scanDom(root, realMatcher))).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
    ]);
    const onTopic = page(
      `<p>${AI_COPYRIGHT_CONTEXT}</p><p>Mark Ruffalo and Donald Trump.</p><p>Ruffalo said Trump was wrong.</p>`,
    );
    const scan = scanDom(onTopic, realMatcher);
    expect(list(scan)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Donald Trump', 'donald-trump', 'full'],
      ['Ruffalo', 'mark-ruffalo', 'surname'],
      ['Trump', 'donald-trump', 'surname'],
    ]);
    expect(scan.classification.aiCopyright).toBe(true);
  });

  it('agrees with the core on the same blocks, and reports its statistics', () => {
    const root = page(
      '<article><h1>PAUL MCCARTNEY</h1><p>Sir <b>Paul</b> McCartney and <i>Chris</i> Rock.</p><p>Rock music.</p></article>',
    );
    const scan = scanDom(root, realMatcher);
    const core = scanBlocks(
      ['PAUL MCCARTNEY', 'Sir Paul McCartney and Chris Rock.', 'Rock music.'],
      realMatcher,
    );
    expect(scan.people).toEqual(core.people);
    expect(scan.mentions.map(textOf)).toEqual(
      core.mentions.map((m) =>
        ['PAUL MCCARTNEY', 'Sir Paul McCartney and Chris Rock.', 'Rock music.'][m.block]!.slice(
          m.start,
          m.end,
        ),
      ),
    );
    expect(scan.stats).toEqual({ textNodes: 7, chars: 59, blocks: 3 });
  });

  it('does not open a frame that is not rendered (most ad and tracking slots)', () => {
    const root = page(
      '<p>Mark Ruffalo</p><iframe id="shown"></iframe><iframe id="none" style="display: none"></iframe>' +
        '<div style="display: none"><iframe id="inside"></iframe></div>',
    );
    const opened: string[] = [];
    for (const frame of root.querySelectorAll('iframe')) {
      const inner = document.implementation.createHTMLDocument('frame');
      inner.body.textContent = `Cate Blanchett in ${frame.id}`;
      Object.defineProperty(frame, 'contentDocument', {
        get: () => {
          opened.push(frame.id);
          return inner;
        },
      });
    }
    const scan = scanDom(root, realMatcher);
    expect(opened).toEqual(['shown']);
    // Listed for the content script, which rescans when one of them shows.
    expect(scan.hiddenFrames.map((frame) => frame.id)).toEqual(['none', 'inside']);
    expect(list(scan)).toEqual([
      ['Mark Ruffalo', 'mark-ruffalo', 'full'],
      ['Cate Blanchett', 'cate-blanchett', 'full'],
    ]);
  });
});

describe('scanDomSliced', () => {
  it('gives the same result as scanDom while yielding between slices', async () => {
    const parts: string[] = [`<p>${AI_COPYRIGHT_CONTEXT}</p>`];
    for (let i = 0; i < 600; i++)
      parts.push(`<p>Paragraph ${i} with <b>Mark</b> Ruffalo and Sam Altman, then Ruffalo.</p>`);
    const root = page(parts.join(''));
    const whole = scanDom(root, realMatcher);
    let yields = 0;
    const sliced = await scanDomSliced(root, realMatcher, {
      budgetMs: 0,
      yieldFn: async () => {
        yields++;
      },
    });
    // 1,800 text nodes, a time check every 256: at least 7 slices.
    expect(yields).toBeGreaterThanOrEqual(7);
    expect(sliced.people).toEqual(whole.people);
    expect(sliced.people).toEqual([
      { id: 'mark-ruffalo', mentions: 1200 },
      { id: 'sam-altman', mentions: 600 },
    ]);
    expect(sliced.mentions.length).toBe(whole.mentions.length);
    expect(
      sliced.mentions.every(
        (m, i) =>
          m.startNode === whole.mentions[i]!.startNode && m.endOffset === whole.mentions[i]!.endOffset,
      ),
    ).toBe(true);
    expect(sliced.classification).toEqual(whole.classification);
    expect(sliced.stats).toEqual(whole.stats);
  }, 60_000);

  it('gives the whole-tree queries of a big root slices of their own, and keeps a small page in one', async () => {
    const countYields = async (root: Node) => {
      let yields = 0;
      // A budget no slice reaches: only the big-root rule can end one early.
      const scan = await scanDomSliced(root, realMatcher, {
        budgetMs: 1e9,
        yieldFn: async () => {
          yields++;
        },
      });
      return { yields, scan };
    };
    const small = await countYields(page('<p>Mark <b>Ruffalo</b> said.</p>'.repeat(100)));
    // One slice, then the yield before the document-level rules.
    expect(small.yields).toBe(1);
    const bigRoot = page('<p>Mark <b>Ruffalo</b> said.</p>'.repeat(1500));
    const big = await countYields(bigRoot);
    // The walk; the shadow-host query; the frames lookup (then the rules).
    expect(big.yields).toBe(3);
    expect(big.scan.mentions.length).toBe(scanDom(bigRoot, realMatcher).mentions.length);
    expect(big.scan.mentions.length).toBe(1500);
  }, 60_000);

  it('looks at the clock before opening each frame (opening one can take milliseconds)', async () => {
    const root = page(`<p>Mark Ruffalo</p>${'<iframe></iframe>'.repeat(20)}`);
    // A clock that only moves when a frame is opened: 3 ms each, as an isolated world's first look
    // into a same-origin frame measured in Chromium.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    let opened = 0;
    for (const frame of root.querySelectorAll('iframe')) {
      Object.defineProperty(frame, 'contentDocument', {
        get: () => {
          clock += 3;
          opened++;
          return null;
        },
      });
    }
    const perSlice: number[] = [];
    let before = 0;
    try {
      const scan = await scanDomSliced(root, realMatcher, {
        budgetMs: 8,
        yieldFn: async () => {
          perSlice.push(opened - before);
          before = opened;
        },
      });
      expect(list(scan)).toEqual([['Mark Ruffalo', 'mark-ruffalo', 'full']]);
    } finally {
      now.mockRestore();
    }
    expect(opened).toBe(20);
    // 8 ms of budget: the third frame ends a slice (9 ms), never the sixteenth.
    expect(Math.max(...perSlice)).toBe(3);
  });

  it('stops when aborted', async () => {
    const root = page('<p>Mark Ruffalo</p>'.repeat(600));
    const controller = new AbortController();
    const pending = scanDomSliced(root, realMatcher, {
      budgetMs: 0,
      signal: controller.signal,
      yieldFn: async () => controller.abort(),
    });
    await expect(pending).rejects.toThrow();
  });
});
