/**
 * The painter registers ranges with the CSS Custom Highlight API (a stand-in here: happy-dom lacks
 * it; tests/e2e/annotate.e2e.ts paints in real browsers) and never touches the page's DOM; the
 * highlight stylesheet tells categories apart by line style, not colour alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPainter, highlightCss, MAX_RANGES, type MarkPiece } from '../../../lib/content/highlighter';
import {
  FakeHighlight,
  installHighlightApi,
  paintedMarks,
  type FakeRegistry,
} from '../support/highlight-api';

function page(html: string): { doc: Document; p: HTMLElement } {
  document.body.innerHTML = html;
  return { doc: document, p: document.body.firstElementChild as HTMLElement };
}

function pieceOf(node: Text, word: string, category: MarkPiece['category']): MarkPiece {
  const start = node.data.indexOf(word);
  return { node, start, end: start + word.length, category };
}

/** happy-dom parses no ::highlight rules, so the sheet's text is read as the painter writes it. */
const written = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
/** The text of the stylesheet the painter adopted into the document (the last it wrote there). */
const adoptedCss = (doc: Document) => {
  const at = written.mock.contexts.findLastIndex((sheet) =>
    doc.adoptedStyleSheets.includes(sheet as CSSStyleSheet),
  );
  return at < 0 ? '' : written.mock.calls[at]![0];
};

let registry: FakeRegistry;
let uninstall: () => void;
beforeEach(() => ({ registry, uninstall } = installHighlightApi()));
afterEach(() => {
  uninstall();
  written.mockClear();
  document.body.replaceChildren();
  document.adoptedStyleSheets = [];
  vi.useRealTimers();
});

describe('the highlight painter', () => {
  it('registers each category under its own name and leaves the DOM as it was', () => {
    const { doc, p } = page('<p>Ben Stiller and Mark Ruffalo on fair use, said Jane Roe.</p>');
    const before = doc.body.innerHTML;
    const text = p.firstChild as Text;
    const painter = createPainter(doc, 'underline', false);
    painter.paint([
      pieceOf(text, 'Ben Stiller', 'signed'),
      pieceOf(text, 'Mark Ruffalo', 'signed'),
      pieceOf(text, 'fair use', 'topic'),
      pieceOf(text, 'Jane Roe', 'signedSingle'),
    ]);

    expect([...registry.keys()].sort()).toEqual([
      'undersigned-signed',
      'undersigned-signed-single',
      'undersigned-topic',
    ]);
    expect(registry.get('undersigned-signed')).toBeInstanceOf(FakeHighlight);
    expect(registry.get('undersigned-signed')!.size).toBe(2);
    expect(paintedMarks(registry)).toEqual([
      { text: 'Ben Stiller', category: 'signed' },
      { text: 'Mark Ruffalo', category: 'signed' },
      { text: 'fair use', category: 'topic' },
      { text: 'Jane Roe', category: 'signedSingle' },
    ]);
    expect(doc.body.innerHTML).toBe(before);
    expect(adoptedCss(doc)).toContain('undersigned-signed');
    painter.destroy();
  });

  it('a repaint replaces what was registered: a category no longer on the page is removed', () => {
    const { doc, p } = page('<p>Cate Blanchett on fair use.</p>');
    const text = p.firstChild as Text;
    const painter = createPainter(doc, 'underline', false);
    painter.paint([pieceOf(text, 'Cate Blanchett', 'signed'), pieceOf(text, 'fair use', 'topic')]);
    painter.paint([pieceOf(text, 'Cate Blanchett', 'signed')]);
    expect([...registry.keys()]).toEqual(['undersigned-signed']);
    expect(paintedMarks(registry)).toEqual([{ text: 'Cate Blanchett', category: 'signed' }]);
    painter.clear();
    expect(registry.size).toBe(0);
    painter.destroy();
  });

  it('paints at most MAX_RANGES ranges', () => {
    const { doc, p } = page(`<p>${'AI '.repeat(MAX_RANGES + 10)}</p>`);
    const text = p.firstChild as Text;
    const pieces = Array.from({ length: MAX_RANGES + 10 }, (_, i): MarkPiece => ({
      node: text,
      start: i * 3,
      end: i * 3 + 2,
      category: 'topic',
    }));
    const painter = createPainter(doc, 'underline', false);
    painter.paint(pieces);
    expect(registry.get('undersigned-topic')!.size).toBe(MAX_RANGES);
    painter.destroy();
  });

  it('restyles after a style change without unregistering the marks', () => {
    const { doc, p } = page('<p>Cate Blanchett signed.</p>');
    const text = p.firstChild as Text;
    const painter = createPainter(doc, 'underline', false);
    painter.paint([pieceOf(text, 'Cate Blanchett', 'signed')]);
    expect(adoptedCss(doc)).not.toContain('background-color: color-mix');
    painter.setStyle('background', true);
    expect(adoptedCss(doc)).toContain('background-color: color-mix');
    expect(doc.adoptedStyleSheets).toHaveLength(1);
    expect(paintedMarks(registry)).toEqual([{ text: 'Cate Blanchett', category: 'signed' }]);
    painter.destroy();
  });

  it('flashes a mention under its own name for a moment', () => {
    vi.useFakeTimers();
    const { doc, p } = page('<p>Cate Blanchett signed.</p>');
    const text = p.firstChild as Text;
    const painter = createPainter(doc, 'none', false);
    painter.flash([pieceOf(text, 'Cate Blanchett', 'signed')]);
    expect(registry.get('undersigned-flash')!.size).toBe(1);
    vi.advanceTimersByTime(1500);
    expect(registry.has('undersigned-flash')).toBe(false);
    painter.destroy();
  });

  it('destroy removes its names and its stylesheet, and leaves highlights the page registered', () => {
    const { doc, p } = page('<p>Cate Blanchett signed.</p>');
    const text = p.firstChild as Text;
    const pagesOwn = new FakeHighlight();
    registry.set('search-result', pagesOwn);
    const painter = createPainter(doc, 'underline', false);
    painter.paint([pieceOf(text, 'Cate Blanchett', 'signed')]);
    painter.flash([pieceOf(text, 'Cate Blanchett', 'signed')]);
    painter.destroy();
    expect([...registry.entries()]).toEqual([['search-result', pagesOwn]]);
    expect(doc.adoptedStyleSheets).toHaveLength(0);
  });
});

