/**
 * lib/url: web addresses, parsed once for every context (background, content script, pages).
 * Pure: imports nothing.
 */

/** `raw` parsed as a URL when it is an http(s) page; null for anything else or for no URL at all. */
export function httpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}
