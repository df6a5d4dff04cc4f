/** The card script, loaded on the first card a frame opens (lib/content/card-api.ts explains why). */
import { sendToBackground } from '../messaging/protocol';
import { publishedCardApi, type CardApi } from './card-api';

/** Asks the background to inject the card script into this frame, once, and returns its API. */
export async function loadCard(): Promise<CardApi> {
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
