/**
 * The content script: runs at document_idle on the pages the user lets it read, finds the
 * letter's signatories, the debate's actors and its topics, marks them, and reports them to the
 * background. Everything it starts is tied to `ctx`, so an update or a disable tears it all down.
 *
 * Start-up is kept small: the compact matcher data (names, statuses, topic terms; no sources) and
 * the engine. The card's UI is a separate script injected on the first card.
 *
 * Components (lib/content/ unless said):
 *   session.ts       one annotation session per page, started and stopped as the settings allow
 *   annotator.ts     scans the page (lib/dom, lib/match), paints the marks, opens cards, reports
 *   highlighter.ts   paints with the CSS Custom Highlight API: the page's DOM is never touched
 *   categories.ts    what is marked at the reader's mark level, and how it is drawn
 *   mention-index.ts which mark is under the pointer, by bisection
 *   page-watcher.ts  notices the page changing; the observer only queues, a sliced rescan follows
 *   announcer.ts     one polite screen-reader announcement per page
 *   handlers.ts      the answers to the popup and the background (lib/messaging/to-content.ts),
 *                    through the one dispatch that refuses malformed messages
 *   lookup.ts        the context-menu lookup's card, next to the selection
 *   load-card.ts,    the card script (entrypoints/card.content.tsx), injected on the first card,
 *   card-api.ts        and the API it publishes in this isolated world
 *   lib/settings     the settings in storage.local, and whether this site is read
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import matcherJson from '../../assets/data/matcher.json';
import { createContentHandlers } from '../../lib/content/handlers';
import { loadCard } from '../../lib/content/load-card';
import { createPageSession, reportNothing, type PageSession } from '../../lib/content/session';
import { loadMatcher, type ShippedMatcherData } from '../../lib/match/precompiled';
import { listen } from '../../lib/messaging/dispatch';
import { toContent } from '../../lib/messaging/to-content';
import { getSettings, onSettingsChanged, shouldScanHost } from '../../lib/settings/settings';

export default defineContentScript({
  // Registered by the background (lib/background/registration.ts) where the user granted access,
  // or injected into one tab on "Scan this page": not in the manifest, so installing asks for no
  // access to any site.
  registration: 'runtime',
  matches: ['*://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    if (!document.body) return;
    const settings = await getSettings();
    if (ctx.isInvalid) return;

    // Compiled at data-build time (lib/match/precompiled.ts): no compile work on the page.
    const matcher = loadMatcher(matcherJson as unknown as ShippedMatcherData);
    const session = createPageSession({ doc: document, matcher, settings, loadCard });
    // One teardown for every session: toggling a site on and off must not pile up listeners.
    ctx.onInvalidated(() => session.stop(false));

    ctx.onInvalidated(
      listen(toContent, createContentHandlers({ doc: document, session, loadCard, signal: ctx.signal })),
    );
    followSettings(ctx, session);
    // Single-page apps change the URL without a load: that is a new article to read.
    ctx.addEventListener(window, 'wxt:locationchange', () => void session.current()?.rescan());

    if (shouldScanHost(settings, location.hostname)) session.start();
    else reportNothing(document);
  },
});

/** Settings changed in the options page or the popup reach this tab without a reload. */
function followSettings(ctx: ContentScriptContext, session: PageSession): void {
  const stopWatching = onSettingsChanged((next) => {
    session.useSettings(next);
    if (!shouldScanHost(next, location.hostname)) return session.stop();
    const annotator = session.start();
    annotator.setMarkStyle(next.markStyle);
    annotator.setFirstMentionOnly(next.firstMentionOnly);
    annotator.setMarkLevel(next.markLevel);
  });
  ctx.onInvalidated(stopWatching);
}
