/**
 * The options page's shortcuts: the keys the browser reports (commands.getAll()), "No shortcut set"
 * for an empty one, and where to change them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ShortcutsSection } from '../../../components/options/ShortcutsSection';
import { msg } from '../card/messages';
import { text, waitFor } from '../popup/helpers';
import { useBackground } from '../support/ui';

// The background's set-up also gives the fake browser its locale strings.
const ui = useBackground();
afterEach(() => {
  vi.restoreAllMocks();
});

function show() {
  return ui.show(<ShortcutsSection />).host;
}

describe('the options page lists the shortcuts in force', () => {
  it('shows each assigned key, and says so when the browser left one empty', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: 'next-mention', shortcut: 'Alt+Shift+J', description: '' },
      { name: 'previous-mention', shortcut: '', description: '' },
    ]);
    const host = show();
    const rows = await waitFor('the shortcut rows', () => {
      const found = [...host.querySelectorAll('[data-testid="shortcut"]')];
      return found.length === 2 ? found : undefined;
    });
    expect(rows[0]?.getAttribute('data-command')).toBe('next-mention');
    expect(text(rows[0]?.querySelector('dt'))).toBe(msg('commandNextMention'));
    expect(text(rows[0]?.querySelector('kbd'))).toBe('Alt+Shift+J');
    expect(rows[1]?.querySelector('kbd')).toBeNull();
    expect(text(rows[1]?.querySelector('dd'))).toBe(msg('optionsShortcutNotSet'));
    // The unit tests build for Chrome.
    expect(text(host.querySelector('[data-testid="shortcuts-how"]'))).toBe(msg('optionsShortcutsHowChrome'));
  });
});
