/** The content side of the lookup: the message is checked, and the card is anchored at the selection. */
import { describe, expect, it, vi } from 'vitest';
import type { CardApi, CardRequest } from '../../../lib/content/card-api';
import { lookupRequest, showLookup, toLookupMessage } from '../../../lib/content/lookup';

describe('toLookupMessage', () => {
  it('accepts a query with an entity id or null, and nothing else', () => {
    expect(toLookupMessage({ query: 'Taika Waititi', entityId: 'taika-waititi' })).toEqual({
      query: 'Taika Waititi',
      entityId: 'taika-waititi',
    });
    expect(toLookupMessage({ query: 'Jane Nobody', entityId: null })).toEqual({
      query: 'Jane Nobody',
      entityId: null,
    });
    expect(toLookupMessage({ query: 'x' })).toBeNull();
    expect(toLookupMessage({ query: 1, entityId: null })).toBeNull();
    expect(toLookupMessage({ query: 'x'.repeat(201), entityId: null })).toBeNull();
    expect(toLookupMessage(null)).toBeNull();
  });
});

describe('lookupRequest and showLookup', () => {
  it('anchors at the selection, and marks a not-found lookup', () => {
    document.body.innerHTML = '';
    const p = document.createElement('p');
    p.textContent = 'A reader named Jane Nobody wrote in.';
    document.body.append(p);
    const range = document.createRange();
    range.setStart(p.firstChild!, 15);
    range.setEnd(p.firstChild!, 26);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);

    const request = lookupRequest(document, { query: 'Jane Nobody', entityId: null });
    expect(request.lookup).toEqual({ query: 'Jane Nobody', found: false });
    expect(request.contextElement).toBe(p);
    expect(request.takeFocus).toBe(false);
    expect(typeof request.anchorRect().top).toBe('number');

    const found = lookupRequest(document, { query: 'Taika Waititi', entityId: 'taika-waititi' });
    expect(found.ref).toEqual({ kind: 'entity', id: 'taika-waititi' });
    expect(found.lookup).toEqual({ query: 'Taika Waititi', found: true });
  });

  it('opens the card through the loaded card API, and refuses bad payloads or a torn-down script', async () => {
    const opened: CardRequest[] = [];
    const card = { open: vi.fn(async (r: CardRequest) => void opened.push(r)) } as unknown as CardApi;
    const live = new AbortController();
    expect(
      await showLookup(
        document,
        { query: 'Taika Waititi', entityId: 'taika-waititi' },
        async () => card,
        live.signal,
      ),
    ).toBe(true);
    expect(opened[0]?.ref.id).toBe('taika-waititi');
    expect(await showLookup(document, { query: 5 }, async () => card, live.signal)).toBe(false);
    expect(
      await showLookup(
        document,
        { query: 'x', entityId: null },
        () => Promise.reject(new Error('no card')),
        live.signal,
      ),
    ).toBe(false);
    live.abort();
    expect(await showLookup(document, { query: 'x', entityId: null }, async () => card, live.signal)).toBe(
      false,
    );
    expect(opened).toHaveLength(1);
  });
});
