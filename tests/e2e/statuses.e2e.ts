/**
 * One card for each status a person can have, in both browsers, with a screenshot of each (looked
 * at by a person when the wording or the styles change): signed, reported by one outlet, organiser,
 * in the debate but not a signatory, and an unconfirmed claim. A single-outlet signatory must say
 * so wherever "signed" would appear.
 */
import { expect } from 'vitest';
import { cardState, expectCardInViewport, pointOf } from './support/page';
import { defineE2E } from './harness';

const STATUSES = [
  {
    name: 'Mark Ruffalo',
    shot: 'signed',
    says: [/Signed the letter/, /Named as a signatory by \d+ outlets/],
  },
  {
    name: 'Patton Oswalt',
    shot: 'signed-single',
    says: [/Reported by one outlet only/, /One outlet names them as a signatory/],
    never: /Signed the letter|by \d+ outlets/,
  },
  { name: 'Natasha Lyonne', shot: 'organiser', says: [/Organised and signed the letter/] },
  { name: 'Sam Altman', shot: 'actor', says: [/Not a signatory/], never: /Signed the letter/ },
  { name: 'Billie Eilish', shot: 'unconfirmed', says: [/Unconfirmed claim/], never: /Signed the letter/ },
];

defineE2E('each status has its own card, and a single outlet is said as such', async (t) => {
  const page = await t.open('/pages/statuses.html');
  await t.waitForTabReport(page);
  await page.bringToFront();
  for (const { name, shot, says, never } of STATUSES) {
    await page.keyboard.press('Escape');
    await page.mouse.move(1, 1);
    const { x, y } = await pointOf(page, name);
    await page.mouse.move(x, y);
    const text = await t.poll(`${name}'s card`, async () => {
      const card = await cardState(page).then((state) => state?.text ?? null);
      return card?.includes(name) ? card : undefined;
    });
    for (const pattern of says) expect(text, name).toMatch(pattern);
    if (never) expect(text, name).not.toMatch(never);
    await expectCardInViewport(t, page);
    await t.screenshot(`status-${shot}`, page);
  }
  expect(await t.consoleErrors()).toEqual([]);
});
