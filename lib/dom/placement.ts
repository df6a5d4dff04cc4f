/**
 * Where matched blocks sit on the page: article text or furniture (rules.ts), climbing out of
 * shadow roots and frames to the page's main content, which is looked for once, on first use.
 */
import { furnitureFlags, isArticleText, readLayout, topFlags, type PageLayout } from './rules';

const ELEMENT_NODE = 1;

export class Placement {
  /** The page's main content and prose (rules.ts), read on first use. */
  private layout: PageLayout | null = null;
  /** Node → its furniture flags (rules.ts furnitureFlags), cached per node. */
  private readonly flagsOf = new Map<Node, number>();

  /** `page`: the scan's first root (the document or element the scan started from). */
  constructor(private readonly page: Node) {}

  /** Is the text of this block element (or root) article text? */
  isArticle(block: Node): boolean {
    return isArticleText(this.flags(block));
  }

  /**
   * Where a block sits on the page (article text or furniture, rules.ts), climbing out of shadow
   * roots and frames to the page's main content. The main content is looked for once, here.
   */
  private flags(node: Node): number {
    this.layout ??= readLayout(this.page);
    const layout = this.layout;
    const chain: Node[] = [];
    let n: Node | null = node;
    let base: number | undefined;
    while (n !== null) {
      base = this.flagsOf.get(n);
      if (base !== undefined) break;
      chain.push(n);
      n = composedParent(n);
    }
    if (base === undefined) base = topFlags(layout);
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      if (c.nodeType === ELEMENT_NODE) base = furnitureFlags(base, c as Element, layout);
      this.flagsOf.set(c, base);
    }
    return base;
  }
}

/** The parent across a shadow root (its host) and a frame's document (the frame). */
function composedParent(n: Node): Node | null {
  if (n.nodeType === 11) return (n as ShadowRoot).host ?? null;
  if (n.nodeType === 9) {
    try {
      return (n as Document).defaultView?.frameElement ?? null;
    } catch {
      return null; // only same-origin frames are scanned, but a page may change its domain
    }
  }
  return n.parentNode;
}
