/**
 * The content script's work on one page: scan, paint, report, and open cards from pointer or
 * keyboard. Every listener, observer, timer and highlight it starts ends with `signal` (WXT's
 * `ctx.signal`), so an extension update, a disable or a teardown leaves the page as it was.
 */
import type { DomMention, DomScan } from '../dom/scan-dom';
import { scanDomSliced } from '../dom/scan-dom';
import { ShadowHostIndex } from '../dom/shadow-hosts';
import type { Matcher, MentionRef } from '../match';
import type { PageReport } from '../messaging/protocol';
import type { CardApi } from './card-api';
import { countMarked, selectMarks, type EntityFacts, type MarkCategory, type MarkPolicy } from './categories';
import type { MarkLevel, MarkStyle } from '../settings/settings';
import { announceOnce } from './announcer';
import { createPainter, pageLooksDark, type MarkPiece, type Painter } from './highlighter';
import { caretAt, MentionIndex, pieceContainsPoint, type Piece } from './mention-index';
import { watchPage, type PageWatch } from './page-watcher';

export interface AnnotatorOptions {
  doc: Document;
  matcher: Matcher;
  signal: AbortSignal;
  markStyle: MarkStyle;
  /** How much is marked (people only, with organisations, or everything). */
  markLevel: MarkLevel;
  /** Mark only each person's first mention (the rest still count in the report). */
  firstMentionOnly: boolean;
  /** Loads the card script on first use and returns its API. */
  loadCard: () => Promise<CardApi>;
  /** Sends what the page mentions to the background (after each scan that changed it). */
  report: (report: PageReport) => void;
}

interface Mention {
  ref: MentionRef;
  pieces: MarkPiece[];
}

/** Pointer must rest on a mark this long before a card opens (a pass-over is not intent). */
const HOVER_INTENT_MS = 350;
/** Grace period to move the pointer from the mark into the card. */
const HOVER_LEAVE_MS = 300;

export class Annotator {
  private mentions: Mention[] = [];
  private index = new MentionIndex<Mention>([]);
  private painter: Painter | null = null;
  private card: CardApi | null = null;
  private cardLoading: Promise<CardApi> | null = null;
  private hovered: Mention | null = null;
  private openMention: Mention | null = null;
  private intentTimer: ReturnType<typeof setTimeout> | undefined;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  private pointerFrame = 0;
  private lastPointer = { x: 0, y: 0 };
  private focusCursor = -1;
  private scanning: Promise<void> | null = null;
  private rescanWanted = false;
  private lastReportKey = '';
  private lastReport: PageReport | null = null;
  private hoverOpened = false;
  private announced = false;
  private policy: Omit<MarkPolicy, 'aiCopyright'>;
  private watch: PageWatch | null = null;
  /** Shadow hosts kept current across rescans (not one query of the whole page per scan). */
  private readonly shadowHosts: ShadowHostIndex;

  constructor(private readonly options: AnnotatorOptions) {
    this.policy = { level: options.markLevel, firstMentionOnly: options.firstMentionOnly };
    this.shadowHosts = new ShadowHostIndex(options.signal);
  }

  /** What the page mentions, after the scan in progress (if any) has finished. */
  async currentReport(): Promise<PageReport> {
    if (this.scanning) await this.scanning;
    return this.lastReport ?? this.toReport(null);
  }

