/**
 * Which pages the content script may run on by itself, as match patterns: pure, so the background's
 * registration, the popup and the options page agree, and tests can check every mode.
 *
 * Undersigned asks for no host access at install (activeTab covers "Scan this page"). Access to
 * sites is optional and granted by the user: every site at once (EVERY_SITE), or one site at a
 * time ("Always run on this site"). The content script is registered only where the user's mode
 * and the granted access both say yes; the deny list is applied by the content script itself.
 */
import { listCovers, type Settings } from '../settings/settings';
import { httpUrl } from '../url/http';

/** Every http(s) page: what "Annotate every site" asks for. */
export const EVERY_SITE = '*://*/*';

/** The id of the dynamically registered content script. */
export const CONTENT_SCRIPT_ID = 'undersigned-content';

/** The patterns that grant a site: the host and its subdomains, as the allow list means it. */
export function sitePatterns(host: string): string[] {
  return [`*://${host}/*`, `*://*.${host}/*`];
}

/** The host of a page Undersigned can read (http or https), or null (browser pages, files, stores). */
export function scannableHost(url: string | undefined): string | null {
  const parsed = url ? httpUrl(url) : null;
  return parsed?.hostname.toLowerCase() || null;
}

/** What the browser has granted, as the background reads it. */
export interface GrantedAccess {
  everySite: boolean;
  /** Granted origin patterns (permissions.getAll().origins). */
  origins: readonly string[];
}

/** Whether `patterns`' host part ("*.example.com", "example.com") covers `host`. */
function patternCovers(pattern: string, host: string): boolean {
  const match = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!match) return pattern === '<all_urls>';
  const patternHost = match[2]!.toLowerCase();
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const base = patternHost.slice(2);
    return host === base || host.endsWith(`.${base}`);
  }
  return host === patternHost;
}

/** Whether the granted access lets the content script read pages of `host`. */
export function hasAccessTo(access: GrantedAccess, host: string): boolean {
  return access.everySite || access.origins.some((pattern) => patternCovers(pattern, host));
}

/**
 * The match patterns to register the content script for, or [] for none.
 * - everywhere: every site if granted, else the sites granted one by one;
 * - allowed-sites: the allow list's sites that have access;
 * - on-click: none (the popup injects it into the tab on request).
 */
export function registrationMatches(settings: Settings, access: GrantedAccess): string[] {
  if (settings.mode === 'on-click') return [];
  if (settings.mode === 'everywhere') {
    if (access.everySite) return [EVERY_SITE];
    return [...new Set(access.origins.filter((o) => /^(\*|https?):\/\//.test(o)))].sort();
  }
  const patterns = settings.allowList
    .filter((host) => hasAccessTo(access, host))
    .flatMap((host) => sitePatterns(host));
  return [...new Set(patterns)].sort();
}

/** How the popup describes its tab's access. */
export type SiteAccess =
  /** A page no extension may read (browser pages, the stores, files). */
  | { kind: 'restricted' }
  /**
   * Undersigned has no access to this site: "Scan this page" (activeTab) or grant it. The host is
   * null when the browser hides the tab's URL (no access and no activeTab grant).
   */
  | { kind: 'no-access'; host: string | null }
  /** It has access, but the user's settings keep it off here: "Scan this page" or run always. */
  | { kind: 'off'; host: string; reason: 'on-click' | 'not-allowed' | 'denied' }
  /** It runs here by itself. */
  | { kind: 'on'; host: string };

/** `tabExists`: a tab whose URL the browser did not show us (no access to it) is not "restricted". */
export function siteAccessOf(
  url: string | undefined,
  settings: Settings,
  access: GrantedAccess,
  tabExists = true,
): SiteAccess {
  if (url === undefined && tabExists) return { kind: 'no-access', host: null };
  const host = scannableHost(url);
  if (host === null) return { kind: 'restricted' };
  if (listCovers(settings.denyList, host)) return { kind: 'off', host, reason: 'denied' };
  if (settings.mode === 'on-click') return { kind: 'off', host, reason: 'on-click' };
  if (settings.mode === 'allowed-sites' && !listCovers(settings.allowList, host))
    return { kind: 'off', host, reason: 'not-allowed' };
  return hasAccessTo(access, host) ? { kind: 'on', host } : { kind: 'no-access', host };
}

/**
 * The settings after "Always run on this site": off the deny list, and in the modes that would not
 * run it by themselves, on the allow list (from "only when I click", that means sites I allow).
 */
export function settingsToRunOn(settings: Settings, host: string): Partial<Settings> {
  const patch: Partial<Settings> = { denyList: settings.denyList.filter((h) => !listCovers([h], host)) };
  if (settings.mode !== 'everywhere') {
    patch.mode = 'allowed-sites';
    if (!listCovers(settings.allowList, host)) patch.allowList = [...settings.allowList, host];
  }
  return patch;
}
