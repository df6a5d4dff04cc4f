import { describe, expect, it } from 'vitest';
import { MentionIndex } from '../../../lib/content/mention-index';

describe('MentionIndex', () => {
  const doc = document.implementation.createHTMLDocument('t');
  const a = doc.createTextNode('Ben Stiller and Mark Ruffalo signed');
  const b = doc.createTextNode('Ruffalo again');
  const index = new MentionIndex([
    { node: a, start: 0, end: 11, value: 'ben-stiller' },
    { node: a, start: 16, end: 28, value: 'mark-ruffalo' },
    { node: b, start: 0, end: 7, value: 'mark-ruffalo' },
  ]);

  it('finds the piece containing a caret offset, edges included', () => {
    expect(index.at(a, 0)?.value).toBe('ben-stiller');
    expect(index.at(a, 11)?.value).toBe('ben-stiller');
    expect(index.at(a, 20)?.value).toBe('mark-ruffalo');
    expect(index.at(b, 3)?.value).toBe('mark-ruffalo');
  });

  it('finds nothing between mentions or in unindexed nodes', () => {
    expect(index.at(a, 13)).toBeUndefined();
    expect(index.at(a, 33)).toBeUndefined();
    expect(index.at(doc.createTextNode('x'), 0)).toBeUndefined();
  });

  it('keeps pieces in order when they arrive out of order', () => {
    const node = doc.createTextNode('one two three four');
    const unordered = new MentionIndex([
      { node, start: 8, end: 13, value: 'three' },
      { node, start: 0, end: 3, value: 'one' },
      { node, start: 14, end: 18, value: 'four' },
    ]);
    expect(unordered.at(node, 1)?.value).toBe('one');
    expect(unordered.at(node, 10)?.value).toBe('three');
    expect(unordered.at(node, 16)?.value).toBe('four');
  });
});
