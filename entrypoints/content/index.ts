/**
 * The content script: runs at document_idle on the pages the user lets it read, finds the
 * letter's signatories, the debate's actors and its topics, marks them, and reports them to the
 * background. Everything it starts is tied to `ctx`, so an update or a disable tears it all down.
 *
 * Start-up is kept small: the compact matcher data (names, statuses, topic terms; no sources) and
 * the engine. The card's UI is a separate script injected on the first card (lib/content/card-api.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import matcherJson from '../../assets/data/matcher.json';
import { Annotator } from '../../lib/content/annotator';
import { publishedCardApi, type CardApi } from '../../lib/content/card-api';
import { showLookup } from '../../lib/content/lookup';
import { loadMatcher, type ShippedMatcherData } from '../../lib/match/precompiled';
import { sendToBackground, type PageReport, type ToContent } from '../../lib/messaging/protocol';
import { getSettings, onSettingsChanged, shouldScanHost } from '../../lib/store/settings';

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
    let current = settings;

    // One annotation session per page while the site is allowed; the settings can end it (the
    // site is blocked) and start it again (allowed again) without a reload.
    let session: { annotator: Annotator; controller: AbortController } | null = null;
    const startSession = (): Annotator => {
      if (session) return session.annotator;
      const controller = new AbortController();
      const annotator = new Annotator({
        doc: document,
        matcher,
        signal: controller.signal,
        markStyle: current.markStyle,
        markLevel: current.markLevel,
        firstMentionOnly: current.firstMentionOnly,
        loadCard,
        report: (report) => {
          // The background may be restarting after an update; the popup asks again when opened.
          sendToBackground('reportPage', report).catch(() => undefined);
        },
      });
      session = { annotator, controller };
      void annotator.start();
      return annotator;
    };
    // One listener for every session: toggling a site on and off must not pile up listeners.
    ctx.onInvalidated(() => session?.controller.abort());
    const stopSession = () => {
      if (!session) return;
      session.controller.abort();
      session = null;
      // The tab no longer shows anything: say so, so the badge and the popup agree.
      sendToBackground('reportPage', emptyReport()).catch(() => undefined);
    };

    const onMessage = (message: unknown) => {
      const m = message as { type?: keyof ToContent; data?: unknown } | null;
      switch (m?.type) {
        case 'getReport':
          return session ? session.annotator.currentReport() : Promise.resolve(emptyReport());
        case 'scanPage':
          // "Only when I click" mode, or a site not allowed: the user asked for this page.
          return startSession()
            .currentReport()
            .then(() => ({ ok: true }));
        case 'focusMention': {
          const step = (m.data as { step?: unknown } | undefined)?.step === -1 ? -1 : 1;
          return session
            ? session.annotator.focusMention(step).then((ok) => ({ ok }))
            : Promise.resolve({ ok: false });
        }
        case 'revealMention': {
          const ref = (m.data as { ref?: unknown } | undefined)?.ref as
            { kind?: unknown; id?: unknown } | undefined;
          if ((ref?.kind !== 'entity' && ref?.kind !== 'topic') || typeof ref.id !== 'string') {
            return Promise.resolve({ ok: false });
          }
          if (!session) return Promise.resolve({ ok: false });
          return session.annotator.revealRef({ kind: ref.kind, id: ref.id }).then((ok) => ({ ok }));
        }
        case 'showLookup':
          return showLookup(document, m.data, loadCard, ctx.signal).then((ok) => ({ ok }));
        default:
          return undefined;
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    // Settings changed in the options page or the popup reach this tab without a reload.
    const stopWatchingSettings = onSettingsChanged((next) => {
      current = next;
      const allowed = shouldScanHost(next, location.hostname);
      if (!allowed) return stopSession();
      const annotator = startSession();
      annotator.setMarkStyle(next.markStyle);
      annotator.setFirstMentionOnly(next.firstMentionOnly);
      annotator.setMarkLevel(next.markLevel);
    });
    ctx.onInvalidated(stopWatchingSettings);

    // Single-page apps change the URL without a load: that is a new article to read.
    ctx.addEventListener(window, 'wxt:locationchange', () => void session?.annotator.rescan());

    if (shouldScanHost(settings, location.hostname)) startSession();
    else sendToBackground('reportPage', emptyReport()).catch(() => undefined);
  },
});

/** What the tab shows when Undersigned does not read the page. */
function emptyReport(): PageReport {
  return {
    url: location.href,
    title: document.title,
    people: [],
    topics: [],
    classification: { aiCopyright: false, letter: false, otherInitiative: false },
    unmarked: { topicsOffPage: 0, hiddenByLevel: 0 },
  };
}

/** Asks the background to inject the card script into this frame, once, and returns its API. */
async function loadCard(): Promise<CardApi> {
  const existing = publishedCardApi();
  if (existing) return existing;
  const { ok } = await sendToBackground('injectCard', null);
  // The card script publishes its API when its (async) start finishes, shortly after injection.
  for (let waited = 0; ok && waited < 3000; waited += 25) {
    const api = publishedCardApi();
    if (api) return api;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The card could not be loaded on this page.');
}
