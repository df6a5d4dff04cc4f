/** The popup's and options page's data facts come from one getInfo, not four round-trips. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDataFacts } from '../../../components/popup/data';
import { bundled, startBackground } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('loadDataFacts', () => {
  it('asks the background once, and gets the version, letter, counts and date', async () => {
    const bg = startBackground();
    const facts = await loadDataFacts();
    expect(bg.sent.map(([type]) => type)).toEqual(['getInfo']);
    expect(facts).toMatchObject({
      info: { dataVersion: bundled.version, signatoriesPublished: bundled.counts.signatoriesPublished },
      letter: { id: bundled.letter.id },
      counts: bundled.counts,
      dataDate: bundled.compiled,
    });
    await bg.store.close();
  });
});
