/**
 * The content script: runs at document_idle on the pages the user lets it read, finds the
 * letter's signatories, the debate's actors and its topics, and reports them to the background.
 * Everything it starts is tied to `ctx`, so an update or a disable tears it all down.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { sendToBackground, type PageReport, type ToContent } from '../../lib/messaging/protocol';
import { compileMatcher, type MatcherData } from '../../lib/match';
import { scanDomSliced } from '../../lib/dom/scan-dom';
import matcherData from '../../assets/data/matcher.json';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    // The compact matcher data (names, statuses, topic terms), not the full bundle with sources.
    const matcher = compileMatcher(matcherData as MatcherData);
    // One sliced scan of the page, abandoned if the extension is updated or disabled mid-way.
    const scanning = scanDomSliced(document.body ?? document.documentElement, matcher, {
      signal: ctx.signal,
      yieldFn: () => new Promise<void>((resolve) => ctx.setTimeout(resolve, 0)),
    });
    const report = async (): Promise<PageReport> => {
      const scan = await scanning;
      return {
        url: location.href,
        title: document.title,
        people: scan.people,
        topics: scan.topics,
        classification: scan.classification,
      };
    };

    const onMessage = (message: unknown) => {
      const m = message as { type?: keyof ToContent };
      if (m?.type === 'getReport') return report();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    void report()
      .then((page) => sendToBackground('reportPage', page))
      .catch(() => {
        // Aborted (ctx invalidated), or the background is restarting after an update; the popup asks again when opened.
      });
  },
});
