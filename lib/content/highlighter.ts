/**
 * Paints mentions without touching the host page's DOM: ranges are registered with the CSS Custom
 * Highlight API and styled by a constructed stylesheet adopted by the document, so there are no
 * wrapper elements, no attribute changes and no layout shift for the page's own scripts to trip on.
 * Every supported browser has the API (Chrome ≥ 105, Firefox ≥ 140), so there is no other painter.
 */
import type { MarkStyle } from '../settings/settings';
import { MARK_CATEGORIES, type MarkCategory } from './categories';

/** One piece of a mention inside a single text node (a mention split by inline tags has several). */
export interface MarkPiece {
  node: Text;
  start: number;
  end: number;
  category: MarkCategory;
}

const CATEGORIES = MARK_CATEGORIES;
/** Unique names: the highlight registry is shared with the page's own scripts. */
export const highlightName = (category: MarkCategory) =>
  `undersigned-${category === 'signedSingle' ? 'signed-single' : category}`;
const FLASH = 'undersigned-flash';
const FLASH_MS = 1200;

/** Chrome repaints every registered range on each frame; beyond this the page would scroll slowly. */
export const MAX_RANGES = 600;

export interface Painter {
  paint(pieces: readonly MarkPiece[]): void;
  /** Briefly emphasises one mention (after a jump to it), whatever the mark style. */
  flash(pieces: readonly MarkPiece[]): void;
  setStyle(style: MarkStyle, dark: boolean): void;
  clear(): void;
  destroy(): void;
}

export function createPainter(doc: Document, style: MarkStyle, dark: boolean): Painter {
  const view = doc.defaultView as Window & typeof globalThis;
  const registry = view.CSS.highlights;
  const HighlightCtor = view.Highlight;
  const StaticRangeCtor = view.StaticRange;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(highlightCss(style, dark));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];

  const clear = () => {
    for (const category of CATEGORIES) registry.delete(highlightName(category));
    registry.delete(FLASH);
  };
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    flash(pieces) {
      clearTimeout(flashTimer);
      const ranges = pieces.map(
        (p) =>
          new StaticRangeCtor({
            startContainer: p.node,
            startOffset: p.start,
            endContainer: p.node,
            endOffset: p.end,
          }),
      );
      registry.set(FLASH, new HighlightCtor(...ranges));
      flashTimer = setTimeout(() => registry.delete(FLASH), FLASH_MS);
    },
    paint(pieces) {
      const byCategory = new Map<MarkCategory, AbstractRange[]>();
      for (const piece of pieces.slice(0, MAX_RANGES)) {
        // StaticRange costs nothing to keep; the content script re-scans when the text changes.
        const range = new StaticRangeCtor({
          startContainer: piece.node,
          startOffset: piece.start,
          endContainer: piece.node,
          endOffset: piece.end,
        });
        const list = byCategory.get(piece.category);
        if (list) list.push(range);
        else byCategory.set(piece.category, [range]);
      }
      clear();
      for (const [category, ranges] of byCategory) {
        registry.set(highlightName(category), new HighlightCtor(...ranges));
      }
    },
    setStyle(next, nextDark) {
      sheet.replaceSync(highlightCss(next, nextDark));
    },
    clear,
    destroy() {
      clearTimeout(flashTimer);
      clear();
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}

type Palette = Record<MarkCategory, string>;

/**
 * Chosen for ≥3:1 contrast against typical light and dark page backgrounds respectively. A
 * single-outlet signatory's blue is the signatory's, paler: the same claim, on weaker evidence.
 */
const LIGHT: Palette = {
  signed: '#1d4ed8',
  signedSingle: '#5b7fd6',
  organiser: '#6d28d9',
  actor: '#4b5563',
  unconfirmed: '#b45309',
  topic: '#047857',
};
const DARK: Palette = {
  signed: '#93b4ff',
  signedSingle: '#7f95c4',
  organiser: '#c4a5ff',
  actor: '#b8bfca',
  unconfirmed: '#fbbf24',
  topic: '#6ee7b7',
};

