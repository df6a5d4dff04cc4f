/** Where the content script may run by itself, per mode, lists and granted access (lib/access/sites.ts). */
import { describe, expect, it } from 'vitest';
import {
  EVERY_SITE,
  hasAccessTo,
  registrationMatches,
  scannableHost,
  settingsToRunOn,
  siteAccessOf,
  sitePatterns,
  type GrantedAccess,
} from '../../../lib/access/sites';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/settings';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });
const none: GrantedAccess = { everySite: false, origins: [] };
const all: GrantedAccess = { everySite: true, origins: [EVERY_SITE] };
const guardian: GrantedAccess = { everySite: false, origins: sitePatterns('theguardian.com') };

describe('registrationMatches', () => {
  it('registers nothing at install: no access has been granted', () => {
    expect(registrationMatches(settings(), none)).toEqual([]);
  });
  it('every site once granted, in the every-site mode', () => {
    expect(registrationMatches(settings(), all)).toEqual([EVERY_SITE]);
  });
  it('in the every-site mode without the broad grant, the sites granted one by one', () => {
    expect(registrationMatches(settings(), guardian)).toEqual(
      ['*://*.theguardian.com/*', '*://theguardian.com/*'].sort(),
    );
  });
  it('only the allowed sites that have access, in the allowed-sites mode', () => {
    const s = settings({ mode: 'allowed-sites', allowList: ['theguardian.com', 'nytimes.com'] });
    expect(registrationMatches(s, guardian)).toEqual(sitePatterns('theguardian.com').sort());
    // With every site granted, still only the allow list: the script does not load elsewhere.
    expect(registrationMatches(s, all)).toEqual(
      [...sitePatterns('theguardian.com'), ...sitePatterns('nytimes.com')].sort(),
    );
  });
  it('nothing in the only-when-I-click mode, whatever is granted', () => {
    expect(registrationMatches(settings({ mode: 'on-click' }), all)).toEqual([]);
  });
});

describe('hasAccessTo and scannableHost', () => {
  it('a site grant covers the host and its subdomains, not look-alikes', () => {
    expect(hasAccessTo(guardian, 'theguardian.com')).toBe(true);
    expect(hasAccessTo(guardian, 'www.theguardian.com')).toBe(true);
    expect(hasAccessTo(guardian, 'nottheguardian.com')).toBe(false);
    expect(hasAccessTo(all, 'example.org')).toBe(true);
    expect(hasAccessTo(none, 'example.org')).toBe(false);
  });
  it('only http and https pages are readable', () => {
    expect(scannableHost('https://www.BBC.co.uk/news')).toBe('www.bbc.co.uk');
    expect(scannableHost('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    for (const url of ['chrome://extensions', 'about:addons', 'file:///tmp/a.html', 'not a url', undefined])
      expect(scannableHost(url)).toBeNull();
  });
});

describe('siteAccessOf (what the popup says)', () => {
  const url = 'https://www.theguardian.com/film/story';
  it('restricted pages, and pages whose URL the browser hides', () => {
    expect(siteAccessOf('chrome://newtab/', settings(), all)).toEqual({ kind: 'restricted' });
    expect(siteAccessOf(undefined, settings(), none)).toEqual({ kind: 'no-access', host: null });
  });
  it('no access, on, off by mode, list or deny list', () => {
    expect(siteAccessOf(url, settings(), none)).toEqual({ kind: 'no-access', host: 'www.theguardian.com' });
    expect(siteAccessOf(url, settings(), guardian).kind).toBe('on');
    expect(siteAccessOf(url, settings({ mode: 'on-click' }), all)).toMatchObject({ reason: 'on-click' });
    expect(siteAccessOf(url, settings({ mode: 'allowed-sites' }), all)).toMatchObject({
      reason: 'not-allowed',
    });
    expect(siteAccessOf(url, settings({ denyList: ['theguardian.com'] }), all)).toMatchObject({
      reason: 'denied',
    });
  });
});

describe('settingsToRunOn ("Always run on this site")', () => {
  it('takes the site off the deny list', () => {
    expect(
      settingsToRunOn(settings({ denyList: ['theguardian.com', 'x.org'] }), 'www.theguardian.com'),
    ).toEqual({ denyList: ['x.org'] });
  });
  it('adds it to the allow list, and leaves "only when I click" for "sites I allow"', () => {
    expect(settingsToRunOn(settings({ mode: 'on-click', allowList: ['x.org'] }), 'bbc.co.uk')).toEqual({
      denyList: [],
      mode: 'allowed-sites',
      allowList: ['x.org', 'bbc.co.uk'],
    });
    // Already covered by a listed parent domain: the list is left alone.
    expect(
      settingsToRunOn(settings({ mode: 'allowed-sites', allowList: ['bbc.co.uk'] }), 'www.bbc.co.uk'),
    ).toEqual({ denyList: [], mode: 'allowed-sites' });
  });
});
