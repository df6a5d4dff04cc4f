/**
 * A minimal stand-in for the CSS Custom Highlight API, which happy-dom lacks: `Highlight` (a set of
 * ranges), `CSS.highlights` (a Map by name) and `StaticRange`. Enough for lib/content/highlighter.ts
 * to take its one path in unit tests; real browsers are covered by the e2e tests.
 */
import { MARK_CATEGORIES, type MarkCategory } from '../../../lib/content/categories';
import { highlightName } from '../../../lib/content/highlighter';

export class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    ({
      startContainer: this.startContainer,
      startOffset: this.startOffset,
      endContainer: this.endContainer,
      endOffset: this.endOffset,
    } = init);
  }
}

export class FakeHighlight extends Set<FakeStaticRange> {
  constructor(...ranges: FakeStaticRange[]) {
    super(ranges);
  }
}

export type FakeRegistry = Map<string, FakeHighlight>;

interface Installed {
  registry: FakeRegistry;
  /** Puts back what the window had before (nothing, in happy-dom). */
  uninstall(): void;
}

/** Installs the stand-in on `win` (the test's window by default) and returns its registry. */
export function installHighlightApi(win: Window = window): Installed {
  const registry: FakeRegistry = new Map();
  const target = win as unknown as Record<string, unknown>;
  // happy-dom's window.CSS is a getter that makes a new object each time: shadow it with one that
  // keeps the registry, and delete the shadow to put the getter back.
  const css = Object.assign(Object.create((target.CSS as object | undefined) ?? null) as object, {
    highlights: registry,
  });
  const own = ['CSS', 'Highlight', 'StaticRange'] as const;
  const values = { CSS: css, Highlight: FakeHighlight, StaticRange: FakeStaticRange };
  for (const name of own) Object.defineProperty(win, name, { value: values[name], configurable: true });
  return {
    registry,
    uninstall() {
      for (const name of own) delete target[name];
    },
  };
}

const CATEGORY_OF = new Map(MARK_CATEGORIES.map((c) => [highlightName(c), c] as const));

export interface PaintedMark {
  text: string;
  category: MarkCategory;
}

/** What the registry paints as marks (not the flash), in document order: the text and category. */
export function paintedMarks(registry: FakeRegistry): PaintedMark[] {
  const found: (PaintedMark & { range: FakeStaticRange })[] = [];
  for (const [name, highlight] of registry) {
    const category = CATEGORY_OF.get(name);
    if (!category) continue;
    for (const range of highlight) {
      const text = (range.startContainer as Text).data.slice(range.startOffset, range.endOffset);
      found.push({ text, category, range });
    }
  }
  return found
    .sort((a, b) => compareRanges(a.range, b.range))
    .map(({ text, category }) => ({ text, category }));
}

function compareRanges(a: FakeStaticRange, b: FakeStaticRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  // DOCUMENT_POSITION_FOLLOWING: b comes after a.
  return a.startContainer.compareDocumentPosition(b.startContainer) & 4 ? -1 : 1;
}
