/**
 * The popup's answer to a lookup the page could not show: read from storage.session (also when it
 * arrives after the popup opened), the person's status with sources, or "not found" — never more.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOOKUP_MAX_AGE_MS, LookupPanel } from '../../../components/popup/LookupPanel';
import { LOOKUP_SESSION_KEY, type StoredLookup } from '../../../lib/messaging/storage';
import { msg } from '../card/messages';
import { click, mount, startBackground, text, waitFor } from './helpers';

const NOW = 1_800_000_000_000;
let cleanup: (() => void) | null = null;

beforeEach(() => {
  startBackground();
});
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.restoreAllMocks();
});

const store = (lookup: Omit<StoredLookup, 'at'>, at = NOW - 1000) =>
  fakeBrowser.storage.session.set({ [LOOKUP_SESSION_KEY]: { ...lookup, at } });

function show() {
  const mounted = mount(<LookupPanel now={() => NOW} />);
  cleanup = mounted.unmount;
  return mounted.host;
}

describe('LookupPanel', () => {
  it('shows a signatory’s status with its sources', async () => {
    await store({ query: 'Taika Waititi', entityId: 'taika-waititi', match: 'exact' });
    const host = show();
    const found = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-found"]'));
    expect(text(host.querySelector('h2'))).toBe('You looked up “Taika Waititi”');
    expect(text(found)).toContain('Taika Waititi');
    expect(text(found)).toContain('Signed the letter');
    expect(found.querySelectorAll('a[href^="https://"]').length).toBeGreaterThan(0);
    for (const link of found.querySelectorAll('a')) expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('says "reported by one outlet" for a single-outlet signatory, its copy labelled as a copy', async () => {
    await store({ query: 'Adam Scott', entityId: 'adam-scott', match: 'exact' });
    const host = show();
    const found = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-found"]'));
    expect(found.getAttribute('data-status')).toBe('signedSingle');
    expect(text(found)).toContain('Reported by one outlet only');
    expect(text(found)).toContain(msg('cardSignedSingleDetail'));
    expect(text(found)).toContain(msg('cardSourceCopy', 'blog.recruitology.com'));
    expect(text(found)).not.toMatch(/signed the letter/i);
  });

  it('counts a signatory’s outlets apart from content-farm copies', async () => {
    await store({ query: 'Cate Blanchett', entityId: 'cate-blanchett', match: 'exact' });
    const host = show();
    const found = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-found"]'));
    expect(text(found)).toContain(msg('cardNamedByOutletsCopies', '47', '18'));
  });

  it('keeps an unconfirmed claim unconfirmed', async () => {
    await store({ query: 'Lana Wachowski', entityId: 'lana-wachowski', match: 'exact' });
    const host = show();
    const found = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-found"]'));
    expect(found.getAttribute('data-status')).toBe('unconfirmed');
    expect(text(found)).toContain('Unconfirmed claim');
    expect(text(found)).not.toMatch(/signed the letter/i);
  });

  it('says "not found among the published names", never "did not sign", and can be dismissed', async () => {
    await store({ query: 'Jane Nobody', entityId: null, match: 'none' });
    const host = show();
    const answer = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-not-found"]'));
    expect(text(answer)).toContain(
      '“Jane Nobody” is not found among the 40 published names of the 400+ signatories.',
    );
    expect(text(host)).not.toMatch(/did not sign|signed the letter/i);
    await click(host.querySelector('button'));
    await waitFor('the panel to go', () => host.querySelector('[data-testid="lookup-panel"]') === null);
    expect(await fakeBrowser.storage.session.get(LOOKUP_SESSION_KEY)).toEqual({});
  });

  it('shows a lookup stored after the popup opened, and ignores old or malformed ones', async () => {
    await store({ query: 'Old Name', entityId: null, match: 'none' }, NOW - LOOKUP_MAX_AGE_MS - 1);
    const host = show();
    await waitFor('a first render', () => true);
    expect(host.querySelector('[data-testid="lookup-panel"]')).toBeNull();

    await fakeBrowser.storage.session.set({ [LOOKUP_SESSION_KEY]: { query: 42, at: NOW } });
    await waitFor('a render', () => true);
    expect(host.querySelector('[data-testid="lookup-panel"]')).toBeNull();

    await store({ query: 'Cate Blanchett', entityId: 'cate-blanchett', match: 'exact' });
    const found = await waitFor('the answer', () => host.querySelector('[data-testid="lookup-found"]'));
    expect(text(found)).toContain('Cate Blanchett');
  });
});
