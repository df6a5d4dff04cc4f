/**
 * The background: the only place that owns extension-wide state. It answers the popup and the
 * content scripts through the typed protocol in lib/messaging/protocol.ts.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundHandlers } from '../../lib/background/handlers';
import { isMessageOf } from '../../lib/messaging/protocol';

export default defineBackground({
  // Firefox MV3 runs this as a non-persistent event page, Chrome as a service worker: either may
  // be stopped at any time, so nothing that matters is kept only in memory.
  type: 'module',
  main() {
    const handlers = createBackgroundHandlers();
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Only our own extension's pages and content scripts may talk to us.
      if (sender.id !== browser.runtime.id || !isMessageOf(handlers, message)) return undefined;
      const handler = handlers[message.type] as (data: unknown, s: typeof sender) => unknown;
      return Promise.resolve(handler(message.data, sender));
    });
  },
});