/**
 * Line styles tell the categories apart without relying on colour. CSS has five line styles and
 * five other categories, so a single-outlet signatory is told by thickness: a hairline solid line
 * (1px) against the signatory's 2px one (3px against 1px in forced colours, where colour is gone).
 */
export const LINE: Record<MarkCategory, string> = {
  signed: 'solid',
  signedSingle: 'solid',
  organiser: 'double',
  actor: 'dotted',
  unconfirmed: 'wavy',
  topic: 'dashed',
};
export const THICKNESS: Record<MarkCategory, string> = {
  signed: '2px',
  signedSingle: '1px',
  organiser: '2px',
  actor: '1.5px',
  unconfirmed: '2px',
  topic: '1.5px',
};

function declarations(category: MarkCategory, style: MarkStyle, dark: boolean): string {
  const colour = (dark ? DARK : LIGHT)[category];
  if (style === 'none') return '';
  const line = `text-decoration: underline ${LINE[category]} ${colour} ${THICKNESS[category]};`;
  if (style === 'background') {
    const tint = `background-color: color-mix(in srgb, ${colour} ${dark ? 30 : 18}%, transparent);`;
    // Tints differ by colour only; the hairline keeps a lone outlet's claim apart without it.
    return category === 'signedSingle' ? `${tint} ${line}` : tint;
  }
  return line;
}

/**
 * A legend's sample of a category's mark, as inline CSS for an extension page that follows the
 * system's theme (light-dark() picks the palette); 'none' shows the underline the legend explains.
 * The line style and thickness are also given as custom properties for forced colours.
 */
export function sampleCss(category: MarkCategory, style: MarkStyle): string {
  const colour = `light-dark(${LIGHT[category]}, ${DARK[category]})`;
  const line = `text-decoration: underline ${LINE[category]} ${colour} ${THICKNESS[category]};`;
  const vars = `--us-mark-line: ${LINE[category]}; --us-mark-thickness: ${category === 'signed' ? '3px' : THICKNESS[category]};`;
  if (style !== 'background') return `${line} ${vars}`;
  const tint = `background-color: color-mix(in srgb, ${colour} 22%, transparent);`;
  return category === 'signedSingle' ? `${tint} ${line} ${vars}` : `${tint} ${vars}`;
}

/**
 * Forced colours (Windows high contrast) replace every author colour and drop backgrounds: the
 * marks are then lines in the system's text colour, told apart by style and thickness alone.
 */
function forcedColoursCss(style: MarkStyle): string {
  if (style === 'none') return '';
  const rules = CATEGORIES.map((category) => {
    const thickness = category === 'signed' ? '3px' : THICKNESS[category];
    return `::highlight(${highlightName(category)}) { background-color: transparent; text-decoration: underline ${LINE[category]} CanvasText ${thickness}; }`;
  });
  return `@media (forced-colors: active) {\n${rules.join('\n')}\n}`;
}

export function highlightCss(style: MarkStyle, dark: boolean): string {
  const flash = `::highlight(${FLASH}) { background-color: ${dark ? '#854d0e' : '#fde68a'}; }`;
  return [
    ...CATEGORIES.map(
      (category) => `::highlight(${highlightName(category)}) { ${declarations(category, style, dark)} }`,
    ),
    flash,
    forcedColoursCss(style),
  ].join('\n');
}

/** Whether the page looks dark, from its computed background (pages ignore the OS theme often). */
export function pageLooksDark(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const element of [doc.body, doc.documentElement]) {
    if (!element) continue;
    const rgb = view
      .getComputedStyle(element)
      .backgroundColor.match(/[\d.]+/g)
      ?.map(Number);
    if (!rgb || rgb.length < 3) continue;
    const alpha = rgb[3] ?? 1;
    if (alpha === 0) continue;
    const [r, g, b] = rgb as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
  }
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
