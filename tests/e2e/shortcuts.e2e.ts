/**
 * The shortcuts are assigned in both browsers (Chromium refused Alt+Shift+N and Alt+Shift+P, and
 * then every suggestion of the extension), the options page lists the keys in force with where to
 * change them, and the welcome page names the same keys.
 */
import { expect } from 'vitest';
import { SUGGESTED_SHORTCUTS } from '../../lib/ui/shortcuts';
import { defineE2E } from './harness';

defineE2E('both shortcuts are assigned, and the options and welcome pages name them', async (t) => {
  const assigned = await t.background.evaluate(async (api) =>
    (await api.commands.getAll()).map(({ name, shortcut }) => ({
      name: name ?? '',
      shortcut: shortcut ?? '',
    })),
  );
  const keyOf = (name: string) => assigned.find((command) => command.name === name)?.shortcut;
  expect(keyOf('next-mention')).toBe(SUGGESTED_SHORTCUTS['next-mention']);
  expect(keyOf('previous-mention')).toBe(SUGGESTED_SHORTCUTS['previous-mention']);

  const options = await t.openOptions();
  await options.waitForSelector('[data-testid="shortcut"] kbd');
  const listed = await options.$$eval('[data-testid="shortcut"]', (rows) =>
    rows.map((row) => [row.getAttribute('data-command'), row.querySelector('kbd')?.textContent ?? null]),
  );
  expect(listed).toEqual([
    ['next-mention', keyOf('next-mention')],
    ['previous-mention', keyOf('previous-mention')],
  ]);
  const how = await t.textOf(options, '[data-testid="shortcuts-how"]');
  if (t.browserName === 'chromium') expect(how).toContain('chrome://extensions/shortcuts');
  else expect(how).toContain('Manage Extension Shortcuts');
  await t.screenshot('options-shortcuts', options);

  const welcome = await t.openExtensionPage('welcome.html');
  const text = await t.textOf(welcome, 'main');
  expect(text).toContain(keyOf('next-mention'));
  expect(text).toContain(keyOf('previous-mention'));
  expect(text).not.toMatch(/Alt\+Shift\+[NP]\b/);
  expect(await t.consoleErrors()).toEqual([]);
});
