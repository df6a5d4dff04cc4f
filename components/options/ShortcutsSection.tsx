/**
 * The keyboard shortcuts as the browser has them now (commands.getAll(): a user may have changed
 * or removed them, and a browser may have refused a suggestion) and where to change them: Chrome's
 * shortcuts page, or Firefox's add-ons manager ("Manage Extension Shortcuts").
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/ui/i18n';
import {
  CHROME_SHORTCUTS_URL,
  shortcutDescriptionKey,
  shortcutHelpKey,
  shortcutRows,
  type ShortcutBrowser,
  type ShortcutRow,
} from '../../lib/ui/shortcuts';
import { Section } from './parts';

const BROWSER: ShortcutBrowser = import.meta.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

/** Firefox 137+ opens its shortcut settings for us; the polyfill's types predate it. */
type CommandsWithSettings = { openShortcutSettings?: () => Promise<void> };

async function readShortcuts(): Promise<ShortcutRow[]> {
  try {
    return shortcutRows(await browser.commands.getAll());
  } catch {
    // No commands API (a test double): list both as unassigned rather than nothing.
    return shortcutRows([]);
  }
}

function openShortcutSettings() {
  const commands = browser.commands as unknown as CommandsWithSettings;
  if (BROWSER === 'firefox' && commands.openShortcutSettings) void commands.openShortcutSettings();
  else if (BROWSER === 'chrome') void browser.tabs.create({ url: CHROME_SHORTCUTS_URL });
}

export function ShortcutsSection() {
  const [rows, setRows] = useState<ShortcutRow[] | null>(null);
  useEffect(() => {
    const refresh = () => void readShortcuts().then(setRows);
    refresh();
    // Back from the browser's settings page: show what the user set there.
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  return (
    <Section title={t('optionsShortcutsHeading')} testId="options-shortcuts">
      {rows && (
        <dl class="op-shortcuts">
          {rows.map((row) => (
            <div key={row.name} data-testid="shortcut" data-command={row.name}>
              <dt>{t(shortcutDescriptionKey(row.name))}</dt>
              <dd>
                {row.shortcut ? (
                  <kbd>{row.shortcut}</kbd>
                ) : (
                  <span class="op-hint">{t('optionsShortcutNotSet')}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p class="op-hint" data-testid="shortcuts-how">
        {t(shortcutHelpKey(BROWSER))}
      </p>
      <button type="button" class="us-btn" onClick={openShortcutSettings} data-testid="shortcuts-open">
        {t('optionsShortcutsOpen')}
      </button>
    </Section>
  );
}