  async start(): Promise<void> {
    const { doc, signal } = this.options;
    // Watching starts before the first scan: what changes (or a frame that loads) while that scan
    // runs in its slices is then rescanned, not lost.
    this.watch = watchPage(doc.body, {
      isOwnNode: (node) => this.isOwnNode(node),
      onChange: () => void this.rescan(),
      signal,
    });
    await this.scan();
    if (signal.aborted) return;
    doc.addEventListener('pointermove', this.onPointerMove, { passive: true, signal });
    doc.addEventListener('click', this.onClick, { signal });
    signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  /** Rescans now (SPA navigation, settings change); coalesces with a scan already running. */
  async rescan(): Promise<void> {
    if (this.scanning) {
      this.rescanWanted = true;
      return this.scanning;
    }
    await this.scan();
    if (this.rescanWanted && !this.options.signal.aborted) {
      this.rescanWanted = false;
      await this.rescan();
    }
  }

  /** Moves to the next (or previous) mention, scrolls it into view and opens its card with focus. */
  async focusMention(step: 1 | -1): Promise<boolean> {
    if (this.mentions.length === 0) return false;
    const count = this.mentions.length;
    this.focusCursor = (((this.focusCursor + step) % count) + count) % count;
    const mention = this.mentions[this.focusCursor]!;
    const first = mention.pieces[0]!;
    first.node.parentElement?.scrollIntoView({
      block: 'center',
      behavior: prefersReducedMotion(this.options.doc) ? 'auto' : 'smooth',
    });
    this.painter?.flash(mention.pieces);
    await this.openCard(mention, true);
    return true;
  }

  /** Opens the card of the first mention of a person or topic (the popup's "jump to"). */
  async revealRef(ref: MentionRef): Promise<boolean> {
    const at = this.mentions.findIndex((m) => m.ref.kind === ref.kind && m.ref.id === ref.id);
    if (at < 0) return false;
    this.focusCursor = at - 1;
    return this.focusMention(1);
  }

  setMarkStyle(style: MarkStyle): void {
    this.painter?.setStyle(style, pageLooksDark(this.options.doc));
  }

  setFirstMentionOnly(value: boolean): void {
    this.setPolicy({ ...this.policy, firstMentionOnly: value });
  }

  setMarkLevel(level: MarkLevel): void {
    this.setPolicy({ ...this.policy, level });
  }

  private setPolicy(next: Omit<MarkPolicy, 'aiCopyright'>): void {
    if (next.level === this.policy.level && next.firstMentionOnly === this.policy.firstMentionOnly) return;
    this.policy = next;
    void this.rescan();
  }

  /** Kind, status and single-outlet flag of an entity, from the compiled matcher. */
  private entityFacts = (id: string): EntityFacts | undefined => {
    const { matcher } = this.options;
    const at = matcher.entityById.get(id);
    return at === undefined ? undefined : matcher.entities[at];
  };

  private async scan(): Promise<void> {
    const { doc, matcher, signal } = this.options;
    const run = (async () => {
      const result = await scanDomSliced(doc.body, matcher, { signal, shadowHosts: this.shadowHosts });
      if (signal.aborted) return;
      this.apply(result);
    })();
    this.scanning = run;
    try {
      await run;
    } finally {
      this.scanning = null;
    }
  }

  private apply(result: DomScan): void {
    const { doc } = this.options;
    // Topic words ("AI", "licence") are everywhere; they are marked only on pages about AI and
    // copyright, so the extension stays quiet on ordinary news (selectMarks has every rule).
    const selection = selectMarks(
      result.mentions,
      { ...this.policy, aiCopyright: result.classification.aiCopyright },
      this.entityFacts,
    );
    this.mentions = selection.marked.map(({ mention, category }) => ({
      ref: mention.ref,
      pieces: piecesOf(mention, category),
    }));
    const pieces = this.mentions.flatMap((m) => m.pieces);
    if (pieces.length > 0 && !this.painter) {
      // Nothing is added to the page at all until there is something to mark.
      this.painter = createPainter(doc, this.options.markStyle, pageLooksDark(doc));
    }
    this.painter?.paint(pieces);
    this.watch?.watchHiddenFrames(result.hiddenFrames);
    this.index = new MentionIndex<Mention>(
      this.mentions.flatMap((m) => m.pieces.map((p): Piece<Mention> => ({ ...p, value: m }))),
    );
    if (this.focusCursor >= this.mentions.length) this.focusCursor = -1;
    this.sendReport(
      this.toReport({
        ...countMarked(selection.marked, result),
        classification: result.classification,
        unmarked: { topicsOffPage: selection.topicsOffPage, hiddenByLevel: selection.hiddenByLevel },
      }),
    );
  }

  /** The report is what the page shows: only what is marked, counted as marked. */
  private toReport(shown: Omit<PageReport, 'url' | 'title'> | null): PageReport {
    const { doc } = this.options;
    return {
      url: doc.location.href,
      title: doc.title,
      people: shown?.people ?? [],
      topics: shown?.topics ?? [],
      classification: shown?.classification ?? { aiCopyright: false, letter: false, otherInitiative: false },
      unmarked: shown?.unmarked ?? { topicsOffPage: 0, hiddenByLevel: 0 },
    };
  }

  private sendReport(report: PageReport): void {
    this.lastReport = report;
    const key = JSON.stringify(report);
    if (key === this.lastReportKey) return;
    this.lastReportKey = key;
    this.options.report(report);
    const signatories = report.people.filter((p) => {
      const status = this.entityFacts(p.id)?.status;
      return status === 'signed' || status === 'organiser';
    }).length;
    if (!this.announced && report.people.length > 0) {
      // One polite announcement per page, not one per mark (screen-reader users asked for less noise).
      this.announced = true;
      announceOnce(this.options.doc, this.options.signal, signatories, report.people.length - signatories);
    }
  }

  private isOwnNode(node: Node): boolean {
    return (this.card?.contains(node) ?? false) || isExtensionUi(node);
  }

  private onPointerMove = (event: PointerEvent): void => {
    this.lastPointer = { x: event.clientX, y: event.clientY };
    // One hit test per frame at most, however fast the pointer moves.
    if (this.pointerFrame) return;
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      if (this.options.signal.aborted) return;
      this.onPointerSettled(this.lastPointer.x, this.lastPointer.y, event.target as Node | null);
    });
  };

  private onPointerSettled(x: number, y: number, target: Node | null): void {
    if (this.card?.contains(target)) {
      // Inside the card: keep it open.
      clearTimeout(this.leaveTimer);
      return;
    }
    const mention = this.mentionAt(x, y);
    if (mention !== this.hovered) {
      this.hovered = mention;
      clearTimeout(this.intentTimer);
      if (mention) {
        this.intentTimer = setTimeout(() => void this.openCard(mention, false), HOVER_INTENT_MS);
      }
    }
    if (mention && mention === this.openMention) clearTimeout(this.leaveTimer);
    else if (this.openMention && !mention) {
      clearTimeout(this.leaveTimer);
      this.leaveTimer = setTimeout(() => this.closeCardIfHoverOpened(), HOVER_LEAVE_MS);
    }
  }

  private onClick = (event: MouseEvent): void => {
    if (this.card?.contains(event.target as Node)) return;
    // Names are often links: let the link work, hover already offers the card there.
    if ((event.target as Element | null)?.closest?.('a[href], button, input, textarea, select, label'))
      return;
    const mention = this.mentionAt(event.clientX, event.clientY);
    if (mention) void this.openCard(mention, false);
  };

  private mentionAt(x: number, y: number): Mention | null {
    if (this.mentions.length === 0) return null;
    const caret = caretAt(this.options.doc, x, y);
    if (!caret) return null;
    const piece = this.index.at(caret.node, caret.offset);
    return piece && pieceContainsPoint(piece, x, y) ? piece.value : null;
  }

  private closeCardIfHoverOpened(): void {
    if (this.hoverOpened) {
      this.card?.close();
      this.openMention = null;
    }
  }

  private async openCard(mention: Mention, fromKeyboard: boolean): Promise<void> {
    const card = await this.ensureCard();
    if (this.options.signal.aborted) return;
    this.openMention = mention;
    this.hoverOpened = !fromKeyboard;
    const first = mention.pieces[0]!;
    await card.open({
      ref: mention.ref,
      term:
        mention.ref.kind === 'topic'
          ? mention.pieces.map((p) => p.node.data.slice(p.start, p.end)).join(' ')
          : undefined,
      takeFocus: fromKeyboard,
      contextElement: first.node.parentElement,
      anchorRect: () => rectOf(first),
    });
  }

  private ensureCard(): Promise<CardApi> {
    this.cardLoading ??= this.options.loadCard().then((card) => (this.card = card));
    return this.cardLoading;
  }

  private teardown(): void {
    clearTimeout(this.intentTimer);
    clearTimeout(this.leaveTimer);
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.painter?.destroy();
    this.painter = null;
    this.card?.close();
    this.mentions = [];
  }
}

