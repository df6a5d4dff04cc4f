/**
 * What the settings are: their type, defaults and checks, and which hosts they let the content
 * script read. Pure: no storage, no browser API (lib/settings/settings.ts reads and writes them).
 */
export type Mode = 'everywhere' | 'allowed-sites' | 'on-click';
export type MarkStyle = 'underline' | 'background' | 'none';
/**
 * How much is marked: people only; people and organisations (topics only at their first mention,
 * on pages about AI and copyright); or everything (every topic mention on such pages). Topics are
 * never marked on other pages, whatever the level.
 */
export type MarkLevel = 'people' | 'people-organisations' | 'everything';

export interface Settings {
  /** everywhere: scan every page (except denyList); allowed-sites: only allowList; on-click: only when asked. */
  mode: Mode;
  /** Host names ("example.com" also covers its subdomains). */
  allowList: string[];
  denyList: string[];
  markStyle: MarkStyle;
  markLevel: MarkLevel;
  /** Mark only the first mention of each person on a page. */
  firstMentionOnly: boolean;
  /** Show the number of people found on the toolbar badge. */
  badge: boolean;
  /** Keep a local reading history of pages where people were found. */
  history: boolean;
  /** Check dataUpdateUrl for newer data sets (off by default: no network unless asked). */
  dataUpdates: boolean;
  /** Where the data updater looks (https only); empty until the user or a release sets one. */
  dataUpdateUrl: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  mode: 'everywhere',
  allowList: [],
  denyList: [],
  markStyle: 'underline',
  // A page with every topic word underlined reads as noise (54 marks on 15 paragraphs).
  markLevel: 'people-organisations',
  firstMentionOnly: false,
  badge: true,
  history: true,
  dataUpdates: false,
  dataUpdateUrl: '',
});

const MODES: readonly Mode[] = ['everywhere', 'allowed-sites', 'on-click'];
const MARK_STYLES: readonly MarkStyle[] = ['underline', 'background', 'none'];
export const MARK_LEVELS: readonly MarkLevel[] = ['people', 'people-organisations', 'everything'];
const MAX_LIST = 1000;

/** "https://www.Example.com/x" or "Example.com." → "www.example.com" / "example.com"; null if not a host. */
export function normaliseHost(input: string): string | null {
  let host = input.trim().toLowerCase();
  if (host === '') return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/^\*\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/.test(host) || /^\[[0-9a-f:]+\]$/.test(host) ? host : null;
}

function hostList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const hosts = value
    .filter((v): v is string => typeof v === 'string')
    .map(normaliseHost)
    .filter((h): h is string => h !== null);
  return [...new Set(hosts)].slice(0, MAX_LIST);
}

/** An update URL must be https (plain http only on this machine, for development). */
export function isAllowedUpdateUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

/**
 * Only the valid fields of `input`, each checked: stored values come from older versions or other
 * contexts, and the options page sends whatever the user typed.
 */
export function sanitiseSettings(input: unknown): Partial<Settings> {
  if (typeof input !== 'object' || input === null) return {};
  const s = input as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (MODES.includes(s.mode as Mode)) out.mode = s.mode as Mode;
  if (MARK_STYLES.includes(s.markStyle as MarkStyle)) out.markStyle = s.markStyle as MarkStyle;
  // Settings stored before mark levels existed have none and take the default.
  if (MARK_LEVELS.includes(s.markLevel as MarkLevel)) out.markLevel = s.markLevel as MarkLevel;
  const allow = hostList(s.allowList);
  if (allow) out.allowList = allow;
  const deny = hostList(s.denyList);
  if (deny) out.denyList = deny;
  for (const key of ['firstMentionOnly', 'badge', 'history', 'dataUpdates'] as const) {
    if (typeof s[key] === 'boolean') out[key] = s[key];
  }
  if (typeof s.dataUpdateUrl === 'string') {
    const url = s.dataUpdateUrl.trim();
    if (url === '' || isAllowedUpdateUrl(url)) out.dataUpdateUrl = url;
  }
  return out;
}

/** The stored settings over the defaults. */
export function resolveSettings(stored: unknown): Settings {
  return { ...DEFAULT_SETTINGS, ...sanitiseSettings(stored) };
}

/** Whether the content script should scan a page on its own, per mode and lists. */
export function shouldScanHost(settings: Settings, hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (listCovers(settings.denyList, host)) return false;
  if (settings.mode === 'everywhere') return true;
  if (settings.mode === 'allowed-sites') return listCovers(settings.allowList, host);
  return false;
}

/** Whether an allow or deny list names `host` or a parent domain of it ("example.com" covers "www.example.com"). */
export function listCovers(list: readonly string[], host: string): boolean {
  return list.some((h) => host === h || host.endsWith(`.${h}`));
}
