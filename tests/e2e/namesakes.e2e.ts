/**
 * Namesakes in both browsers: the golfer Adam Scott and Senator Paul Simon get no mark, no report
 * and no badge; on a page about the letter, "Stella McCartney", "Jerry Stiller" and the other
 * Trumps are not marked while the signatories and the bare surnames after them are.
 */
import { expect } from 'vitest';
import { badgeText, markedTexts } from './support/page';
import { defineE2E } from './harness';

for (const [file, who] of [
  ['namesake-golfer', 'the golfer Adam Scott'],
  ['namesake-senator', 'Senator Paul Simon'],
] as const) {
  defineE2E(`${who} is not marked, reported or counted`, async (t) => {
    const page = await t.open(`/fixtures/${file}.html`);
    const report = await t.waitForTabReport(page);
    expect(report.people).toEqual([]);
    expect(await markedTexts(page)).toEqual([]);
    expect(await badgeText(t, await t.tabIdOf(page))).toBe('');
  });
}

defineE2E('a surname after another given name is not marked; the signatories are', async (t) => {
  const page = await t.open('/fixtures/namesake-given-names.html');
  const report = await t.waitForTabReport(page);
  expect(report.people.map((p) => p.id)).toEqual([
    'paul-mccartney',
    'ben-stiller',
    'openai',
    'sam-altman',
    'donald-trump',
  ]);
  const marked = await t.poll('the marks', async () => {
    const texts = await markedTexts(page);
    return texts.some((m) => m.endsWith(':Stiller')) ? texts : undefined;
  });
  const people = marked.filter((m) => !m.startsWith('undersigned-topic'));
  for (const wrong of ['Stella', 'Jerry', 'Robert', 'Melania', 'Ivanka', 'Eric', 'Barron', 'Lara'])
    expect(people.join('|')).not.toContain(wrong);
  // Each surname once: in the last paragraph, after the full names, never after another given name.
  for (const surname of ['McCartney', 'Stiller'])
    expect(
      people.filter((m) => m.endsWith(`:${surname}`)),
      surname,
    ).toHaveLength(1);
  expect(await badgeText(t, await t.tabIdOf(page))).toBe('2');
});
