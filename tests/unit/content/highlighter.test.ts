/**
 * The painter's fallback (no CSS Custom Highlight API: happy-dom, older browsers) wraps mentions
 * and must give the page back exactly as it was; the highlight stylesheet tells categories apart
 * by line style, not colour alone.
 */
import { describe, expect, it } from 'vitest';
import { createPainter, highlightCss, type MarkPiece } from '../../../lib/content/highlighter';

function page(html: string): { doc: Document; p: HTMLElement } {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = html;
  return { doc, p: doc.body.firstElementChild as HTMLElement };
}

function pieceOf(node: Text, word: string, category: MarkPiece['category']): MarkPiece {
  const start = node.data.indexOf(word);
  return { node, start, end: start + word.length, category };
}

describe('the wrapping painter', () => {
  it('wraps each piece, including two in one text node, and restores the DOM on destroy', () => {
    const { doc, p } = page('<p>Ben Stiller and Mark Ruffalo on fair use.</p>');
    const before = doc.body.innerHTML;
    const text = p.firstChild as Text;
    const pieces = [pieceOf(text, 'Ben Stiller', 'signed'), pieceOf(text, 'Mark Ruffalo', 'signed')];
    pieces.push(pieceOf(text, 'fair use', 'topic'));
    const painter = createPainter(doc, 'underline', false);
    painter.paint(pieces);

    const marks = [...doc.querySelectorAll('undersigned-mark')];
    expect(marks.map((m) => [m.textContent, (m as HTMLElement).dataset.category])).toEqual([
      ['Ben Stiller', 'signed'],
      ['Mark Ruffalo', 'signed'],
      ['fair use', 'topic'],
    ]);
    expect(p.textContent).toBe('Ben Stiller and Mark Ruffalo on fair use.');
    expect(marks[0]!.getAttribute('style')).toContain('solid');
    expect(marks[2]!.getAttribute('style')).toContain('dashed');

    painter.setStyle('background', false);
    expect(marks[0]!.getAttribute('style')).toContain('background-color');

    painter.destroy();
    expect(doc.querySelectorAll('undersigned-mark')).toHaveLength(0);
    expect(doc.body.innerHTML).toBe(before);
    expect(p.childNodes).toHaveLength(1);
  });

  it('repaints on the same text nodes after clear (a rescan points at them)', () => {
    const { doc, p } = page('<p>Cate Blanchett signed.</p>');
    const text = p.firstChild as Text;
    const painter = createPainter(doc, 'underline', false);
    painter.paint([pieceOf(text, 'Cate Blanchett', 'signed')]);
    const inside = doc.querySelector('undersigned-mark')!.firstChild as Text;
    painter.clear();
    expect(inside.isConnected).toBe(true);
    painter.paint([{ node: inside, start: 0, end: inside.length, category: 'signed' }]);
    expect(doc.querySelector('undersigned-mark')?.textContent).toBe('Cate Blanchett');
    painter.destroy();
    expect(p.textContent).toBe('Cate Blanchett signed.');
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
