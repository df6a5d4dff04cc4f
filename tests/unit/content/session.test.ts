/** The page's annotation session: one annotator at a time, ended when the settings block the site. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageSession, emptyReport } from '../../../lib/content/session';
import { DEFAULT_SETTINGS } from '../../../lib/settings/settings';

const started: { options: { markStyle: string; signal: AbortSignal } }[] = [];
vi.mock('../../../lib/content/annotator', () => ({
  Annotator: class {
    constructor(readonly options: { markStyle: string; signal: AbortSignal }) {
      started.push(this);
    }
    start = vi.fn(async () => undefined);
  },
}));

let sent: unknown[];
beforeEach(() => {
  fakeBrowser.reset();
  started.length = 0;
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
    sent.push(message);
    return { ok: true };
  }) as never);
});
afterEach(() => vi.restoreAllMocks());

const session = () =>
  createPageSession({
    doc: document,
    matcher: {} as never,
    settings: DEFAULT_SETTINGS,
    loadCard: async () => ({}) as never,
  });

describe('createPageSession', () => {
  it('starts one annotator however often asked, with the settings in force', () => {
    const s = session();
    expect(s.current()).toBeNull();
    s.useSettings({ ...DEFAULT_SETTINGS, markStyle: 'background' });
    const first = s.start();
    expect(s.start()).toBe(first);
    expect(s.current()).toBe(first);
    expect(started).toHaveLength(1);
    expect(started[0]!.options.markStyle).toBe('background');
  });

  it('ends the annotator and tells the background the tab shows nothing', async () => {
    const s = session();
    s.start();
    const { signal } = started[0]!.options;
    s.stop();
    expect(signal.aborted).toBe(true);
    expect(s.current()).toBeNull();
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'reportPage', data: emptyReport(document) }]));
    // A second stop, with nothing running, says nothing more; a new start is a new annotator.
    s.stop();
    s.start();
    expect(started).toHaveLength(2);
  });

  it('says nothing when the extension is going away', async () => {
    const s = session();
    s.start();
    s.stop(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual([]);
  });
});
