/**
 * The browser's side of site access: what is granted, and asking for more. Requests must be made
 * synchronously in a click handler (Firefox drops the user gesture at the first await), so the
 * request functions return the browser's promise directly and do nothing before calling it.
 */
import { browser } from 'wxt/browser';
import { EVERY_SITE, hasAccessTo, sitePatterns, type GrantedAccess } from './sites';

export async function readAccess(): Promise<GrantedAccess> {
  const [all, everySite] = await Promise.all([
    browser.permissions.getAll(),
    browser.permissions.contains({ origins: [EVERY_SITE] }),
  ]);
  return { everySite, origins: all.origins ?? [] };
}

/**
 * "Annotate every site": call first thing in the click handler. `known` is the access read when
 * the page opened: when it already covers the request, no prompt is shown (and none is awaited).
 */
export function requestEverySite(known?: GrantedAccess | null): Promise<boolean> {
  if (known?.everySite) return Promise.resolve(true);
  return browser.permissions.request({ origins: [EVERY_SITE] });
}

/** "Always run on this site": call first thing in the click handler (see requestEverySite). */
export function requestSite(host: string, known?: GrantedAccess | null): Promise<boolean> {
  if (known && hasAccessTo(known, host)) return Promise.resolve(true);
  return browser.permissions.request({ origins: sitePatterns(host) });
}

/** Calls `listener` when the user grants or revokes access (in Firefox, also from the add-ons manager). */
export function onAccessChanged(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
