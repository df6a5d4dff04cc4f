/** The shortcuts the options page lists: our commands in order, an empty key shown as unassigned. */
import { describe, expect, it } from 'vitest';
import {
  shortcutDescriptionKey,
  shortcutHelpKey,
  shortcutRows,
  SUGGESTED_SHORTCUTS,
} from '../../../lib/ui/shortcuts';

describe('shortcutRows', () => {
  it('lists next, then previous, with the keys the browser assigned', () => {
    const rows = shortcutRows([
      { name: 'previous-mention', shortcut: 'Alt+Shift+K' },
      { name: '_execute_action', shortcut: 'Ctrl+Shift+U' },
      { name: 'next-mention', shortcut: 'Alt+Shift+J' },
    ]);
    expect(rows).toEqual([
      { name: 'next-mention', shortcut: 'Alt+Shift+J' },
      { name: 'previous-mention', shortcut: 'Alt+Shift+K' },
    ]);
  });

  it('says a command has no key when the browser left it empty or did not list it', () => {
    // Chromium reports a refused suggestion as shortcut "".
    expect(shortcutRows([{ name: 'next-mention', shortcut: '' }, { name: 'previous-mention' }])).toEqual([
      { name: 'next-mention', shortcut: null },
      { name: 'previous-mention', shortcut: null },
    ]);
    expect(shortcutRows([]).map((row) => row.shortcut)).toEqual([null, null]);
  });
});

describe('the suggested keys', () => {
  it('avoid the keys Chromium refused (Alt+Shift+N, Alt+Shift+P) and differ from each other', () => {
    const keys = Object.values(SUGGESTED_SHORTCUTS);
    expect(keys).not.toContain('Alt+Shift+N');
    expect(keys).not.toContain('Alt+Shift+P');
    expect(new Set(keys).size).toBe(keys.length);
    // Chrome's rule: Ctrl or Alt, never both (AltGr).
    for (const key of keys) expect(/^(Ctrl|Alt)\+/.test(key) && !/Ctrl\+Alt|Alt\+Ctrl/.test(key)).toBe(true);
  });

  it('are the manifest commands, with their descriptions', () => {
    expect(shortcutDescriptionKey('next-mention')).toBe('commandNextMention');
    expect(shortcutDescriptionKey('previous-mention')).toBe('commandPreviousMention');
  });
});

describe('shortcutHelpKey', () => {
  it('points Chrome users to its shortcuts page and Firefox users to the add-ons manager', () => {
    expect(shortcutHelpKey('chrome')).toBe('optionsShortcutsHowChrome');
    expect(shortcutHelpKey('firefox')).toBe('optionsShortcutsHowFirefox');
  });
});