/** Our own elements: the card's host and the announcer carry the attribute. */
function isExtensionUi(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!element?.closest('[data-undersigned-ui]');
}

/** Splits a mention that spans inline elements into one piece per text node. */
export function piecesOf(mention: DomMention, category: MarkCategory): MarkPiece[] {
  if (mention.startNode === mention.endNode) {
    return [{ node: mention.startNode, start: mention.startOffset, end: mention.endOffset, category }];
  }
  const pieces: MarkPiece[] = [];
  const doc = mention.startNode.ownerDocument;
  const walker = doc.createTreeWalker(doc.body ?? doc, NodeFilter.SHOW_TEXT);
  walker.currentNode = mention.startNode;
  let node: Node | null = mention.startNode;
  while (node) {
    const text = node as Text;
    const start = text === mention.startNode ? mention.startOffset : 0;
    const end = text === mention.endNode ? mention.endOffset : text.length;
    if (end > start) pieces.push({ node: text, start, end, category });
    if (text === mention.endNode) break;
    node = walker.nextNode();
  }
  return pieces;
}

function rectOf(piece: MarkPiece): DOMRect {
  const range = piece.node.ownerDocument.createRange();
  range.setStart(piece.node, piece.start);
  range.setEnd(piece.node, Math.min(piece.end, piece.node.length));
  return range.getBoundingClientRect();
}

function prefersReducedMotion(doc: Document): boolean {
  return doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
