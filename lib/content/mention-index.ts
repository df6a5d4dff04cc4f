/**
 * Finds the mention under a caret position: per text node, the marked pieces sorted by offset,
 * searched by bisection, so hit-testing on pointer moves costs O(log n) and allocates nothing.
 */
export interface Piece<T> {
  node: Text;
  start: number;
  end: number;
  value: T;
}

export class MentionIndex<T> {
  private byNode = new WeakMap<Text, Piece<T>[]>();

  constructor(pieces: Iterable<Piece<T>>) {
    for (const piece of pieces) {
      const list = this.byNode.get(piece.node);
      if (!list) this.byNode.set(piece.node, [piece]);
      // Scans run left to right, so a node's pieces arrive in order; keep it so if they do not.
      else if (list[list.length - 1]!.start <= piece.start) list.push(piece);
      else
        list.splice(
          list.findIndex((p) => p.start > piece.start),
          0,
          piece,
        );
    }
  }

  /** The piece whose text contains `offset` (a caret at either edge counts: the rects decide). */
  at(node: Node, offset: number): Piece<T> | undefined {
    const list = this.byNode.get(node as Text);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const piece = list[mid]!;
      if (offset < piece.start) hi = mid - 1;
      else if (offset > piece.end) lo = mid + 1;
      else return piece;
    }
    return undefined;
  }
}

/** The text position under a point, in either browser's API. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (withPosition.caretPositionFromPoint) {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = withPosition.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * Whether the point is really over the piece's glyphs: caret APIs snap to the nearest text even
 * in margins and line ends, which would open cards where the pointer is not on a name.
 */
export function pieceContainsPoint(piece: { node: Text; start: number; end: number }, x: number, y: number) {
  const range = piece.node.ownerDocument.createRange();
  range.setStart(piece.node, piece.start);
  range.setEnd(piece.node, Math.min(piece.end, piece.node.length));
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}
