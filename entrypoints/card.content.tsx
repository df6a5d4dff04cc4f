/**
 * The card script: injected by the background into a frame the first time a card opens there
 * (registration: 'runtime'), so the UI's code costs nothing on pages where no card is opened.
 * It publishes its API for the content script in their shared isolated world (lib/content/card-api.ts).
 *
 * The card lives in a shadow root (page CSS cannot restyle it) on a host element shown in the top
 * layer with the Popover API (page z-index cannot bury it), positioned by Floating UI. The host is
 * added to the page only while a card is open.
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { cardCss } from '../components/card';
import { CardView } from '../components/card/CardView';
import { publishCardApi, publishedCardApi, type CardApi, type CardRequest } from '../lib/content/card-api';

export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  cssInjectionMode: 'manual',
  async main(ctx) {
    // Injected twice (two quick opens racing)? The first instance serves.
    if (publishedCardApi()) return;
    const shell = await createCardShell(ctx);
    const api = createCardApi(shell);
    publishCardApi(api);
    ctx.onInvalidated(() => {
      api.close();
      publishCardApi(undefined);
    });
  },
});

/** The card's host element and shadow root; `container()` is where it renders while mounted. */
interface CardShell {
  ui: ShadowRootContentScriptUi<HTMLElement>;
  host: HTMLElement;
  container: () => HTMLElement | null;
}

async function createCardShell(ctx: ContentScriptContext): Promise<CardShell> {
  let container: HTMLElement | null = null;
  const ui = await createShadowRootUi(ctx, {
    name: 'undersigned-card',
    position: 'inline',
    anchor: 'body',
    css: cardCss,
    // WXT's reset is `:host { all: initial !important }`, which would also wipe the host's
    // position below; card.css resets inherited properties inside the root instead.
    inheritStyles: true,
    onMount: (uiContainer) => {
      container = uiContainer;
      return uiContainer;
    },
    onRemove: (mounted) => {
      if (mounted) render(null, mounted);
      container = null;
    },
  });
  const host = ui.shadowHost;
  // Top layer: above any z-index the page uses, without the page's stacking contexts.
  host.setAttribute('popover', 'manual');
  host.setAttribute('data-undersigned-ui', '');
  // !important inline: page stylesheets must not be able to move, hide or restyle the host.
  host.style.cssText = HOST_STYLE.map((declaration) => `${declaration}!important`).join(';');
  return { ui, host, container: () => container };
}

const HOST_STYLE = [
  'display:block',
  'position:fixed',
  'inset:auto',
  'left:0',
  'top:0',
  'margin:0',
  'padding:0',
  'border:0',
  'background:transparent',
  'overflow:visible',
  'width:max-content',
  'height:auto',
  'max-width:none',
  'max-height:none',
  'color-scheme:normal',
];

/** Opens, closes and places the card; Escape or a click outside closes it, focus goes back. */
function createCardApi({ ui, host, container }: CardShell): CardApi {
  let stopPositioning: (() => void) | null = null;
  let returnFocusTo: Element | null = null;
  let open = false;

  const contains = (node: Node | null) => !!node && (node === host || host.contains(node));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  const onPointerDown = (event: PointerEvent) => {
    if (!contains(event.target as Node | null)) close();
  };
  function close() {
    if (!open) return;
    open = false;
    stopPositioning?.();
    stopPositioning = null;
    if (host.matches(':popover-open')) host.hidePopover();
    ui.remove();
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, true);
    const target = returnFocusTo as HTMLElement | null;
    returnFocusTo = null;
    if (target?.isConnected) target.focus?.({ preventScroll: true });
  }

  return {
    async open(request: CardRequest) {
      if (!open) {
        returnFocusTo = request.takeFocus ? document.activeElement : null;
        ui.mount();
        host.showPopover();
        document.addEventListener('keydown', onKeyDown, true);
        document.addEventListener('pointerdown', onPointerDown, true);
        open = true;
      }
      const mounted = container();
      if (!mounted) return;
      // CardView moves focus into the card once its data is shown, when asked to.
      render(<CardView request={request} onClose={close} />, mounted);
      stopPositioning?.();
      stopPositioning = followAnchor(host, request);
    },
    close,
    isOpen: () => open,
    contains,
  };
}

/** The card's distance from every viewport edge, in CSS px. */
const VIEWPORT_MARGIN = 8;

/**
 * Keeps the host next to the request's anchor, inside the viewport with a margin: flipped to the
 * side with room, capped to the room there (card.css scrolls its body) and shifted along both axes.
 * Returns the stop.
 */
function followAnchor(host: HTMLElement, request: CardRequest): () => void {
  const reference = {
    getBoundingClientRect: request.anchorRect,
    contextElement: request.contextElement ?? undefined,
  };
  return autoUpdate(reference, host, () => {
    // Flip compares the card's natural height, not the cap a previous run left on the other side
    // (it would keep a squeezed card below a mark near the bottom). Set again before any paint.
    host.style.removeProperty('--us-card-max-height');
    host.style.setProperty('--us-card-max-width', `${viewportWidth() - 2 * VIEWPORT_MARGIN}px`);
    void computePosition(reference, host, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: VIEWPORT_MARGIN }),
        size({
          padding: VIEWPORT_MARGIN,
          apply({ availableHeight }) {
            // card.css sizes the card (and scrolls its body) from this variable.
            host.style.setProperty('--us-card-max-height', `${Math.max(0, Math.floor(availableHeight))}px`);
          },
        }),
        // After size: a card capped to the room only moves if its anchor is itself out of view.
        shift({ padding: VIEWPORT_MARGIN, crossAxis: true }),
      ],
    }).then(({ x, y }) => {
      host.style.setProperty('left', `${x}px`, 'important');
      host.style.setProperty('top', `${y}px`, 'important');
    });
  });
}

/** The layout viewport's width without its scrollbar (what Floating UI clips against). */
function viewportWidth(): number {
  return Math.min(document.documentElement.clientWidth, window.visualViewport?.width ?? Infinity);
}
