/**
 * The content script's message handlers (the contract: lib/messaging/to-content.ts), kept free of
 * listener plumbing so unit tests call them, or dispatch them, directly. Payloads arrive checked.
 */
import type { Handlers } from '../messaging/dispatch';
import type { ToContent } from '../messaging/to-content';
import type { CardApi } from './card-api';
import { showLookup } from './lookup';
import { emptyReport, type PageSession } from './session';

export function createContentHandlers(options: {
  doc: Document;
  session: PageSession;
  loadCard: () => Promise<CardApi>;
  signal: AbortSignal;
}): Handlers<ToContent> {
  const { doc, session } = options;
  return {
    getReport: () => session.current()?.currentReport() ?? emptyReport(doc),
    // "Only when I click" mode, or a site not allowed: the user asked for this page.
    scanPage: async () => {
      await session.start().currentReport();
      return { ok: true };
    },
    focusMention: async ({ step }) => ({ ok: (await session.current()?.focusMention(step)) ?? false }),
    revealMention: async ({ ref }) => ({ ok: (await session.current()?.revealRef(ref)) ?? false }),
    showLookup: async (lookup) => ({
      ok: await showLookup(doc, lookup, options.loadCard, options.signal),
    }),
  };
}
