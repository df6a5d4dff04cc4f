/**
 * The keyboard shortcuts: the keys we suggest (wxt.config.ts puts them in the manifest) and how
 * the options page lists what the browser actually assigned (browser.commands.getAll()).
 *
 * Chromium leaves a suggested key unassigned when it collides with a shortcut it keeps for itself,
 * and then drops every suggestion of the extension: Alt+Shift+N and Alt+Shift+P came back empty in
 * Chromium 156 (Firefox assigned them). Alt+Shift+J and Alt+Shift+K are assigned by both browsers
 * (tests/e2e/shortcuts.e2e.ts), and read as "down" and "up" to anyone who knows j/k navigation.
 * Pure: the config imports it in Node.
 */

export const SUGGESTED_SHORTCUTS = {
  'next-mention': 'Alt+Shift+J',
  'previous-mention': 'Alt+Shift+K',
} as const;

export type ShortcutCommand = keyof typeof SUGGESTED_SHORTCUTS;

/** What commands.getAll() gives for one command (both browsers; every field optional). */
export interface AssignedCommand {
  name?: string;
  description?: string;
  shortcut?: string;
}

export interface ShortcutRow {
  name: ShortcutCommand;
  /** The key the browser assigned, or null when none is (refused, removed or taken by another). */
  shortcut: string | null;
}

/** Our commands in a fixed order (next, then previous), with what the browser assigned to each. */
export function shortcutRows(assigned: readonly AssignedCommand[]): ShortcutRow[] {
  return (Object.keys(SUGGESTED_SHORTCUTS) as ShortcutCommand[]).map((name) => {
    const shortcut = assigned.find((command) => command.name === name)?.shortcut?.trim();
    return { name, shortcut: shortcut ? shortcut : null };
  });
}

/** Chromium's page for extension shortcuts (an extension page may open it with tabs.create). */
export const CHROME_SHORTCUTS_URL = 'chrome://extensions/shortcuts';

export type ShortcutBrowser = 'chrome' | 'firefox';

/** Where a user changes the shortcuts, in the words of the browser they use (a message key). */
export function shortcutHelpKey(browser: ShortcutBrowser): string {
  return browser === 'firefox' ? 'optionsShortcutsHowFirefox' : 'optionsShortcutsHowChrome';
}

/** The message key that describes a command (the same words the browser's shortcut settings show). */
export function shortcutDescriptionKey(name: ShortcutCommand): string {
  return name === 'next-mention' ? 'commandNextMention' : 'commandPreviousMention';
}
