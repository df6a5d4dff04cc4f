/**
 * What the DOM scanner keeps of each block it matched, for after the walk: where its text lies
 * (root, first and last text nodes, length) for the exact positions of the topic window, its
 * block element for placing it as article text or furniture, and the DOM ranges of its hits.
 */
import { TOPIC_WINDOW_CHARS, type TextMention } from '../match/scan';
import type { MatchKind, MentionRef } from '../match/model';
import type { BlockMap } from './blocks';
import { Placement } from './placement';

const SHOW_TEXT = 4;

export interface DomMention {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
  ref: MentionRef;
  match: MatchKind;
}

/** Where a hit's text came from, recorded while its block's node table still exists. */
export type DomRange = Omit<DomMention, 'ref' | 'match'>;

export class MatchedBlocks {
  private readonly root: number[] = [];
  private readonly first: Text[] = [];
  private readonly last: Text[] = [];
  private readonly length: number[] = [];
  private readonly element: Node[] = [];
  /** DOM ranges of hits, by "block:start" (mentions never overlap, so the key is unique). */
  private readonly ranges = new Map<string, DomRange>();
  /** Furniture by block, decided on first ask (placement reads the page's layout once). */
  private readonly furniture = new Map<number, boolean>();
  private placement: Placement | null = null;

  /** `roots`: the scanner's roots (a block's root is an index into it); `blocks` its block map. */
  constructor(
    private readonly roots: readonly Node[],
    private readonly blocks: BlockMap,
  ) {}

  add(root: number, first: Text, last: Text, length: number, element: Node): void {
    this.root.push(root);
    this.first.push(first);
    this.last.push(last);
    this.length.push(length);
    this.element.push(element);
  }

  setRange(block: number, start: number, range: DomRange): void {
    this.ranges.set(`${block}:${start}`, range);
  }

  /** Is block `b` page furniture (rules.ts), not article text? */
  isFurniture(b: number): boolean {
    let furniture = this.furniture.get(b);
    if (furniture === undefined) {
      this.placement ??= new Placement(this.roots[0]!);
      furniture = !this.placement.isArticle(this.element[b]!);
      this.furniture.set(b, furniture);
    }
    return furniture;
  }

  /** Scanned characters from the start of block `a` to the start of a later block `b`, capped past the window. */
  distance(a: number, b: number): number {
    return this.length[a]! + this.gap(a, b);
  }

  /** Scanned characters between the end of block `a` and the start of block `b`, capped past the window. */
  private gap(a: number, b: number): number {
    const far = TOPIC_WINDOW_CHARS + 1;
    if (this.root[a] !== this.root[b]) return far;
    const root = this.roots[this.root[a]!]!;
    const owner = root.nodeType === 9 ? (root as Document) : root.ownerDocument!;
    const walker = owner.createTreeWalker(root, SHOW_TEXT);
    walker.currentNode = this.last[a]!;
    const end = this.first[b]!;
    let chars = 0;
    for (let n = walker.nextNode(); n !== null && n !== end; n = walker.nextNode()) {
      const parent = n.parentNode;
      if (parent === null || this.blocks.resolve(parent) === null) continue;
      chars += (n as Text).data.length;
      if (chars >= far) return far;
    }
    return chars;
  }

  /** The core's mentions as DOM ranges. */
  mentions(mentions: readonly TextMention[]): DomMention[] {
    const out: DomMention[] = [];
    for (const m of mentions) {
      const range = this.ranges.get(`${m.block}:${m.start}`);
      if (range === undefined) continue; // cannot happen: every hit's range is recorded when matched
      out.push({ ...range, ref: m.ref, match: m.match });
    }
    return out;
  }
}