describe('highlightCss', () => {
  it('gives every category its own line style and registers the flash', () => {
    const css = highlightCss('underline', false);
    for (const [name, line] of [
      ['signed', 'solid'],
      ['organiser', 'double'],
      ['actor', 'dotted'],
      ['unconfirmed', 'wavy'],
      ['topic', 'dashed'],
    ]) {
      expect(css).toMatch(new RegExp(`::highlight\\(undersigned-${name}\\) \\{[^}]*underline ${line}`));
    }
    expect(css).toContain('::highlight(undersigned-flash)');
    expect(highlightCss('none', true)).toMatch(/::highlight\(undersigned-signed\) \{\s*\}/);
  });

  it('draws a single-outlet signatory apart from a signatory, in every style and theme', () => {
    for (const dark of [false, true]) {
      const underline = highlightCss('underline', dark);
      const single = underline.match(/::highlight\(undersigned-signed-single\) \{([^}]*)\}/)?.[1] ?? '';
      const signed = underline.match(/::highlight\(undersigned-signed\) \{([^}]*)\}/)?.[1] ?? '';
      expect(single).toMatch(/underline solid \S+ 1px/);
      expect(signed).toMatch(/underline solid \S+ 2px/);
      // A paler colour too, not only a thinner line.
      expect(single.match(/#[0-9a-f]{6}/)?.[0]).not.toBe(signed.match(/#[0-9a-f]{6}/)?.[0]);
      // The background style tints every category; the hairline keeps a lone outlet apart.
      const all = highlightCss('background', dark);
      const background = all.slice(0, all.indexOf('@media'));
      expect(background).toMatch(
        /::highlight\(undersigned-signed-single\) \{[^}]*background-color[^}]*underline solid \S+ 1px/,
      );
      expect(background).not.toMatch(/::highlight\(undersigned-signed\) \{[^}]*underline/);
    }
  });

  it('keeps the marks apart in forced colours, by line style and thickness alone', () => {
    const css = highlightCss('background', false);
    const forced = css.slice(css.indexOf('@media (forced-colors: active)'));
    expect(forced).toMatch(/undersigned-signed\) \{[^}]*underline solid CanvasText 3px/);
    expect(forced).toMatch(/undersigned-signed-single\) \{[^}]*underline solid CanvasText 1px/);
    expect(forced).toMatch(/undersigned-topic\) \{[^}]*underline dashed CanvasText/);
    expect(highlightCss('none', false)).not.toContain('forced-colors');
  });
});
